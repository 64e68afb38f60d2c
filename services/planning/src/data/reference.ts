import { arrayContains, asc, eq, inArray } from 'drizzle-orm';
import type { PlanningDb } from '../db/index.ts';
import { actionLines, activities, strategicAxes } from '../db/schema.ts';

/** Strategic axes and lines of action: the policy's reference data. */

export async function listAxes(db: PlanningDb) {
  return db.select().from(strategicAxes).orderBy(asc(strategicAxes.position));
}

export async function linesByAxisCodes(db: PlanningDb, axisCodes: readonly string[]) {
  return db
    .select()
    .from(actionLines)
    .where(inArray(actionLines.axisCode, [...axisCodes]))
    .orderBy(asc(actionLines.code));
}

export async function linesByIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(actionLines)
    .where(inArray(actionLines.id, [...ids]));
}

/** Inserts a line unless its code exists; null means the code is taken. */
export async function insertLine(db: PlanningDb, values: typeof actionLines.$inferInsert) {
  const [row] = await db.insert(actionLines).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateLine(
  db: PlanningDb,
  id: string,
  changes: Partial<typeof actionLines.$inferInsert>,
) {
  const [row] = await db.update(actionLines).set(changes).where(eq(actionLines.id, id)).returning();
  return row ?? null;
}

export async function isLineUsed(db: PlanningDb, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(arrayContains(activities.actionLineIds, [id]))
    .limit(1);
  return Boolean(row);
}

export async function deleteUnusedLine(db: PlanningDb, id: string) {
  const [row] = await db.delete(actionLines).where(eq(actionLines.id, id)).returning();
  return row ?? null;
}
