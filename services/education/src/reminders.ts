import { emitOnce } from '@participa/outbox';
import { and, eq, gt, lte, notExists, sql } from 'drizzle-orm';
import type { EducationDb } from './db/index.ts';
import { outboxEvents, registrations, remindersSent, workshops } from './db/schema.ts';
import { registrationEvent } from './events.ts';

/** Lead times of workshop reminders; each window ends where the next shorter one begins. */
export const REMINDER_HOURS = [24, 2] as const;
const HOUR_MS = 3_600_000;

/**
 * Emits the workshop reminders that are due: registered participants of scheduled workshops
 * starting within a lead time and not yet reminded for it. Safe to run from two workers at once
 * and again after a restart (the `reminders_sent` key lets one transaction win), and it catches up
 * on what fell due while the platform was down, as long as the workshop has not started.
 */
export async function emitWorkshopReminders(db: EducationDb, now = new Date()): Promise<number> {
  let emitted = 0;
  for (const [i, hours] of REMINDER_HOURS.entries()) {
    const shorter = REMINDER_HOURS[i + 1] ?? 0;
    const due = await db
      .select({ registration: registrations, workshop: workshops })
      .from(registrations)
      .innerJoin(workshops, eq(workshops.id, registrations.workshopId))
      .where(
        and(
          eq(registrations.status, 'REGISTERED'),
          eq(workshops.status, 'SCHEDULED'),
          gt(workshops.startsAt, new Date(now.getTime() + shorter * HOUR_MS)),
          lte(workshops.startsAt, new Date(now.getTime() + hours * HOUR_MS)),
          notExists(
            db
              .select({ one: sql`1` })
              .from(remindersSent)
              .where(
                and(eq(remindersSent.registrationId, registrations.id), eq(remindersSent.hoursBefore, hours)),
              ),
          ),
        ),
      );
    for (const { registration, workshop } of due) {
      const sent = await emitOnce(
        db,
        outboxEvents,
        async (tx) => {
          const claimed = await tx
            .insert(remindersSent)
            .values({ registrationId: registration.id, hoursBefore: hours })
            .onConflictDoNothing()
            .returning();
          return claimed.length > 0;
        },
        registrationEvent('workshop.reminder', registration, workshop, { hoursBefore: hours }),
      );
      if (sent) emitted += 1;
    }
  }
  return emitted;
}
