import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territoryService } from '../src/service.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService]);
});
afterAll(() => graph?.stop());

interface Page {
  territoriesConnection: {
    totalCount: number;
    edges: { node: { code: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
const PAGE = `query ($filter: TerritoryFilter, $first: Int, $after: String) {
  territoriesConnection(filter: $filter, first: $first, after: $after) {
    totalCount edges { node { code } } pageInfo { hasNextPage endCursor }
  }
}`;

async function allPages(filter: Record<string, unknown>, first: number) {
  const codes: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = 0;
  for (;;) {
    const { territoriesConnection: page }: Page = await graph.data<Page>(PAGE, { filter, first, after });
    pages += 1;
    totalCount = page.totalCount;
    codes.push(...page.edges.map((e) => e.node.code));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { codes, pages, totalCount };
}

describe('territories by code, a page at a time', () => {
  it('finds comuna 9 by its code, and nothing for a code no territory has', async () => {
    const { territoryByCode } = await graph.data<{
      territoryByCode: { name: string; kind: string; network: { code: string } };
    }>('{ territoryByCode(code: "C09") { name kind network { code } } }');
    expect(territoryByCode).toEqual({ name: 'Comuna 9', kind: 'COMUNA', network: { code: 'CENTRO' } });
    const missing = await graph.data<{ territoryByCode: null }>('{ territoryByCode(code: "C99") { name } }');
    expect(missing.territoryByCode).toBeNull();
  });

  it('pages through the 22 comunas by code, each once, as the deprecated list gives them', async () => {
    const { codes, pages, totalCount } = await allPages({ kind: 'COMUNA' }, 10);
    expect(totalCount).toBe(22);
    expect(pages).toBe(3);
    expect(codes).toEqual([...codes].sort());
    const { territories } = await graph.data<{ territories: { code: string }[] }>(
      '{ territories(filter: { kind: COMUNA }) { code } }',
    );
    expect(codes).toEqual(territories.map((t) => t.code));
  });

  it('pages one network’s territories with the same filter as the list', async () => {
    const { codes, totalCount } = await allPages({ networkCode: 'LADERA' }, 100);
    const { territories } = await graph.data<{ territories: { code: string }[] }>(
      '{ territories(filter: { networkCode: "LADERA" }) { code } }',
    );
    expect(totalCount).toBe(territories.length);
    expect(codes).toEqual(territories.map((t) => t.code));
  });

  it('refuses a cursor it did not give and a page size out of range', async () => {
    const forged = await graph.request(PAGE, { after: Buffer.from('[1]').toString('base64url') });
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await graph.request(PAGE, { first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
