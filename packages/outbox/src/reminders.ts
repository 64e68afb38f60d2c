import type { Database } from '@participa/db';
import { type DomainEvent, emit } from './event.ts';
import type { OutboxTable, RemindersSentTable } from './table.ts';

// biome-ignore lint/suspicious/noExplicitAny: works on any service's schema
type AnyDatabase = Database<any>;

/**
 * Emits `events` only if `claim` wins, both in one transaction: of concurrent scans exactly one
 * claims (the loser's insert conflicts and adds nothing), and a rollback releases the claim.
 */
export async function emitOnce(
  db: AnyDatabase,
  outbox: OutboxTable,
  claim: (tx: AnyDatabase) => Promise<boolean>,
  events: DomainEvent | DomainEvent[],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await claim(tx))) return false;
    await emit(tx, outbox, events);
    return true;
  });
}

/** `emitOnce` keyed in a `remindersSentTable`. */
export function emitReminderOnce(
  db: AnyDatabase,
  tables: { reminders: RemindersSentTable; outbox: OutboxTable },
  key: string,
  events: DomainEvent | DomainEvent[],
): Promise<boolean> {
  return emitOnce(
    db,
    tables.outbox,
    async (tx) => {
      const claimed = await tx.insert(tables.reminders).values({ key }).onConflictDoNothing().returning();
      return claimed.length > 0;
    },
    events,
  );
}
