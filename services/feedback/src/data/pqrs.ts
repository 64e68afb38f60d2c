import { insertRows } from '@participa/db';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { FeedbackDb } from '../db/index.ts';
import {
  type PqrsInsert,
  type PqrsRow,
  type PqrsStatus,
  pqrs,
  pqrsEvents,
  radicadoCounters,
} from '../db/schema.ts';

export interface PqrsQuery {
  networkIds?: string[];
  status?: PqrsStatus | null;
  type?: PqrsRow['type'] | null;
  channel?: PqrsRow['channel'] | null;
  facilityId?: string | null;
  territoryId?: string | null;
  overdue?: boolean | null;
  /** Open, unanswered, due between `now` and this instant. */
  dueBefore?: Date | null;
  receivedFrom?: Date | null;
  receivedTo?: Date | null;
  now: Date;
}

export type PqrsOrder = 'RECEIVED_AT_DESC' | 'RECEIVED_AT_ASC' | 'DUE_AT_ASC';

const OPEN: PqrsStatus[] = ['RECEIVED', 'IN_PROGRESS'];
const openUnanswered = () => and(inArray(pqrs.status, OPEN), isNull(pqrs.answeredAt))!;
/** Open, unanswered and past its deadline: the definition of overdue everywhere (lists and stats). */
export const overdueCondition = (now: Date) =>
  and(openUnanswered(), isNotNull(pqrs.dueAt), lt(pqrs.dueAt, now))!;

function conditionsOf(query: PqrsQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkIds) conditions.push(inArray(pqrs.networkId, query.networkIds));
  if (query.status) conditions.push(eq(pqrs.status, query.status));
  if (query.type) conditions.push(eq(pqrs.type, query.type));
  if (query.channel) conditions.push(eq(pqrs.channel, query.channel));
  if (query.facilityId) conditions.push(eq(pqrs.facilityId, query.facilityId));
  if (query.territoryId) conditions.push(eq(pqrs.territoryId, query.territoryId));
  if (query.overdue === true) conditions.push(overdueCondition(query.now));
  if (query.overdue === false) conditions.push(sql`not (${overdueCondition(query.now)})`);
  if (query.dueBefore)
    conditions.push(openUnanswered(), gte(pqrs.dueAt, query.now), lte(pqrs.dueAt, query.dueBefore));
  if (query.receivedFrom) conditions.push(gte(pqrs.receivedAt, query.receivedFrom));
  if (query.receivedTo) conditions.push(lte(pqrs.receivedAt, query.receivedTo));
  return conditions;
}

// PQRS without deadline sort after every dated one.
const dueSortKey = sql<Date>`coalesce(${pqrs.dueAt}, 'infinity'::timestamptz)`;
/** The cursor's sort value of a PQRS without deadline. */
export const NO_DEADLINE = 'infinity';

/** The keyset of a row in the given order, as stored in its cursor. */
export function sortKeyOf(row: PqrsRow, order: PqrsOrder): [string, string] {
  if (order === 'DUE_AT_ASC') return [row.dueAt?.toISOString() ?? NO_DEADLINE, row.id];
  return [row.receivedAt.toISOString(), row.id];
}

function afterCondition(order: PqrsOrder, after: [string, string]): SQL {
  const [value, id] = after;
  if (order === 'DUE_AT_ASC') {
    const key =
      value === NO_DEADLINE
        ? sql`'infinity'::timestamptz`
        : sql`${new Date(value).toISOString()}::timestamptz`;
    return sql`(${dueSortKey}, ${pqrs.id}) > (${key}, ${id}::uuid)`;
  }
  const at = new Date(value);
  const later = order === 'RECEIVED_AT_ASC';
  return or(
    later ? gt(pqrs.receivedAt, at) : lt(pqrs.receivedAt, at),
    and(eq(pqrs.receivedAt, at), later ? gt(pqrs.id, id) : lt(pqrs.id, id)),
  )!;
}

export async function findPqrsPage(
  db: FeedbackDb,
  query: PqrsQuery,
  order: PqrsOrder,
  after: [string, string] | null,
  limit: number,
): Promise<PqrsRow[]> {
  const conditions = conditionsOf(query);
  if (after) conditions.push(afterCondition(order, after));
  return db
    .select()
    .from(pqrs)
    .where(and(...conditions))
    .orderBy(...orderByOf(order))
    .limit(limit);
}

/** The parents a nested PQRS list hangs from: `Network.pqrs`, `Facility.pqrs`, `Territory.pqrs`. */
export type PqrsParentColumn = 'networkId' | 'facilityId' | 'territoryId';

function orderByOf(order: PqrsOrder): SQL[] {
  if (order === 'DUE_AT_ASC') return [asc(dueSortKey), asc(pqrs.id)];
  if (order === 'RECEIVED_AT_ASC') return [asc(pqrs.receivedAt), asc(pqrs.id)];
  return [desc(pqrs.receivedAt), desc(pqrs.id)];
}

/**
 * The first `limit` PQRS of each parent (network, facility or territory) in one query, a window per
 * parent, in the page's order: the nested lists of a whole page of parents without one query each.
 */
export async function findPqrsPagesOf(
  db: FeedbackDb,
  column: PqrsParentColumn,
  parents: readonly string[],
  query: PqrsQuery,
  order: PqrsOrder,
  after: [string, string] | null,
  limit: number,
): Promise<{ parent: string; row: PqrsRow }[]> {
  if (parents.length === 0) return [];
  const conditions = [...conditionsOf(query), inArray(pqrs[column], [...parents])];
  if (after) conditions.push(afterCondition(order, after));
  const orderBy = orderByOf(order);
  const ranked = db
    .select({
      id: sql<string>`${pqrs.id}`.as('ranked_id'),
      rank: sql<number>`row_number() OVER (PARTITION BY ${pqrs[column]} ORDER BY ${sql.join(orderBy, sql`, `)})`.as(
        'rank',
      ),
    })
    .from(pqrs)
    .where(and(...conditions))
    .as('ranked');
  const rows = await db
    .select({ row: pqrs })
    .from(ranked)
    .innerJoin(pqrs, eq(pqrs.id, ranked.id))
    .where(lte(ranked.rank, limit))
    .orderBy(...orderBy);
  return rows.map(({ row }) => ({ parent: row[column] as string, row }));
}

/** How many PQRS each parent has (for `totalCount`), in one grouped query. */
export function countPqrsOf(
  db: FeedbackDb,
  column: PqrsParentColumn,
  parents: readonly string[],
  query: PqrsQuery,
): Promise<{ parent: string; value: number }[]> {
  if (parents.length === 0) return Promise.resolve([]);
  return db
    .select({ parent: sql<string>`${pqrs[column]}`, value: count() })
    .from(pqrs)
    .where(and(...conditionsOf(query), inArray(pqrs[column], [...parents])))
    .groupBy(pqrs[column]);
}

export async function countPqrs(db: FeedbackDb, query: PqrsQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(pqrs)
    .where(and(...conditionsOf(query)));
  return row?.value ?? 0;
}

export async function pqrsByIds(db: FeedbackDb, ids: readonly string[]): Promise<PqrsRow[]> {
  return db
    .select()
    .from(pqrs)
    .where(inArray(pqrs.id, [...ids]));
}

export async function eventsByPqrsIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select()
    .from(pqrsEvents)
    .where(inArray(pqrsEvents.pqrsId, [...ids]))
    .orderBy(asc(pqrsEvents.at), asc(pqrsEvents.id));
}

export async function findByRadicado(db: FeedbackDb, radicado: string): Promise<PqrsRow | null> {
  const [row] = await db.select().from(pqrs).where(eq(pqrs.radicado, radicado));
  return row ?? null;
}

export async function findByIdempotencyKey(db: FeedbackDb, key: string): Promise<PqrsRow | null> {
  const [row] = await db.select().from(pqrs).where(eq(pqrs.idempotencyKey, key));
  return row ?? null;
}

/** Locks the row for the rest of the transaction: concurrent transitions of one PQRS queue up. */
export async function lockPqrs(db: FeedbackDb, id: string): Promise<PqrsRow | null> {
  const [row] = await db.select().from(pqrs).where(eq(pqrs.id, id)).for('update');
  return row ?? null;
}

/** How many numbers a batch takes from one network's year. */
export interface SequenceRequest {
  networkId: string;
  year: number;
  count: number;
}

/**
 * Reserves the next `count` numbers of each network's year in one statement and returns the last
 * number of each, in the order asked. Counter rows are locked in that order until the transaction
 * ends (callers ask in one fixed order, so two batches never deadlock), numbers are handed out one
 * batch at a time, and a rolled-back intake gives its numbers back.
 */
export async function reserveSequences(db: FeedbackDb, requests: SequenceRequest[]): Promise<number[]> {
  const rows = await db
    .insert(radicadoCounters)
    .values(requests.map(({ networkId, year, count }) => ({ networkId, year, last: count })))
    .onConflictDoUpdate({
      target: [radicadoCounters.networkId, radicadoCounters.year],
      set: { last: sql`${radicadoCounters.last} + excluded.last` },
    })
    .returning({
      networkId: radicadoCounters.networkId,
      year: radicadoCounters.year,
      last: radicadoCounters.last,
    });
  return requests.map(({ networkId, year }) => {
    const row = rows.find((r) => r.networkId === networkId && r.year === year);
    if (!row) throw new Error('radicado counter returned no row');
    return row.last;
  });
}

/** The next number of a network's year (see `reserveSequences`). */
export async function nextSequence(db: FeedbackDb, networkId: string, year: number): Promise<number> {
  const [last] = await reserveSequences(db, [{ networkId, year, count: 1 }]);
  return last!;
}

export async function insertPqrsRows(db: FeedbackDb, values: PqrsInsert[]): Promise<void> {
  await insertRows(db, pqrs, values);
}

export async function insertPqrs(db: FeedbackDb, values: PqrsInsert): Promise<PqrsRow> {
  const [row] = await db.insert(pqrs).values(values).returning();
  if (!row) throw new Error('insert returned no PQRS');
  return row;
}

export async function updatePqrs(db: FeedbackDb, id: string, changes: Partial<PqrsInsert>): Promise<PqrsRow> {
  const [row] = await db.update(pqrs).set(changes).where(eq(pqrs.id, id)).returning();
  if (!row) throw new Error(`PQRS ${id} vanished`);
  return row;
}

export async function insertEvent(db: FeedbackDb, values: typeof pqrsEvents.$inferInsert): Promise<void> {
  await insertEvents(db, [values]);
}

export async function insertEvents(
  db: FeedbackDb,
  values: (typeof pqrsEvents.$inferInsert)[],
): Promise<void> {
  await insertRows(db, pqrsEvents, values);
}
