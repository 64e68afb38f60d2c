import { bogotaDay } from '@participa/calendar';
import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/seed/demo.ts';
import { feedbackService } from '../src/service.ts';
import { CENTRO_STAFF, petition, SECRETARIAT, submit } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, feedbackService], { demoData: true });
});
afterAll(() => graph?.stop());

interface Stats {
  received: number;
  answered: number;
  answeredOnTime: number;
  overdue: number;
  rated: number;
  byType: { key: string; count: number }[];
  byMonth: { key: string; count: number }[];
  byFacility: { facility: { id: string } | null; count: number }[];
}

const STATS = `{ networks { code pqrsStats { received answered answeredOnTime overdue rated
  byType { key count } byMonth { key count } byFacility { facility { id } count } } } }`;

describe('demo data and stats', () => {
  it('a few hundred PQRS across the five networks, with late, open, overdue and rated ones', async () => {
    const data = await graph.data<{ networks: { code: string; pqrsStats: Stats }[] }>(STATS, {}, SECRETARIAT);
    expect(data.networks).toHaveLength(5);
    const total = (key: keyof Stats) =>
      data.networks.reduce((sum, n) => sum + (n.pqrsStats[key] as number), 0);
    expect(total('received')).toBeGreaterThanOrEqual(300);
    expect(total('answeredOnTime')).toBeLessThan(total('answered'));
    expect(total('overdue')).toBeGreaterThan(0);
    expect(total('rated')).toBeGreaterThan(0);
    for (const { pqrsStats } of data.networks) {
      expect(pqrsStats.byType.reduce((s, t) => s + t.count, 0)).toBe(pqrsStats.received);
      expect(pqrsStats.byMonth.length).toBeGreaterThanOrEqual(12);
    }
  });

  it('seeding twice adds nothing', async () => {
    const count = async () =>
      (await graph.data<{ pqrsList: { totalCount: number } }>('{ pqrsList { totalCount } }', {}, SECRETARIAT))
        .pqrsList.totalCount;
    const before = await count();
    await seedDemo(graph.databases.feedback!.db as never);
    expect(await count()).toBe(before);
  });

  it('stats are for staff of the network and the secretariat, never anonymous callers', async () => {
    const query = '{ network(code: "CENTRO") { pqrsStats { received } } }';
    expect(errorCodes(await graph.request(query))).toEqual(['UNAUTHENTICATED']);
    const own = await graph.data<{ network: { pqrsStats: { received: number } } }>(query, {}, CENTRO_STAFF);
    expect(own.network.pqrsStats.received).toBeGreaterThan(0);
  });
});

describe('federation', () => {
  it('Network.pqrs and Territory.pqrs resolve through the gateway in batched queries', async () => {
    graph.resetCounters();
    const data = await graph.data<{
      network: {
        pqrs: {
          totalCount: number;
          edges: {
            node: { radicado: string; network: { code: string }; territory: { code: string } | null };
          }[];
        };
      };
    }>(
      `{ network(code: "CENTRO") { pqrs(first: 50, orderBy: DUE_AT_ASC) { totalCount edges { node {
          radicado network { code } territory { code name } } } } } }`,
      {},
      CENTRO_STAFF,
    );
    const edges = data.network.pqrs.edges;
    expect(edges.length).toBeGreaterThan(10);
    expect(
      edges.every((e) => e.node.network.code === 'CENTRO' && e.node.radicado.startsWith('CENTRO-')),
    ).toBe(true);
    const located = edges.filter((e) => e.node.territory);
    expect(located.length).toBeGreaterThan(0);
    expect(located.every((e) => ['C08', 'C09', 'C10', 'C11', 'C12'].includes(e.node.territory!.code))).toBe(
      true,
    );
    // One page query and one count in feedback, whatever the page size.
    expect(graph.queryCount.feedback).toBe(2);

    const territoryId = (
      await graph.data<{ network: { territories: { id: string }[] } }>(
        '{ network(code: "CENTRO") { territories { id } } }',
      )
    ).network.territories[0]!.id;
    const byTerritory = await graph.data<{
      territory: { pqrs: { edges: { node: { territory: { id: string } } }[] } };
    }>(
      `query ($id: ID!) { territory(id: $id) { pqrs(first: 20) { edges { node { territory { id } } } } } }`,
      { id: territoryId },
      CENTRO_STAFF,
    );
    expect(byTerritory.territory.pqrs.edges.length).toBeGreaterThan(0);
    expect(byTerritory.territory.pqrs.edges.every((e) => e.node.territory.id === territoryId)).toBe(true);
  });

  it('pages with keyset cursors in deadline order without repeating', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const dues: (string | null)[] = [];
    for (let page = 0; page < 3; page++) {
      const result: {
        pqrsList: {
          edges: { node: { id: string; dueAt: string | null } }[];
          pageInfo: { endCursor: string };
        };
      } = await graph.data(
        'query ($after: String) { pqrsList(first: 25, after: $after, orderBy: DUE_AT_ASC, filter: { networkCode: "CENTRO" }) { edges { node { id dueAt } } pageInfo { endCursor } } }',
        { after },
        CENTRO_STAFF,
      );
      seen.push(...result.pqrsList.edges.map((e) => e.node.id));
      dues.push(...result.pqrsList.edges.map((e) => e.node.dueAt));
      after = result.pqrsList.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const dated = dues.filter((d): d is string => d !== null);
    expect(dated).toEqual([...dated].sort());
  });

  it('filters: overdue, due within N days, type, channel and date range', async () => {
    const run = async (filter: string) =>
      (
        await graph.data<{
          pqrsList: { totalCount: number; edges: { node: Record<string, unknown> & { radicado: string } }[] };
        }>(
          `{ pqrsList(first: 100, orderBy: DUE_AT_ASC, filter: ${filter}) { totalCount edges { node {
            radicado type channel overdue dueAt receivedAt status } } } }`,
          {},
          SECRETARIAT,
        )
      ).pqrsList;
    const radicados = (list: Awaited<ReturnType<typeof run>>) => list.edges.map((e) => e.node.radicado);
    // Known members of each filter, whatever the demo data holds today.
    const vital = await submit(
      graph,
      petition({ type: 'RECLAMO', riskLevel: 'VITAL', channel: 'WEB', subject: 'Urgencia' }),
    ); // due in 24 hours
    const byPhone = await submit(graph, petition({ type: 'RECLAMO', channel: 'TELEFONICO' }));
    const later = await submit(graph, petition({ type: 'PETICION', channel: 'WEB' })); // 15 business days

    const overdue = await run('{ overdue: true }');
    expect(overdue.totalCount).toBeGreaterThan(0);
    expect(overdue.edges.length).toBeGreaterThan(0);
    expect(overdue.edges.every((e) => e.node.overdue === true)).toBe(true);

    const soon = await run('{ dueWithinDays: 10 }');
    expect(radicados(soon)).toContain(vital.radicado);
    expect(radicados(soon)).not.toContain(later.radicado);
    const limit = Date.now() + 11 * 86_400_000;
    expect(
      soon.edges.every(
        (e) => Date.parse(String(e.node.dueAt)) <= limit && Date.parse(String(e.node.dueAt)) >= Date.now(),
      ),
    ).toBe(true);

    const claims = await run('{ type: RECLAMO, channel: WEB }');
    expect(radicados(claims)).toContain(vital.radicado);
    expect(radicados(claims)).not.toContain(byPhone.radicado);
    expect(radicados(claims)).not.toContain(later.radicado);
    expect(claims.edges.every((e) => e.node.type === 'RECLAMO' && e.node.channel === 'WEB')).toBe(true);

    const all = await run('{}');
    const year2000 = await run('{ from: "2000-01-01", to: "2000-12-31" }');
    expect(year2000.totalCount).toBe(0);
    const today = bogotaDay(new Date());
    const sinceToday = await run(`{ from: "${today}" }`);
    expect(radicados(sinceToday)).toEqual(expect.arrayContaining([vital.radicado, later.radicado]));
    const startOfToday = Date.parse(`${today}T00:00:00-05:00`);
    expect(sinceToday.edges.every((e) => Date.parse(String(e.node.receivedAt)) >= startOfToday)).toBe(true);
    expect(all.totalCount).toBeGreaterThan(soon.totalCount);
  });
});
