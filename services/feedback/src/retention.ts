import { purgeAudit, RETENTION, yearsBefore } from '@participa/db';
import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { FeedbackDb } from './db/index.ts';
import { auditEvents, pqrs } from './db/schema.ts';

/**
 * Petitioners are kept 5 years after their PQRS is closed (the ESE's administrative record), then
 * the sealed petitioner (identity, contacts, characterization) and the sealed tracking code go; the
 * PQRS, its type, channel, dates and answer stay for the indicators. Audit rows go after 5 years.
 */
export async function purgeExpired(db: FeedbackDb, now: Date): Promise<Record<string, number>> {
  const petitioners = await db
    .update(pqrs)
    .set({ petitionerSealed: null, trackingCodeSealed: null })
    .where(
      and(
        lt(pqrs.closedAt, yearsBefore(now, RETENTION.petitionerYears)),
        or(isNotNull(pqrs.petitionerSealed), isNotNull(pqrs.trackingCodeSealed)),
      ),
    )
    .returning({ id: pqrs.id });
  return { petitioners: petitioners.length, auditEvents: await purgeAudit(db, auditEvents, now) };
}
