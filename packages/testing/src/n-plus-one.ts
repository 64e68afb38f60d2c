import type { AnyServiceDefinition } from '@participa/subgraph-kit';
import { expect, it } from 'vitest';
import type { Caller, TestGraph } from './index.ts';

type TypeNode = { kind: string; type?: TypeNode; name?: { value: string } };
type Definition = {
  kind: string;
  name?: { value: string };
  directives?: readonly { name: { value: string } }[];
  fields?: readonly { name: { value: string }; type: TypeNode }[];
};

const OBJECT_KINDS = new Set(['ObjectTypeDefinition', 'ObjectTypeExtension']);
const ROOTS = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The entity types of a subgraph, read from its SDL: every object type it owns or extends with
 * `@key`, and every object type some field returns as a list. An N+1 test covers each of them, so a
 * new type added to the SDL without a case fails the test.
 */
export function entityTypesOf(service: AnyServiceDefinition): string[] {
  const definitions = service.typeDefs.definitions as readonly Definition[];
  const objects = definitions.filter((d) => OBJECT_KINDS.has(d.kind) && d.name);
  const names = new Set(objects.map((d) => d.name!.value));
  const entities = new Set<string>();
  for (const type of objects) {
    if (type.directives?.some((d) => d.name.value === 'key')) entities.add(type.name!.value);
    for (const field of type.fields ?? []) {
      let node: TypeNode = field.type;
      let list = false;
      while (node.kind !== 'NamedType' && node.type) {
        if (node.kind === 'ListType') list = true;
        node = node.type;
      }
      const named = node.name?.value;
      if (list && named && names.has(named)) entities.add(named);
    }
  }
  for (const root of ROOTS) entities.delete(root);
  return [...entities].sort();
}

/** SQL statements each service ran for one operation through the gateway, and its data. */
export async function countStatements<TData>(
  graph: TestGraph,
  query: string,
  variables: Record<string, unknown>,
  as?: Caller,
): Promise<{ data: TData; statements: Record<string, number> }> {
  graph.resetCounters();
  const data = await graph.data<TData>(query, variables, as);
  return { data, statements: { ...graph.queryCount } };
}

/**
 * Runs the same operation on a page of 5 and on a page of 50 entities: `size` must find exactly 5
 * and 50 in the answers (never an empty page), every service must run as many SQL statements for
 * 50 as for 5, and none more than `bound`. Returns the counts (for the notes of the test).
 */
export async function expectFlatStatements<TData>(
  graph: TestGraph,
  options: {
    query: string;
    five: Record<string, unknown>;
    fifty: Record<string, unknown>;
    as?: Caller;
    /** Who asks for the 50 when not `as` (e.g. the staff of another network). */
    asFifty?: Caller;
    /** How many entities of the page the answer holds. */
    size(data: TData): number;
    /** Most statements any one service may run for the page (the count is the same at 5 and 50). */
    bound: number;
    /** Further checks of the 50-entity answer (nested fields actually resolved). */
    check?(data: TData): void;
  },
): Promise<{ five: Record<string, number>; fifty: Record<string, number> }> {
  const five = await countStatements<TData>(graph, options.query, options.five, options.as);
  const fifty = await countStatements<TData>(
    graph,
    options.query,
    options.fifty,
    options.asFifty ?? options.as,
  );
  // N_PLUS_ONE_REPORT=1 prints the counts (for reviewing the bounds).
  if (process.env.N_PLUS_ONE_REPORT) {
    console.info(
      'N+1',
      JSON.stringify(five.statements),
      JSON.stringify(fifty.statements),
      options.query.slice(0, 90),
    );
  }
  expect(options.size(five.data)).toBe(5);
  expect(options.size(fifty.data)).toBe(50);
  options.check?.(fifty.data);
  expect(fifty.statements).toEqual(five.statements);
  for (const count of Object.values(fifty.statements)) expect(count).toBeLessThanOrEqual(options.bound);
  return { five: five.statements, fifty: fifty.statements };
}

/** `count` consecutive months ending in December 2026 (`2026-12`, `2026-11`…), newest first. */
export function months(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const month = 2026 * 12 + 11 - i;
    return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * `MetricReport`, `MetricCell` and `MetricValue` of one subgraph: the reports of 5 and of 50
 * periods, with every breakdown, cost the subgraph as many statements (one loader per request
 * batches every period). `metricCatalog` (`MetricInfo`) is static and runs none.
 */
export async function expectFlatMetricReports(graph: TestGraph, subgraph: string, bound: number) {
  type Reports = {
    metricReports: { period: string; cells: unknown[] }[];
    metricCatalog: { name: string }[];
  };
  const counts = await expectFlatStatements<Reports>(graph, {
    query: `query ($periods: [String!]!) {
      metricReports(periods: $periods) {
        period
        cells: ${subgraph}(breakdowns: true) { scope networkCode territoryCode dimension category metrics { name value } }
      }
      metricCatalog { name description unit subgraph dimensions }
    }`,
    five: { periods: months(5) },
    fifty: { periods: months(50) },
    as: { role: 'secretariat' },
    size: (data) => data.metricReports.length,
    bound,
    check(data) {
      expect(data.metricReports.every((r) => Array.isArray(r.cells))).toBe(true);
      expect(data.metricCatalog.length).toBeGreaterThan(0);
    },
  });
  return counts;
}

/** Seeds `count` entities ten at a time: fast, and within the pools of the subgraphs. */
export async function tenAtATime(count: number, task: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => task(i + j)));
  }
}

/** One N+1 case of a subgraph: the entity types it covers, its query, and its variables per network. */
export interface FlatCase {
  covers: string[];
  query: string;
  bound: number;
  variables?(network: string): Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: each case types its own answer
  size(data: any): number;
  // biome-ignore lint/suspicious/noExplicitAny: each case types its own answer
  check?(data: any): void;
}

/**
 * One test per case: the page of 5 in the `small` network and of 50 in the `large` one, each asked
 * by that network's caller (`as`); variables `{ network }` unless the case gives its own.
 */
export function itRunsFlat(
  graph: () => TestGraph,
  cases: Record<string, FlatCase>,
  options: { small: string; large: string; as(network: string): Caller },
): void {
  for (const [name, { covers, variables = (network: string) => ({ network }), ...flat }] of Object.entries(
    cases,
  )) {
    it(`${name} (${covers.join(', ') || 'nested'})`, async () => {
      await expectFlatStatements(graph(), {
        ...flat,
        five: variables(options.small),
        fifty: variables(options.large),
        as: options.as(options.small),
        asFifty: options.as(options.large),
      });
    });
  }
}

/** Every entity type of the service's SDL has a case: the cases' and those tested on their own. */
export function expectEveryEntityCovered(
  service: AnyServiceDefinition,
  cases: Record<string, FlatCase>,
  others: string[] = [],
): void {
  const covered = [...Object.values(cases).flatMap((c) => c.covers), ...others];
  expect([...new Set(covered)].sort()).toEqual(entityTypesOf(service));
}
