import { randomUUID } from 'node:crypto';
import { type Database, insertRows } from '@participa/db';
import { currentTraceparent } from '@participa/tracing';
import { type SQL, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { OutboxTable } from './table.ts';

/** What a service tells the world. `aggregate` orders events (e.g. `pqrs:<id>`). */
export interface DomainEvent<Payload extends Record<string, unknown> = Record<string, unknown>> {
  kind: string;
  aggregate: string;
  payload: Payload;
}

/** The job a relay publishes: the event, its id (also the job id) and the service it came from. */
export interface PublishedEvent extends DomainEvent {
  id: string;
  source: string;
  occurredAt: string;
  /** The trace the event continues (its outbox publish span), when tracing is on somewhere. */
  traceparent?: string;
}

/** The service an outbox belongs to: the schema its table lives in. */
export function sourceOf(table: OutboxTable): string {
  return getTableConfig(table).schema ?? 'public';
}

/** NOTIFY channel of a service's relay (delivered at commit, so a relay never sees a rolled-back row). */
export function outboxChannel(source: string): string {
  return `participa_outbox_${source}`;
}

/**
 * Records events in the caller's transaction: they exist exactly when the change does.
 * Returns their ids.
 */
/** `SELECT pg_notify(…)`: wakes the table's relay when the transaction commits (alone, or inside a statement). */
export function wakeRelay(table: OutboxTable): SQL {
  return sql`SELECT pg_notify(${outboxChannel(sourceOf(table))}, '')`;
}

/** Outbox rows of events as `emit` records them: a fresh id each, and the trace they continue. */
export function outboxRows(events: DomainEvent[]): OutboxTable['$inferInsert'][] {
  // The request (or job) that makes the change: the event's trace continues it after the commit.
  const traceparent = currentTraceparent() ?? null;
  return events.map(({ kind, aggregate, payload }) => ({
    id: randomUUID(),
    kind,
    aggregate,
    payload,
    traceparent,
  }));
}

export async function emit(
  // biome-ignore lint/suspicious/noExplicitAny: works on any service's schema and on transactions
  tx: Database<any>,
  table: OutboxTable,
  events: DomainEvent | DomainEvent[],
): Promise<string[]> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return [];
  const rows = outboxRows(list);
  await insertRows(tx, table, rows);
  // After the insert has answered: outside a transaction a NOTIFY sent alongside could run on another
  // pooled connection and wake the relay before the row is committed.
  await tx.execute(wakeRelay(table));
  return rows.map((row) => row.id!);
}
