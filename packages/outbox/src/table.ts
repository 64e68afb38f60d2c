import { isNull, sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  jsonb,
  type PgDatabase,
  type PgQueryResultHKT,
  type PgSchema,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

// Tables only: services' drizzle schemas import this file alone (`@participa/outbox/tables`), so
// drizzle-kit, which loads schemas as CommonJS, never reaches the relay's runtime imports.

/**
 * The outbox every service that tells the world something keeps in its own schema. A row is
 * written in the transaction of the change it describes; the relay publishes it (`publishedAt`)
 * and marks it done once the notifications worker has recorded it (`doneAt`). Payloads carry ids
 * and what a message needs, never a document number.
 */
export function outboxTable(schema: PgSchema) {
  return schema.table(
    'outbox_events',
    {
      id: uuid().primaryKey(),
      /** Commit order within the service; events of one aggregate are published in this order. */
      seq: bigserial({ mode: 'number' }).notNull(),
      kind: text().notNull(),
      aggregate: text().notNull(),
      payload: jsonb().notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
      doneAt: timestamp('done_at', { withTimezone: true }),
      /**
       * The W3C trace context of the change that wrote the row (null when tracing is off): the
       * relay and the notifications worker continue that trace, so one trace id runs from the
       * request to the delivery. Ids only, no personal data.
       */
      traceparent: text(),
    },
    (t) => [
      index(`${schema.schemaName}_outbox_pending_idx`).on(t.seq).where(sql`${t.doneAt} IS NULL`),
      index(`${schema.schemaName}_outbox_done_idx`).on(t.doneAt),
    ],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable>;

/**
 * Reminders a service already emitted, one row per key. The key says what makes a reminder unique
 * (`pqrs.due_soon:<id>:<dueAt>`): a changed due date makes a new key, so an extension is reminded
 * again, while two workers or a restart find the key taken.
 */
export function remindersSentTable(schema: PgSchema) {
  return schema.table('reminders_sent', {
    key: text().primaryKey(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  });
}

export type RemindersSentTable = ReturnType<typeof remindersSentTable>;

/** Events of an outbox not yet done, and how long the oldest of them has waited. */
export interface OutboxBacklog {
  pending: number;
  /** Seconds since the oldest pending event occurred; 0 when none is pending. */
  oldestSeconds: number;
}

/**
 * Reads an outbox's backlog (one indexed aggregate over the pending rows): the relay's metrics and
 * the subgraph's `/status`, which the gateway's `platformStatus` gathers, both ask this.
 */
export async function outboxBacklog(
  // biome-ignore lint/suspicious/noExplicitAny: any service's drizzle database
  db: PgDatabase<PgQueryResultHKT, any>,
  table: OutboxTable,
): Promise<OutboxBacklog> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*)::int`,
      oldestSeconds: sql<number>`coalesce(extract(epoch from now() - min(${table.occurredAt})), 0)::float8`,
    })
    .from(table)
    .where(isNull(table.doneAt));
  return row ?? { pending: 0, oldestSeconds: 0 };
}
