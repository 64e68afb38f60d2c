import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { PlanningDb } from '../db/index.ts';
import { budgetExecutions, budgetItems } from '../db/schema.ts';

export async function budgetItemsByIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(budgetItems)
    .where(inArray(budgetItems.id, [...ids]));
}

export async function budgetItemsByActivityIds(db: PlanningDb, activityIds: readonly string[]) {
  return db
    .select()
    .from(budgetItems)
    .where(inArray(budgetItems.activityId, [...activityIds]))
    .orderBy(asc(budgetItems.createdAt), asc(budgetItems.id));
}

/** Planned and executed totals per plan, summed in SQL (one row per plan with items). */
export async function budgetTotalsByPlanIds(db: PlanningDb, planIds: readonly string[]) {
  return db
    .select({
      id: budgetItems.planId,
      plannedAmount: sql<number>`COALESCE(SUM(${budgetItems.plannedAmount}), 0)::bigint`.mapWith(Number),
      executedAmount: sql<number>`COALESCE(SUM(${budgetItems.executedAmount}), 0)::bigint`.mapWith(Number),
    })
    .from(budgetItems)
    .where(inArray(budgetItems.planId, [...planIds]))
    .groupBy(budgetItems.planId);
}

export async function insertBudgetItem(db: PlanningDb, values: typeof budgetItems.$inferInsert) {
  const [row] = await db.insert(budgetItems).values(values).returning();
  return row!;
}

/** Locks the item for the rest of the transaction: concurrent executions are added one at a time. */
export async function lockBudgetItem(db: PlanningDb, id: string) {
  const [row] = await db.select().from(budgetItems).where(eq(budgetItems.id, id)).for('update');
  return row ?? null;
}

export async function addExecution(db: PlanningDb, values: typeof budgetExecutions.$inferInsert) {
  await db.insert(budgetExecutions).values(values);
  const [row] = await db
    .update(budgetItems)
    .set({ executedAmount: sql`${budgetItems.executedAmount} + ${values.amount}` })
    .where(eq(budgetItems.id, values.budgetItemId))
    .returning();
  return row!;
}

export async function executionsByItemIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(budgetExecutions)
    .where(inArray(budgetExecutions.budgetItemId, [...ids]))
    .orderBy(asc(budgetExecutions.date), asc(budgetExecutions.recordedAt));
}
