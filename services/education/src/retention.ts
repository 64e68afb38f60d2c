import { purgeAudit, RETENTION, yearsBefore } from '@participa/db';
import { and, inArray, isNull, lt } from 'drizzle-orm';
import { eraseIdentity } from './data/registrations.ts';
import type { EducationDb } from './db/index.ts';
import { auditEvents, registrations, workshops } from './db/schema.ts';
import { comunaOf } from './domain.ts';

/**
 * Participants are kept 2 years after their workshop (attendance evidence of the action plan),
 * then erased as `eraseParticipantData` does: identity gone, characterization and counts stay.
 * Audit rows go after 5 years.
 */
export async function purgeExpired(db: EducationDb, now: Date): Promise<Record<string, number>> {
  const participants = await db.transaction(async (tx) => {
    const ended = tx
      .select({ id: workshops.id })
      .from(workshops)
      .where(lt(workshops.endsAt, yearsBefore(now, RETENTION.participantYears)));
    const due = await tx
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(inArray(registrations.workshopId, ended), isNull(registrations.erasedAt)));
    return eraseIdentity(
      tx,
      due.map((row) => row.id),
      comunaOf,
      now,
    );
  });
  return { participants, auditEvents: await purgeAudit(db, auditEvents, now) };
}
