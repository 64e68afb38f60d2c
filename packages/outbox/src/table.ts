import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, type PgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    },
    (t) => [
      index(`${schema.schemaName}_outbox_pending_idx`).on(t.seq).where(sql`${t.doneAt} IS NULL`),
      index(`${schema.schemaName}_outbox_done_idx`).on(t.doneAt),
    ],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable>;
