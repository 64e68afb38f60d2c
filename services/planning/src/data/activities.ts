import { arrayOverlaps, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { PlanningDb } from '../db/index.ts';
import { type ActivityRow, activities, evidence, progressEntries } from '../db/schema.ts';

export async function activitiesByIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(activities)
    .where(inArray(activities.id, [...ids]));
}

export async function activitiesByPlanIds(db: PlanningDb, planIds: readonly string[]) {
  return db
    .select()
    .from(activities)
    .where(inArray(activities.planId, [...planIds]))
    .orderBy(asc(activities.position), asc(activities.id));
}

export async function activitiesByTerritoryIds(db: PlanningDb, territoryIds: readonly string[]) {
  return db
    .select()
    .from(activities)
    .where(arrayOverlaps(activities.territoryIds, [...territoryIds]))
    .orderBy(asc(activities.startDate), asc(activities.id));
}

export async function activitiesByOrganizationIds(db: PlanningDb, organizationIds: readonly string[]) {
  return db
    .select()
    .from(activities)
    .where(arrayOverlaps(activities.organizationIds, [...organizationIds]))
    .orderBy(asc(activities.startDate), asc(activities.id));
}

/** Appends an activity at the end of its plan. */
export async function insertActivity(
  db: PlanningDb,
  values: Omit<typeof activities.$inferInsert, 'position'>,
): Promise<ActivityRow> {
  const [row] = await db
    .insert(activities)
    .values({
      ...values,
      position: sql`(SELECT COALESCE(MAX(${activities.position}), 0) + 1 FROM ${activities} WHERE ${activities.planId} = ${values.planId})`,
    })
    .returning();
  if (!row) throw new Error('insert returned no activity');
  return row;
}

export async function insertActivities(db: PlanningDb, values: (typeof activities.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(activities).values(values).returning();
}

export async function updateActivity(
  db: PlanningDb,
  id: string,
  changes: Partial<typeof activities.$inferInsert>,
) {
  const [row] = await db.update(activities).set(changes).where(eq(activities.id, id)).returning();
  if (!row) throw new Error(`activity ${id} vanished`);
  return row;
}

export async function insertProgressEntry(db: PlanningDb, values: typeof progressEntries.$inferInsert) {
  await db.insert(progressEntries).values(values);
}

export async function progressByActivityIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(progressEntries)
    .where(inArray(progressEntries.activityId, [...ids]))
    .orderBy(desc(progressEntries.recordedAt), desc(progressEntries.id));
}

export async function insertEvidence(db: PlanningDb, values: typeof evidence.$inferInsert) {
  const [row] = await db.insert(evidence).values(values).returning();
  return row!;
}

export async function evidenceByActivityIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(evidence)
    .where(inArray(evidence.activityId, [...ids]))
    .orderBy(asc(evidence.date), asc(evidence.id));
}
