import { type Caller, errorCodes, type TestGraph } from '@participa/testing';
import { count } from 'drizzle-orm';
import { expect } from 'vitest';
import type { PlanningDb } from '../src/db/index.ts';
import { actionLines, actionPlans, activities, auditEvents, evidence } from '../src/db/schema.ts';

const TABLES = { actionLines, actionPlans, activities, evidence, auditEvents };

/** Row counts of the planning tables these tests write, to prove a refused call wrote nothing. */
export async function planningRowCounts(graph: TestGraph): Promise<Record<keyof typeof TABLES, number>> {
  const db = graph.databases.planning!.db as unknown as PlanningDb;
  const entries = await Promise.all(
    Object.entries(TABLES).map(async ([name, table]) => {
      const [row] = await db.select({ n: count() }).from(table);
      return [name, row?.n ?? 0] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<keyof typeof TABLES, number>;
}

/** Expects the call to fail with `code` (and, for bad input, `field`) and to write nothing. */
export async function expectRefused(
  graph: TestGraph,
  query: string,
  variables: Record<string, unknown>,
  as: Caller | undefined,
  code: string,
  field?: string,
) {
  const before = await planningRowCounts(graph);
  const result = await graph.request(query, variables, as);
  expect(errorCodes(result)).toEqual([code]);
  if (field) {
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^Campo "${field}": `));
  }
  expect(await planningRowCounts(graph)).toEqual(before);
  return result;
}
