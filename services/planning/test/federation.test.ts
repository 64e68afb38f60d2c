import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PlanningDb } from '../src/db/index.ts';
import { planningService } from '../src/service.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService], { demoData: true });
});
afterAll(() => graph?.stop());

const NETWORK_PLANS = /* GraphQL */ `
  query ($code: String!, $year: Int) {
    network(code: $code) {
      name
      actionPlans(year: $year) {
        year
        title
        status
        progress
        budgetPlanned
        budgetExecuted
        activities {
          title
          progress
          axes { code }
          territories { code name }
          responsibleOrganizations { name kind }
        }
      }
    }
  }
`;

interface NetworkPlans {
  network: {
    name: string;
    actionPlans: {
      year: number;
      title: string;
      status: string;
      progress: number;
      budgetPlanned: number;
      budgetExecuted: number;
      activities: {
        title: string;
        progress: number;
        axes: { code: string }[];
        territories: { code: string; name: string }[];
        responsibleOrganizations: { name: string; kind: string }[];
      }[];
    }[];
  };
}

it('returns Centro 2023 plan with its activities, comunas and responsible organizations (three subgraphs)', async () => {
  const data = await graph.data<NetworkPlans>(NETWORK_PLANS, { code: 'CENTRO', year: 2023 });
  const [plan] = data.network.actionPlans;
  expect(plan?.status).toBe('APPROVED');
  expect(plan?.activities).toHaveLength(9);
  const cartography = plan!.activities[8]!;
  expect(cartography.title).toBe('Elaboración de cartografía social y mapa de actores');
  expect(cartography.territories.map((t) => t.code)).toEqual(['C08', 'C09', 'C10', 'C11', 'C12']);
  expect(cartography.responsibleOrganizations.map((o) => o.name)).toContain(
    'Universidad del Valle, Escuela de Salud Pública',
  );
  expect(cartography.progress).toBe(80);
  expect(plan!.budgetPlanned).toBe(61_300_000);
  expect(plan!.budgetExecuted).toBe(54_850_000);
});

it('shows the Cali Conecta act with its six commitments and which are overdue', async () => {
  const data = await graph.data<{
    commitmentActs: {
      eventName: string;
      networks: { code: string }[];
      signatories: { name: string; organization: { name: string } | null }[];
      commitments: {
        status: string;
        overdue: boolean;
        dueDate: string;
        responsibleOrganization: { name: string };
      }[];
    }[];
  }>(`{ commitmentActs { eventName networks { code } signatories { name organization { name } }
        commitments { status overdue dueDate responsibleOrganization { name } } } }`);
  const [act] = data.commitmentActs;
  expect(act?.eventName).toMatch(/^Cali Conecta/);
  expect(act?.networks).toHaveLength(5);
  expect(act?.commitments).toHaveLength(6);
  expect(act?.signatories[0]?.organization?.name).toBe(
    'Asociación de Usuarios de la Red de Salud del Centro E.S.E.',
  );
  // Due 2025-03-31 and still pending: overdue from then on; fulfilled ones never are.
  expect(act?.commitments[3]).toMatchObject({ status: 'PENDING', overdue: true });
  expect(act?.commitments[1]).toMatchObject({ status: 'FULFILLED', overdue: false });
});

it('seeds demo data idempotently', async () => {
  const db = graph.databases.planning!.db as unknown as PlanningDb;
  await planningService.seedDemo!(db);
  const data = await graph.data<NetworkPlans>(NETWORK_PLANS, { code: 'CENTRO' });
  expect(data.network.actionPlans).toHaveLength(1);
  const acts = await graph.data<{ commitmentActs: unknown[] }>('{ commitmentActs { id } }');
  expect(acts.commitmentActs).toHaveLength(1);
});
