import { purgeAudit, RETENTION, yearsBefore } from '@participa/db';
import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { TerritoryDb } from './db/index.ts';
import { auditEvents, representations } from './db/schema.ts';

/**
 * A representative's contacts are kept while the representation is active and 2 years after it
 * ends; the person's name stays as part of the actor's history. Audit rows go after 5 years.
 */
export async function purgeExpired(db: TerritoryDb, now: Date): Promise<Record<string, number>> {
  const until = yearsBefore(now, RETENTION.representativeYears).toISOString().slice(0, 10);
  const contacts = await db
    .update(representations)
    .set({ contactEmail: null, contactPhone: null })
    .where(
      and(
        lt(representations.endDate, until),
        or(isNotNull(representations.contactEmail), isNotNull(representations.contactPhone)),
      ),
    )
    .returning({ id: representations.id });
  return { representativeContacts: contacts.length, auditEvents: await purgeAudit(db, auditEvents, now) };
}
