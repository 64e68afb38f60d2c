import { and, asc, count, desc, eq, gt, inArray, lt, ne, or, type SQL } from 'drizzle-orm';
import type { PlanningDb } from '../db/index.ts';
import { actionPlans, type PlanRow, type PlanStatus } from '../db/schema.ts';

export async function plansByIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(actionPlans)
    .where(inArray(actionPlans.id, [...ids]));
}

export async function plansByNetworkIds(db: PlanningDb, networkIds: readonly string[]) {
  return db
    .select()
    .from(actionPlans)
    .where(inArray(actionPlans.networkId, [...networkIds]))
    .orderBy(desc(actionPlans.year));
}

export async function findPlans(db: PlanningDb, filter: { networkId?: string; year?: number }) {
  const conditions: SQL[] = [];
  if (filter.networkId) conditions.push(eq(actionPlans.networkId, filter.networkId));
  if (filter.year != null) conditions.push(eq(actionPlans.year, filter.year));
  return db
    .select()
    .from(actionPlans)
    .where(and(...conditions))
    .orderBy(desc(actionPlans.year), asc(actionPlans.networkId));
}

export interface PlanQuery {
  networkId?: string;
  year?: number;
  /** Networks whose drafts the caller may see; other networks' drafts are left out. */
  draftsOf: readonly string[];
}

function planConditions(query: PlanQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkId) conditions.push(eq(actionPlans.networkId, query.networkId));
  if (query.year != null) conditions.push(eq(actionPlans.year, query.year));
  const notDraft = ne(actionPlans.status, 'DRAFT');
  conditions.push(
    query.draftsOf.length
      ? (or(notDraft, inArray(actionPlans.networkId, [...query.draftsOf])) as SQL)
      : notDraft,
  );
  return conditions;
}

/** A page of plans, newest year first (one plan per network and year: the key is unique). */
export async function findPlansPage(
  db: PlanningDb,
  query: PlanQuery,
  after: { year: number; networkId: string } | null,
  limit: number,
) {
  const conditions = planConditions(query);
  if (after)
    conditions.push(
      or(
        lt(actionPlans.year, after.year),
        and(eq(actionPlans.year, after.year), gt(actionPlans.networkId, after.networkId)),
      ) as SQL,
    );
  return db
    .select()
    .from(actionPlans)
    .where(and(...conditions))
    .orderBy(desc(actionPlans.year), asc(actionPlans.networkId))
    .limit(limit);
}

export async function countPlans(db: PlanningDb, query: PlanQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(actionPlans)
    .where(and(...planConditions(query)));
  return row?.value ?? 0;
}

export async function findPlanOf(db: PlanningDb, networkId: string, year: number) {
  const [row] = await db
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.networkId, networkId), eq(actionPlans.year, year)));
  return row ?? null;
}

/** One plan per network and year: null when that plan already exists (even under a race). */
export async function insertPlan(db: PlanningDb, values: typeof actionPlans.$inferInsert) {
  const [row] = await db.insert(actionPlans).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/**
 * Moves a plan only if it is still in `from`: two concurrent transitions cannot both succeed.
 * Null when the status changed meanwhile.
 */
export async function movePlan(
  db: PlanningDb,
  id: string,
  from: PlanStatus,
  changes: Partial<typeof actionPlans.$inferInsert> & { status: PlanStatus },
): Promise<PlanRow | null> {
  const [row] = await db
    .update(actionPlans)
    .set(changes)
    .where(and(eq(actionPlans.id, id), eq(actionPlans.status, from)))
    .returning();
  return row ?? null;
}

/** Changes a plan's content only while it is a draft. */
export async function updateDraft(
  db: PlanningDb,
  id: string,
  changes: Partial<typeof actionPlans.$inferInsert>,
) {
  const [row] = await db
    .update(actionPlans)
    .set(changes)
    .where(and(eq(actionPlans.id, id), eq(actionPlans.status, 'DRAFT')))
    .returning();
  return row ?? null;
}

/** Locks the plan row for the rest of the transaction (status checks that must not race). */
export async function lockPlan(db: PlanningDb, id: string) {
  const [row] = await db.select().from(actionPlans).where(eq(actionPlans.id, id)).for('update');
  return row ?? null;
}
