import { and, count, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import { registrations, type WorkshopRow, workshops } from '../db/schema.ts';
import type { CharacterizationCount } from '../participation.ts';
import { type WorkshopQuery, workshopConditions } from './workshops.ts';

/**
 * Participants and attendances per characterization, grouped in SQL; no personal data leaves.
 * Cancelled workshops had no participants.
 */
function characterizationCounts(db: EducationDb, where: SQL | undefined) {
  return db
    .select({
      workshopId: registrations.workshopId,
      lifeStage: registrations.lifeStage,
      sex: registrations.sex,
      ethnicity: registrations.ethnicity,
      disability: registrations.disability,
      territoryId: registrations.territoryId,
      participants: count(),
      attendances: sql<number>`count(*) FILTER (WHERE ${registrations.attendedAt} IS NOT NULL)`.mapWith(
        Number,
      ),
    })
    .from(registrations)
    .innerJoin(workshops, eq(workshops.id, registrations.workshopId))
    .where(and(eq(registrations.status, 'REGISTERED'), ne(workshops.status, 'CANCELLED'), where))
    .groupBy(
      registrations.workshopId,
      registrations.lifeStage,
      registrations.sex,
      registrations.ethnicity,
      registrations.disability,
      registrations.territoryId,
    );
}

export function characterizationByWorkshopIds(
  db: EducationDb,
  ids: readonly string[],
): Promise<(CharacterizationCount & { workshopId: string })[]> {
  return characterizationCounts(db, inArray(registrations.workshopId, [...ids]));
}

export function characterizationOf(db: EducationDb, query: WorkshopQuery): Promise<CharacterizationCount[]> {
  return characterizationCounts(db, and(...workshopConditions(query)));
}

export async function workshopsByStatus(
  db: EducationDb,
  query: WorkshopQuery,
): Promise<Record<WorkshopRow['status'], number>> {
  const rows = await db
    .select({ status: workshops.status, value: count() })
    .from(workshops)
    .where(and(...workshopConditions(query)))
    .groupBy(workshops.status);
  const totals = { SCHEDULED: 0, HELD: 0, CANCELLED: 0 };
  for (const row of rows) totals[row.status] = row.value;
  return totals;
}
