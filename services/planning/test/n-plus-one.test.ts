import { REFERENCE_TERRITORIES } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import {
  expectEveryEntityCovered,
  expectFlatMetricReports,
  expectFlatStatements,
  type FlatCase,
  itRunsFlat,
  tenAtATime,
} from '@participa/testing/n-plus-one';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningService } from '../src/service.ts';
import { APPROVE, activityInput, createPlan, SUBMIT } from './helpers.ts';

// No N+1: a page of 5 and a page of 50 entities, with every nested field (those of the territory
// subgraph too), cost each service the same number of SQL statements. The small network gets 5 of
// each record, the large one 50.
let graph: TestGraph;
const SMALL = 'NORTE';
const LARGE = 'ORIENTE';
const staff = (network: string): Caller => ({ role: 'ese_staff', network, sub: `staff-${network}` });
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretaria-n1' };

const comunasOf = (network: string) =>
  REFERENCE_TERRITORIES.filter((t) => t.networkCode === network && t.kind === 'COMUNA').map((t) => t.id);

/** Runs `task` for 0…count-1, ten at a time (independent records; the machine has few cores). */
async function createOrganizations(network: string, count: number) {
  const ids: string[] = [];
  const comunas = comunasOf(network);
  await tenAtATime(count, async (i) => {
    const { createOrganization } = await graph.data<{ createOrganization: { id: string } }>(
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      {
        input: {
          networkCode: network,
          name: `Veeduría en Salud ${network} ${i + 1}`,
          kind: i % 2 ? 'VEEDURIA' : 'ASOCIACION_USUARIOS',
          territoryIds: [comunas[i % comunas.length]],
        },
      },
      staff(network),
    );
    ids[i] = createOrganization.id;
  });
  return ids;
}

/** An approved plan of the network whose `count` activities each have evidence, progress and budget. */
async function planWithActivities(network: string, year: number, count: number, organizations: string[]) {
  const as = staff(network);
  const comunas = comunasOf(network);
  const planId = await createPlan(graph, network, year, as);
  const activities: string[] = [];
  const items: string[] = [];
  await tenAtATime(count, async (i) => {
    const { addActivity } = await graph.data<{ addActivity: { id: string } }>(
      'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }',
      {
        input: activityInput(planId, year, {
          title: `Asamblea comunitaria de salud ${i + 1}`,
          description: 'Diálogo con la comunidad sobre las prioridades del plan territorial de salud.',
          axisCodes: i % 2 ? ['EJE2', 'EJE3'] : ['EJE4'],
          territoryIds: [comunas[i % comunas.length], comunas[(i + 1) % comunas.length]],
          responsibleOrganizationIds: [organizations[i % organizations.length]],
          procedures: ['CONTROL_SOCIAL'],
          phases: ['IMPLEMENTACION'],
        }),
      },
      as,
    );
    activities[i] = addActivity.id;
    const { addBudgetItem } = await graph.data<{ addBudgetItem: { id: string } }>(
      'mutation ($input: AddBudgetItemInput!) { addBudgetItem(input: $input) { id } }',
      {
        input: {
          activityId: addActivity.id,
          resourceType: 'MATERIAL',
          fundingSource: 'MUNICIPAL_BUDGET',
          description: 'Refrigerios y material impreso',
          plannedAmount: 1_200_000,
        },
      },
      as,
    );
    items[i] = addBudgetItem.id;
  });
  await graph.data(SUBMIT, { id: planId }, as);
  await graph.data(APPROVE, { id: planId }, SECRETARIAT);
  await tenAtATime(count, async (i) => {
    await graph.data(
      'mutation ($input: AddActivityEvidenceInput!) { addActivityEvidence(input: $input) { id } }',
      {
        input: {
          activityId: activities[i],
          name: `Acta de la asamblea ${i + 1}`,
          kind: 'MINUTES',
          url: `https://participa.example.org/actas/${network}-${i + 1}.pdf`,
          date: `${year}-03-15`,
        },
      },
      as,
    );
    await graph.data(
      'mutation ($input: RecordActivityProgressInput!) { recordActivityProgress(input: $input) { id } }',
      { input: { activityId: activities[i], executedQuantity: 4, note: 'Cuatro asambleas realizadas.' } },
      as,
    );
    await graph.data(
      'mutation ($input: RecordBudgetExecutionInput!) { recordBudgetExecution(input: $input) { id } }',
      { input: { budgetItemId: items[i], executedAmount: 800_000, note: 'Factura del proveedor' } },
      as,
    );
  });
  return planId;
}

async function commitmentActs(network: string, count: number, organizations: string[]) {
  await tenAtATime(count, async (i) => {
    const { createCommitmentAct } = await graph.data<{
      createCommitmentAct: { commitments: { id: string }[] };
    }>(
      'mutation ($input: CreateCommitmentActInput!) { createCommitmentAct(input: $input) { commitments { id } } }',
      {
        input: {
          title: `Acta de compromiso del encuentro comunitario ${i + 1}`,
          eventName: `Encuentro de veedurías en salud ${i + 1}`,
          date: '2026-03-14',
          place: 'Salón comunal',
          summary: 'Compromisos sobre la oportunidad de las citas.',
          networkCodes: [network],
          commitments: [
            {
              description: 'Socializar el portafolio de servicios en la comuna',
              responsibleOrganizationId: organizations[i % organizations.length],
              dueDate: '2027-06-30',
            },
          ],
          signatories: [
            {
              name: 'María Eugenia Cárdenas',
              organizationId: organizations[i % organizations.length],
              role: 'Presidenta',
            },
          ],
        },
      },
      staff(network),
    );
    await graph.data(
      'mutation ($input: RecordCommitmentFollowUpInput!) { recordCommitmentFollowUp(input: $input) { id } }',
      {
        input: {
          commitmentId: createCommitmentAct.commitments[0]!.id,
          note: 'Se presentó el portafolio en la asamblea.',
          status: 'IN_PROGRESS',
        },
      },
      staff(network),
    );
  });
}

const plans: Record<string, string> = {};
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService]);
  await Promise.all(
    [
      [SMALL, 5],
      [LARGE, 50],
    ].map(async ([network, count]) => {
      const code = network as string;
      const n = count as number;
      const organizations = await createOrganizations(code, n);
      plans[code] = await planWithActivities(code, 2030, n, organizations);
      // More plans of the network, one a year, for the page of plans (n in all).
      await tenAtATime(n - 1, (i) => createPlan(graph, code, 2040 + i, staff(code)));
      await commitmentActs(code, n, organizations);
    }),
  );
}, 120_000);
afterAll(() => graph?.stop());

const AUDIT = 'auditTrail { at action actor details }';
const ACTIVITY = `id title description procedures phases startDate endDate goalQuantity goalUnit
  executedQuantity status progress budgetPlanned budgetExecuted evaluationResult
  plan { id year status }
  axes { code name lines { code name axis { code } } }
  actionLines { code name retired axis { code } }
  territories { code name network { code } }
  responsibleOrganizations { name kind network { code } commitments { description } }
  evidence { id name kind url date }
  progressHistory { id executedQuantity status note recordedBy recordedAt }
  budgetItems { id resourceType fundingSource description plannedAmount executedAmount executionRate
    activity { id } executions { id amount date note justification recordedAt } }
  carriedFrom { id }
  ${AUDIT}`;
const PLAN = `id year title generalObjective specificObjectives status returnReason progress budgetPlanned
  budgetExecuted submittedAt approvedAt closedAt createdAt evaluation { achievements }
  previousPlan { id } network { code name } activities { id title } ${AUDIT}`;
const COMMITMENT = `id description dueDate status overdue responsibleOrganization { name network { code } }
  act { title } followUps { id note status recordedAt }`;

type Edges = { edges: { cursor: string; node: Record<string, unknown> }[] };
type Nodes = { node: Record<string, unknown> }[];

/** Each case: the entity types it covers and its query; `variables` picks the 5 or the 50. */
const CASES: Record<string, FlatCase> = {
  activities: {
    covers: [
      'Activity',
      'StrategicAxis',
      'ActionLine',
      'Territory',
      'Organization',
      'Evidence',
      'ProgressEntry',
      'BudgetItem',
      'BudgetExecution',
      'AuditEvent',
    ],
    bound: 11,
    variables: (network: string) => ({ id: plans[network] }),
    query: `query ($id: ID!) { actionPlan(id: $id) { activities { ${ACTIVITY} } } }`,
    size: (data: { actionPlan: { activities: Record<string, unknown[]>[] } }) => {
      const activity = data.actionPlan.activities[0]!;
      for (const field of ['territories', 'evidence', 'progressHistory', 'budgetItems', 'auditTrail']) {
        expect(activity[field]!.length).toBeGreaterThan(0);
      }
      return data.actionPlan.activities.length;
    },
  },
  plans: {
    covers: ['ActionPlan', 'ActionPlanEdge', 'Network'],
    bound: 5,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      actionPlansConnection(networkCode: $network, first: 50) {
        totalCount pageInfo { hasNextPage } edges { cursor node { ${PLAN} } }
      }
    }`,
    size: (data: { actionPlansConnection: Edges }) => data.actionPlansConnection.edges.length,
  },
  commitmentActs: {
    covers: ['CommitmentAct', 'CommitmentActEdge', 'Signatory'],
    bound: 4,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      commitmentActsConnection(networkCode: $network, first: 50) {
        totalCount edges { cursor node { id title eventName date place summary
          networks { code name }
          signatories { name role organization { name } }
          commitments { id description dueDate status overdue responsibleOrganization { name } } } }
      }
    }`,
    size: (data: { commitmentActsConnection: Edges }) => data.commitmentActsConnection.edges.length,
  },
  commitments: {
    covers: ['Commitment', 'CommitmentFollowUp'],
    bound: 4,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) { commitments(filter: { networkCode: $network }) { ${COMMITMENT} } }`,
    size: (data: { commitments: unknown[] }) => data.commitments.length,
  },
  // Entities of the territory subgraph that planning extends: each one's activities and commitments.
  organizations: {
    covers: [],
    bound: 4,
    variables: (network: string) => ({ network }),
    query: `query ($network: String!) {
      organizations(filter: { networkCode: $network }, first: 50) {
        edges { node { name activities { title plan { year } } commitments { description act { title } } } }
      }
    }`,
    size: (data: { organizations: { edges: Nodes } }) => {
      expect(data.organizations.edges[0]!.node.activities).not.toHaveLength(0);
      return data.organizations.edges.length;
    },
  },
};

describe('no N+1 in the planning subgraph: as many SQL statements for 50 entities as for 5', () => {
  itRunsFlat(() => graph, CASES, { small: SMALL, large: LARGE, as: staff });

  it('territories (Territory.activities): barrios and comunas with their activities', async () => {
    // Comunas sorted by code: the first 5, then 50 comunas and barrios, each with planning's activities.
    await expectFlatStatements<{ territoriesConnection: { edges: Nodes } }>(graph, {
      query: `query ($first: Int) {
        territoriesConnection(first: $first) { edges { node { code activities { title plan { year } } } } }
      }`,
      five: { first: 5 },
      fifty: { first: 50 },
      as: SECRETARIAT,
      size: (data) => data.territoriesConnection.edges.length,
      bound: 2,
    });
  });

  it('metric reports of 5 and 50 periods (MetricReport, MetricCell, MetricValue)', async () => {
    await expectFlatMetricReports(graph, 'planning', 1);
  });

  it('has a case for every entity type of the SDL', () => {
    expectEveryEntityCovered(planningService, CASES, ['MetricReport', 'MetricCell', 'MetricValue']);
  });
});
