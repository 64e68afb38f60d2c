import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { territoryService } from '../src/service.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService], { demoData: true });
});
afterAll(() => graph?.stop());

it('smoke', async () => {
  const data = await graph.data<{ networks: { code: string; territories: { code: string }[] }[] }>(
    '{ networks { code name territories { code kind } } }',
  );
  expect(data.networks.find((n) => n.code === 'CENTRO')?.territories.map((t) => t.code)).toEqual([
    'C08',
    'C09',
    'C10',
    'C11',
    'C12',
  ]);
});
