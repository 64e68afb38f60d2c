import { demoOrganizationId } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitmentActs, commitments } from '../src/db/schema.ts';
import { planningService } from '../src/service.ts';
import { CENTRO_STAFF, NORTE_STAFF, SECRETARIAT } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService], { demoData: true });
});
afterAll(() => graph?.stop());

const ASOU_CENTRO = demoOrganizationId('asou-CENTRO');
const NEXT_YEAR = new Date().getFullYear() + 1;
const SECRETARIA = demoOrganizationId('secretaria');
const CREATE = `mutation ($input: CreateCommitmentActInput!) {
  createCommitmentAct(input: $input) {
    id title eventName date place
    networks { code }
    signatories { name role organization { name } }
    commitments { id description dueDate status overdue responsibleOrganization { name } }
  }
}`;

function actInput(extra: Record<string, unknown> = {}) {
  return {
    title: 'Acta de compromiso del encuentro de veedurías 2026',
    eventName: 'Encuentro de veedurías en salud de la comuna 9',
    date: '2026-03-14',
    place: 'Centro de Salud Obrero',
    networkCodes: ['CENTRO'],
    commitments: [
      {
        description: 'Socializar el portafolio de servicios en la comuna 9',
        responsibleOrganizationId: ASOU_CENTRO,
        dueDate: `${NEXT_YEAR}-06-30`,
      },
      {
        description: 'Presentar el informe de PQRS del primer semestre',
        responsibleOrganizationId: SECRETARIA,
        dueDate: '2020-07-31',
      },
    ],
    signatories: [{ name: 'María Eugenia Cárdenas', organizationId: ASOU_CENTRO, role: 'Presidenta' }],
    ...extra,
  };
}

async function counts() {
  const db = graph.databases.planning!.db;
  const [acts] = await db.select({ n: count() }).from(commitmentActs);
  const [items] = await db.select({ n: count() }).from(commitments);
  return { acts: acts!.n, commitments: items!.n };
}

describe('createCommitmentAct', () => {
  it('records an act of the caller’s network with commitments and signatories resolved across subgraphs', async () => {
    const { createCommitmentAct: act } = await graph.data<{
      createCommitmentAct: {
        networks: { code: string }[];
        signatories: { name: string; organization: { name: string } }[];
        commitments: {
          description: string;
          overdue: boolean;
          status: string;
          responsibleOrganization: { name: string };
        }[];
      };
    }>(CREATE, { input: actInput() }, CENTRO_STAFF);
    expect(act.networks).toEqual([{ code: 'CENTRO' }]);
    expect(act.signatories[0]?.organization.name).toBe(
      'Asociación de Usuarios de la Red de Salud del Centro E.S.E.',
    );
    expect(act.commitments.map((c) => [c.status, c.overdue, c.responsibleOrganization.name])).toEqual([
      ['PENDING', false, 'Asociación de Usuarios de la Red de Salud del Centro E.S.E.'],
      ['PENDING', true, 'Secretaría de Salud Pública Distrital de Santiago de Cali'],
    ]);
  });

  it('lets only the secretariat sign for several networks', async () => {
    const input = actInput({ networkCodes: ['CENTRO', 'NORTE'] });
    const before = await counts();
    expect(errorCodes(await graph.request(CREATE, { input }, CENTRO_STAFF))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graph.request(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await counts()).toEqual(before);
    const { createCommitmentAct } = await graph.data<{
      createCommitmentAct: { networks: { code: string }[] };
    }>(CREATE, { input }, SECRETARIAT);
    expect(createCommitmentAct.networks.map((n) => n.code).sort()).toEqual(['CENTRO', 'NORTE']);
  });

  it.each([
    ['no commitments', { commitments: [] }, 'commitments'],
    ['an unknown network', { networkCodes: ['PACIFICO'] }, 'networkCodes.0'],
    ['an impossible date', { date: '2026-02-30' }, 'date'],
    [
      'an empty commitment',
      { commitments: [{ description: ' ', dueDate: '2026-06-30' }] },
      'commitments.0.description',
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, change, field) => {
    const before = await counts();
    const result = await graph.request(CREATE, { input: actInput(change) }, CENTRO_STAFF);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    if (field !== 'date') expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(await counts()).toEqual(before);
  });
});

describe('commitment follow-up', () => {
  const FOLLOW = `mutation ($input: RecordCommitmentFollowUpInput!) {
    recordCommitmentFollowUp(input: $input) { status overdue followUps { note status } }
  }`;

  it('moves a commitment along and keeps its history; other networks may not', async () => {
    const { createCommitmentAct } = await graph.data<{
      createCommitmentAct: { commitments: { id: string }[] };
    }>(CREATE, { input: actInput() }, CENTRO_STAFF);
    const late = createCommitmentAct.commitments[1]!.id;
    const input = {
      commitmentId: late,
      note: 'Informe presentado en el comité de participación.',
      status: 'FULFILLED',
    };
    expect(errorCodes(await graph.request(FOLLOW, { input }, NORTE_STAFF))).toEqual(['FORBIDDEN']);
    const { recordCommitmentFollowUp } = await graph.data<{
      recordCommitmentFollowUp: {
        status: string;
        overdue: boolean;
        followUps: { note: string; status: string }[];
      };
    }>(FOLLOW, { input }, CENTRO_STAFF);
    expect(recordCommitmentFollowUp).toEqual({
      status: 'FULFILLED',
      overdue: false,
      followUps: [{ note: 'Informe presentado en el comité de participación.', status: 'FULFILLED' }],
    });
  });

  it('lists an organization’s commitments through the territory subgraph’s Organization', async () => {
    const { organization } = await graph.data<{
      organization: { name: string; commitments: { description: string; act: { eventName: string } }[] };
    }>('query ($id: ID!) { organization(id: $id) { name commitments { description act { eventName } } } }', {
      id: ASOU_CENTRO,
    });
    expect(organization.commitments.map((c) => c.act.eventName)).toContain(
      'Encuentro de veedurías en salud de la comuna 9',
    );
  });
});
