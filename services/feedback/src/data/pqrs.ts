import { insertRecordset, insertRows, recordsetOf } from '@participa/db';
import { type DomainEvent, outboxRows, wakeRelay } from '@participa/outbox';
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
import type { PgTable } from 'drizzle-orm/pg-core';
import type { FeedbackDb } from '../db/index.ts';
import {
  auditEvents,
  outboxEvents,
  type PqrsInsert,
  type PqrsRow,
  type PqrsStatus,
  pqrs,
  pqrsEvents,
  radicadoCounters,
} from '../db/schema.ts';
import { RADICADO_DIGITS } from '../domain.ts';

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

const byIdempotencyKey = (db: FeedbackDb) =>
  db
    .select()
    .from(pqrs)
    .where(eq(pqrs.idempotencyKey, sql.placeholder('key')))
    .prepare('pqrs_by_idempotency_key');
/** Built once per database: intake looks every keyed submission up, and building the select cost more than running it. */
const idempotencyLookups = new WeakMap<FeedbackDb, ReturnType<typeof byIdempotencyKey>>();

export async function findByIdempotencyKey(db: FeedbackDb, key: string): Promise<PqrsRow | null> {
  let lookup = idempotencyLookups.get(db);
  if (!lookup) {
    lookup = byIdempotencyKey(db);
    idempotencyLookups.set(db, lookup);
  }
  const [row] = await lookup.execute({ key });
  return row ?? null;
}

/** Locks the row for the rest of the transaction: concurrent transitions of one PQRS queue up. */
export async function lockPqrs(db: FeedbackDb, id: string): Promise<PqrsRow | null> {
  const [row] = await db.select().from(pqrs).where(eq(pqrs.id, id)).for('update');
  return row ?? null;
}

/**
 * The next number of a network's year (a transfer files one PQRS). The counter row stays locked
 * until the transaction ends, so numbers follow commit order, and a rollback gives the number back.
 * Intake numbers whole batches with the same counters (`fileNewPqrs`).
 */
export async function nextSequence(db: FeedbackDb, networkId: string, year: number): Promise<number> {
  const [row] = await db
    .insert(radicadoCounters)
    .values({ networkId, year, last: 1 })
    .onConflictDoUpdate({
      target: [radicadoCounters.networkId, radicadoCounters.year],
      set: { last: sql`${radicadoCounters.last} + 1` },
    })
    .returning({ last: radicadoCounters.last });
  if (!row) throw new Error('radicado counter returned no row');
  return row.last;
}

/** A new PQRS to file, with the timeline event, audit row and outbox event that record it. */
export interface NewPqrs {
  /** Numbered in its network's year (`year`), in the order given. */
  year: number;
  radicadoPrefix: string;
  row: Omit<PqrsInsert, 'radicado'>;
  event: typeof pqrsEvents.$inferInsert;
  /** Its `details` get the radicado. */
  audit: typeof auditEvents.$inferInsert;
  /** Its payload gets the radicado. */
  outbox: DomainEvent;
}

/** A jsonb column of the inserted row with the radicado its PQRS was given (`n`, joined by position). */
const withRadicado = (column: string) => ({
  [column]: `r.${column} || jsonb_build_object('radicado', n.radicado)`,
});

/**
 * Files new PQRS in one statement, so in one round trip and one implicit transaction: it advances
 * each network's year counter by its count (counter rows locked in one order, so batches never
 * deadlock, and held to the commit, so numbers follow commit order without gaps; a failure gives
 * them all back), numbers the PQRS in the order given, inserts them with their timeline, audit and
 * outbox rows, and wakes the outbox relay at commit. Returns the radicados in order.
 *
 * One statement instead of a transaction of eight: under intake load every round trip waited on
 * two busy processes, and the group commit's transactions, one at a time, bounded intake.
 */
export async function fileNewPqrs(db: FeedbackDb, filings: NewPqrs[]): Promise<string[]> {
  if (filings.length === 0) return [];
  const slots = filings.map(({ row, year, radicadoPrefix }, i) => ({
    i: i + 1,
    network_id: row.networkId,
    year,
    prefix: radicadoPrefix,
  }));
  // Each set of rows is joined to its PQRS's number by position.
  const numbered = sql.raw('JOIN numbered n ON n.i = r.ordinality');
  const insert = <T extends PgTable>(
    table: T,
    rows: T['$inferInsert'][],
    computed?: Record<string, string>,
  ) => insertRecordset(recordsetOf(table, rows)!, computed);
  const result = await db.execute(sql`WITH slots AS (
  SELECT i, network_id, year, prefix,
    row_number() OVER (PARTITION BY network_id, year ORDER BY i) AS position,
    count(*) OVER (PARTITION BY network_id, year) AS taken
  FROM json_to_recordset(${JSON.stringify(slots)}::json) AS s(i bigint, network_id uuid, year integer, prefix text)
), counters AS (
  INSERT INTO ${radicadoCounters} AS c (network_id, year, last)
  SELECT network_id, year, count(*) FROM slots GROUP BY network_id, year ORDER BY network_id, year
  ON CONFLICT (network_id, year) DO UPDATE SET last = c.last + excluded.last
  RETURNING network_id, year, last
), numbered AS (
  SELECT s.i, s.prefix || lpad(q.seq::text, greatest(${sql.raw(String(RADICADO_DIGITS))}, length(q.seq::text)), '0') AS radicado
  FROM slots s JOIN counters c USING (network_id, year), LATERAL (SELECT c.last - s.taken + s.position AS seq) AS q
), filed AS (
  ${insert(
    pqrs,
    filings.map(({ row }) => row as PqrsInsert),
    { radicado: 'n.radicado' },
  )} ${numbered}
), timeline AS (
  ${insert(
    pqrsEvents,
    filings.map(({ event }) => event),
  )}
), audit AS (
  ${insert(
    auditEvents,
    filings.map(({ audit }) => audit),
    withRadicado('details'),
  )} ${numbered}
), outbox AS (
  ${insert(outboxEvents, outboxRows(filings.map(({ outbox }) => outbox)), withRadicado('payload'))} ${numbered}
)
SELECT n.radicado FROM numbered n, (${wakeRelay(outboxEvents)}) AS woken ORDER BY n.i`);
  const radicados = (result as unknown as { radicado: string }[]).map((row) => row.radicado);
  if (radicados.length !== filings.length) throw new Error('filing numbered fewer PQRS than given');
  return radicados;
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
