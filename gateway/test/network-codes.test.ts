import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICES } from '../src/catalog.ts';

/**
 * A network code is written one way in the whole graph (`CENTRO`, as `Network.code` gives it): every
 * subgraph refuses a lowercase or unknown code with BAD_USER_INPUT naming the field, instead of
 * guessing in one place and answering "nothing" in another.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph(SERVICES);
});
afterAll(() => graph?.stop());

const SECRETARIAT = { role: 'secretariat' } as const;
const OPERATIONS: [string, string, Record<string, unknown>][] = [
  ['territory', 'query ($c: String!) { actorMap(networkCode: $c) { actors { id } } }', {}],
  ['planning', 'query ($c: String) { commitmentActs(networkCode: $c) { id } }', {}],
  ['planning', 'query ($c: String) { actionPlans(networkCode: $c) { id } }', {}],
  ['education', 'query ($c: String) { workshops(filter: { networkCode: $c }) { totalCount } }', {}],
  ['feedback', 'query ($c: String) { pqrsList(filter: { networkCode: $c }) { totalCount } }', {}],
  [
    'indicators',
    'query ($c: String) { indicatorValues(filter: { networkCode: $c, period: "2026-10" }) { value } }',
    {},
  ],
];

describe('network codes', () => {
  it.each(OPERATIONS)('%s: %s refuses "centro" and "PACIFICO", accepts "CENTRO"', async (_, query) => {
    for (const code of ['centro', 'PACIFICO']) {
      const refused = await graph.request(query, { c: code }, SECRETARIAT);
      expect(errorCodes(refused), JSON.stringify(refused.errors)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors?.[0]?.message).toMatch(/networkCode/);
    }
    const accepted = await graph.request(query, { c: 'CENTRO' }, SECRETARIAT);
    expect(accepted.errors).toBeUndefined();
  });
});
