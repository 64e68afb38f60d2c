import { lt } from 'drizzle-orm';
import type { AuditTable } from './audit.ts';
import type { Database } from './database.ts';

/**
 * How long personal data is kept (docs/security.md, "Personal data: who reads it, how long it is
 * kept"). Each service's `purgeExpired` enforces the periods of the data it holds.
 */
export const RETENTION = {
  /** Petitioner of a PQRS: years after the PQRS is closed. */
  petitionerYears: 5,
  /** Participant of a workshop: years after the workshop. */
  participantYears: 2,
  /** Contacts of a representative: years after the representation ends. */
  representativeYears: 2,
  /** Audit trail rows. */
  auditYears: 5,
  /** Notification contents and delivery addresses. */
  notificationDays: 30,
} as const;

export function yearsBefore(now: Date, years: number): Date {
  const then = new Date(now);
  then.setUTCFullYear(then.getUTCFullYear() - years);
  return then;
}

export const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** Deletes the audit rows older than the audit period; returns how many. */
// biome-ignore lint/suspicious/noExplicitAny: works on any service's schema
export async function purgeAudit(db: Database<any>, table: AuditTable, now: Date): Promise<number> {
  const deleted = await db
    .delete(table)
    .where(lt(table.at, yearsBefore(now, RETENTION.auditYears)))
    .returning({ id: table.id });
  return deleted.length;
}
