import { and, asc, count, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import {
  registrations,
  scheduleChanges,
  type WorkshopRow,
  workshopMaterials,
  workshops,
} from '../db/schema.ts';

export interface WorkshopQuery {
  networkId?: string;
  territoryIds?: readonly string[];
  from?: Date | null;
  to?: Date | null;
  topic?: WorkshopRow['topic'] | null;
  kind?: WorkshopRow['kind'] | null;
  status?: WorkshopRow['status'] | null;
  activityId?: string | null;
  hasSeatsLeft?: boolean | null;
}

const registeredCount = sql<number>`(SELECT count(*) FROM ${registrations} WHERE ${registrations.workshopId} = ${workshops.id} AND ${registrations.status} = 'REGISTERED')`;

export function workshopConditions(query: WorkshopQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkId) conditions.push(eq(workshops.networkId, query.networkId));
  if (query.territoryIds) conditions.push(inArray(workshops.territoryId, [...query.territoryIds]));
  if (query.from) conditions.push(gte(workshops.startsAt, query.from));
  if (query.to) conditions.push(lt(workshops.startsAt, query.to));
  if (query.topic) conditions.push(eq(workshops.topic, query.topic));
  if (query.kind) conditions.push(eq(workshops.kind, query.kind));
  if (query.status) conditions.push(eq(workshops.status, query.status));
  if (query.activityId) conditions.push(eq(workshops.activityId, query.activityId));
  if (query.hasSeatsLeft === true) {
    conditions.push(eq(workshops.status, 'SCHEDULED'), sql`${workshops.capacity} > ${registeredCount}`);
  }
  if (query.hasSeatsLeft === false) conditions.push(sql`${workshops.capacity} <= ${registeredCount}`);
  return conditions;
}

/** Soonest first; keyset on (starts_at, id). */
export function findWorkshopsPage(
  db: EducationDb,
  query: WorkshopQuery,
  after: { startsAt: Date; id: string } | null,
  limit: number,
) {
  return db
    .select()
    .from(workshops)
    .where(and(...workshopConditions(query), afterCondition(after)))
    .orderBy(asc(workshops.startsAt), asc(workshops.id))
    .limit(limit);
}

/** Workshops of several parents at once: a parent (a network, a territory) matches these column values. */
export interface ParentMember {
  parent: string;
  value: string;
}
export type ParentColumn = 'networkId' | 'territoryId';

function afterCondition(after: { startsAt: Date; id: string } | null): SQL | undefined {
  if (!after) return undefined;
  return or(
    gt(workshops.startsAt, after.startsAt),
    and(eq(workshops.startsAt, after.startsAt), gt(workshops.id, after.id)),
  );
}

function parentsJoin(members: readonly ParentMember[]) {
  const rows = members.map((m) => sql`(${m.parent}::uuid, ${m.value}::uuid)`);
  return sql`(VALUES ${sql.join(rows, sql`, `)}) AS parents(parent, value)`;
}

/** The first `limit` workshops of each parent in one query (a window per parent), soonest first. */
export async function findWorkshopPagesOf(
  db: EducationDb,
  column: ParentColumn,
  members: readonly ParentMember[],
  query: WorkshopQuery,
  after: { startsAt: Date; id: string } | null,
  limit: number,
): Promise<{ parent: string; workshop: WorkshopRow }[]> {
  if (members.length === 0) return [];
  const ranked = db
    .select({
      parent: sql<string>`parents.parent`.as('parent'),
      id: sql<string>`${workshops.id}`.as('ranked_id'),
      rank: sql<number>`row_number() OVER (PARTITION BY parents.parent ORDER BY ${workshops.startsAt}, ${workshops.id})`.as(
        'rank',
      ),
    })
    .from(workshops)
    .innerJoin(parentsJoin(members), sql`${workshops[column]} = parents.value`)
    .where(and(...workshopConditions(query), afterCondition(after)))
    .as('ranked');
  return db
    .select({ parent: ranked.parent, workshop: workshops })
    .from(ranked)
    .innerJoin(workshops, eq(workshops.id, ranked.id))
    .where(lte(ranked.rank, limit))
    .orderBy(asc(workshops.startsAt), asc(workshops.id));
}

export function countWorkshopsOf(
  db: EducationDb,
  column: ParentColumn,
  members: readonly ParentMember[],
  query: WorkshopQuery,
): Promise<{ parent: string; value: number }[]> {
  if (members.length === 0) return Promise.resolve([]);
  return db
    .select({ parent: sql<string>`parents.parent`, value: count() })
    .from(workshops)
    .innerJoin(parentsJoin(members), sql`${workshops[column]} = parents.value`)
    .where(and(...workshopConditions(query)))
    .groupBy(sql`parents.parent`);
}

export async function countWorkshops(db: EducationDb, query: WorkshopQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(workshops)
    .where(and(...workshopConditions(query)));
  return row?.value ?? 0;
}

export function workshopsByIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(workshops)
    .where(inArray(workshops.id, [...ids]));
}

export function workshopsByActivityIds(db: EducationDb, activityIds: readonly string[]) {
  return db
    .select()
    .from(workshops)
    .where(inArray(workshops.activityId, [...activityIds]))
    .orderBy(asc(workshops.startsAt), asc(workshops.id));
}

/** Locks the workshop row until the transaction ends: seat accounting is serialized per workshop. */
export async function lockWorkshop(tx: EducationDb, id: string): Promise<WorkshopRow | null> {
  const [row] = await tx.select().from(workshops).where(eq(workshops.id, id)).for('update');
  return row ?? null;
}

export async function insertWorkshop(db: EducationDb, values: typeof workshops.$inferInsert) {
  const [row] = await db.insert(workshops).values(values).returning();
  if (!row) throw new Error('insert returned no workshop');
  return row;
}

export async function updateWorkshop(
  db: EducationDb,
  id: string,
  changes: Partial<typeof workshops.$inferInsert>,
): Promise<WorkshopRow> {
  const [row] = await db.update(workshops).set(changes).where(eq(workshops.id, id)).returning();
  if (!row) throw new Error(`workshop ${id} vanished`);
  return row;
}

export async function insertScheduleChange(db: EducationDb, values: typeof scheduleChanges.$inferInsert) {
  await db.insert(scheduleChanges).values(values);
}

export function scheduleChangesByWorkshopIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(scheduleChanges)
    .where(inArray(scheduleChanges.workshopId, [...ids]))
    .orderBy(asc(scheduleChanges.changedAt));
}

export interface WorkshopCounts {
  workshopId: string;
  registered: number;
  waitlisted: number;
  attended: number;
}

/** Registered, waitlisted and attended counts of many workshops in one query. */
export function countsByWorkshopIds(db: EducationDb, ids: readonly string[]): Promise<WorkshopCounts[]> {
  return db
    .select({
      workshopId: registrations.workshopId,
      registered: sql<number>`count(*) FILTER (WHERE ${registrations.status} = 'REGISTERED')`.mapWith(Number),
      waitlisted: sql<number>`count(*) FILTER (WHERE ${registrations.status} = 'WAITLISTED')`.mapWith(Number),
      attended: sql<number>`count(*) FILTER (WHERE ${registrations.attendedAt} IS NOT NULL)`.mapWith(Number),
    })
    .from(registrations)
    .where(inArray(registrations.workshopId, [...ids]))
    .groupBy(registrations.workshopId);
}

export async function linkMaterials(db: EducationDb, workshopId: string, materialIds: readonly string[]) {
  if (materialIds.length === 0) return;
  await db
    .insert(workshopMaterials)
    .values(materialIds.map((materialId) => ({ workshopId, materialId })))
    .onConflictDoNothing();
}
