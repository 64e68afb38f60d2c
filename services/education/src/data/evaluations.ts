import { type AnyColumn, count, inArray, sql } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import { evaluations } from '../db/schema.ts';

export async function insertEvaluation(db: EducationDb, values: typeof evaluations.$inferInsert) {
  const [row] = await db.insert(evaluations).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

const average = (column: AnyColumn) => sql<number | null>`avg(${column})::float8`;

/** Averages of many workshops' evaluations in one query. */
export function evaluationSummariesByWorkshopIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select({
      workshopId: evaluations.workshopId,
      count: count(),
      averageSatisfaction: average(evaluations.satisfaction),
      positive: sql<number>`count(*) FILTER (WHERE ${evaluations.satisfaction} >= 4)`.mapWith(Number),
      averagePreTestScore: average(evaluations.preTestScore),
      averagePostTestScore: average(evaluations.postTestScore),
    })
    .from(evaluations)
    .where(inArray(evaluations.workshopId, [...ids]))
    .groupBy(evaluations.workshopId);
}
