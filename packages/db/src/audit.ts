import { and, asc, eq, inArray } from 'drizzle-orm';
import { bigserial, index, jsonb, type PgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

/**
 * The audit trail every service keeps in its own schema: who changed what, when. Rows are written
 * in the same transaction as the change they describe, so the trail and the data never disagree.
 * Details must never hold personal data (names, documents, contacts).
 */
export function auditTable(schema: PgSchema) {
  return schema.table(
    'audit_events',
    {
      id: bigserial({ mode: 'number' }).primaryKey(),
      actor: text(),
      action: text().notNull(),
      entity: text().notNull(),
      entityId: text('entity_id').notNull(),
      details: jsonb(),
      at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [index(`${schema.schemaName}_audit_entity_idx`).on(t.entity, t.entityId)],
  );
}

export type AuditTable = ReturnType<typeof auditTable>;

export interface AuditEntry {
  actor: string | null;
  action: string;
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
}

/** Runs a write and records its audit row in one transaction; the row describes what was written. */
// biome-ignore lint/suspicious/noExplicitAny: works on any service's schema
export async function writeWithAudit<TDb extends Database<any>, T>(
  db: TDb,
  table: AuditTable,
  actor: string | null,
  write: (tx: TDb) => Promise<T>,
  describe: (row: T) => Omit<AuditEntry, 'actor'>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const row = await write(tx as unknown as TDb);
    await recordAudit(tx, table, { actor, ...describe(row) });
    return row;
  });
}

// biome-ignore lint/suspicious/noExplicitAny: works on any service's schema and on transactions
export async function recordAudit(db: Database<any>, table: AuditTable, entry: AuditEntry): Promise<void> {
  await db.insert(table).values({ ...entry, details: entry.details ?? null });
}

/** What the audit trail API shows of an event: never the row's other columns. */
export interface AuditEventRow {
  entityId: string;
  at: Date;
  action: string;
  actor: string | null;
  details: unknown;
}

/**
 * The audit events of many entities of one type, in one query (for a DataLoader), oldest first.
 * Served by the `(entity, entity_id)` index.
 */
export async function auditEventsOf(
  // biome-ignore lint/suspicious/noExplicitAny: works on any service's schema
  db: Database<any>,
  table: AuditTable,
  entity: string,
  entityIds: readonly string[],
): Promise<AuditEventRow[]> {
  if (entityIds.length === 0) return [];
  return db
    .select({
      entityId: table.entityId,
      at: table.at,
      action: table.action,
      actor: table.actor,
      details: table.details,
    })
    .from(table)
    .where(and(eq(table.entity, entity), inArray(table.entityId, [...entityIds])))
    .orderBy(asc(table.at), asc(table.id));
}
