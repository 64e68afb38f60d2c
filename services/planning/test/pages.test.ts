import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningService } from '../src/service.ts';
import { CENTRO_STAFF, createPlan, NORTE_STAFF, SECRETARIAT } from './helpers.ts';

/** The paged fields beside the contract's plain lists: same records, same order, drafts hidden alike. */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService], { demoData: true });
  // Drafts of two networks next to the demo's approved and submitted plans.
  await createPlan(graph, 'CENTRO', 2031, CENTRO_STAFF);
  await createPlan(graph, 'CENTRO', 2032, CENTRO_STAFF);
  await createPlan(graph, 'NORTE', 2031, NORTE_STAFF);
});
afterAll(() => graph?.stop());

interface Connection {
  totalCount: number;
  edges: { node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every id of a connection field, asked for one at a time. */
async function pageOneByOne(field: string, args: string, as?: Caller) {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (;;) {
    const data: Record<string, Connection> = await graph.data(
      `query ($after: String) { ${field}(${args} first: 1, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
      { after },
      as,
    );
    const page = data[field]!;
    totalCount = page.totalCount;
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return { ids, totalCount };
    after = page.pageInfo.endCursor;
  }
}

const listIds = async (field: string, args: string, as?: Caller) => {
  const data = await graph.data<Record<string, { id: string }[]>>(
    `{ ${field}${args ? `(${args})` : ''} { id } }`,
    {},
    as,
  );
  return data[field]!.map((row) => row.id);
};

describe('actionPlansConnection', () => {
  it.each([
    ['anonymous', undefined, 2],
    ['staff of CENTRO', CENTRO_STAFF, 4],
    ['staff of NORTE', NORTE_STAFF, 3],
    ['the secretariat', SECRETARIAT, 5],
  ] as const)('gives %s the plans of the list, drafts only of their own network', async (_, as, expected) => {
    const { ids, totalCount } = await pageOneByOne('actionPlansConnection', '', as);
    expect(totalCount).toBe(expected);
    expect(ids).toEqual(await listIds('actionPlans', '', as));
  });

  it('filters by network and year like the list', async () => {
    const { ids } = await pageOneByOne(
      'actionPlansConnection',
      'networkCode: "CENTRO", year: 2031,',
      CENTRO_STAFF,
    );
    expect(ids).toHaveLength(1);
    expect(ids).toEqual(await listIds('actionPlans', 'networkCode: "CENTRO", year: 2031', CENTRO_STAFF));
  });
});

describe('commitmentActsConnection', () => {
  it('pages through the acts newest first, as the list gives them', async () => {
    for (const day of ['2026-03-14', '2026-03-14', '2026-05-02'])
      await graph.data(
        `mutation ($input: CreateCommitmentActInput!) { createCommitmentAct(input: $input) { id } }`,
        {
          input: {
            title: `Acta del encuentro del ${day}`,
            eventName: 'Encuentro de veedurías en salud de la comuna 9',
            date: day,
            place: 'Sede comunal del barrio Alameda',
            networkCodes: ['CENTRO'],
            commitments: [
              { description: 'Socializar la ruta de PQRS en la comuna 9', dueDate: '2026-12-15' },
            ],
          },
        },
        CENTRO_STAFF,
      );
    const all = await pageOneByOne('commitmentActsConnection', '');
    expect(all.ids).toEqual(await listIds('commitmentActs', ''));
    expect(all.totalCount).toBe(all.ids.length);
    expect(new Set(all.ids).size).toBe(all.ids.length);
    const centro = await pageOneByOne('commitmentActsConnection', 'networkCode: "CENTRO",');
    expect(centro.ids).toEqual(await listIds('commitmentActs', 'networkCode: "CENTRO"'));
    expect(centro.ids.length).toBeGreaterThanOrEqual(3);
  });
});
