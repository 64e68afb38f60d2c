import { bogotaDay, startOfBogotaDay, subtractBusinessDays } from '@participa/calendar';
import { emitReminderOnce } from '@participa/outbox';
import { and, asc, gt, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import { networkCodeOf } from './access.ts';
import type { FeedbackDb } from './db/index.ts';
import { outboxEvents, pqrs, remindersSent } from './db/schema.ts';
import { pqrsEvent } from './events.ts';

/** Business days before the due day when the handler is warned. */
export const DUE_SOON_BUSINESS_DAYS = 2;
/** The overdue digest goes out from this hour (Bogotá), so a restart at night sends no 3 a.m. mail. */
export const DIGEST_HOUR = 7;
/** Statuses in which a PQRS still waits for its answer. */
const OPEN = ['RECEIVED', 'IN_PROGRESS'] as const;
const DAY_MS = 86_400_000;
// Two business days back never spans more than this (weekend plus Semana Santa's Thursday and Friday).
const DUE_SOON_HORIZON_MS = 10 * DAY_MS;

export type DeadlineReminder = 'pqrs.due_soon' | 'pqrs.due_today';

/**
 * The deadline reminder due at `now` for a PQRS due at `dueAt`: `pqrs.due_today` on the due day
 * (Bogotá) before the deadline, `pqrs.due_soon` from the day `DUE_SOON_BUSINESS_DAYS` business days
 * before it (later days catch up on a missed run), none once the deadline has passed.
 */
export function deadlineReminderAt(dueAt: Date, now: Date): DeadlineReminder | null {
  if (now >= dueAt) return null;
  const dueDay = bogotaDay(dueAt);
  const today = bogotaDay(now);
  if (today === dueDay) return 'pqrs.due_today';
  return today >= subtractBusinessDays(dueDay, DUE_SOON_BUSINESS_DAYS) ? 'pqrs.due_soon' : null;
}

/**
 * Emits the deadline reminders due now, each once: the key holds the due date, so an extended
 * PQRS is reminded again of its new deadline.
 */
export async function emitDeadlineReminders(db: FeedbackDb, now = new Date()): Promise<number> {
  const candidates = await db
    .select()
    .from(pqrs)
    .where(
      and(
        inArray(pqrs.status, [...OPEN]),
        gt(pqrs.dueAt, now),
        lte(pqrs.dueAt, new Date(now.getTime() + DUE_SOON_HORIZON_MS)),
      ),
    );
  let emitted = 0;
  for (const row of candidates) {
    const kind = deadlineReminderAt(row.dueAt!, now);
    if (!kind) continue;
    const key = `${kind}:${row.id}:${row.dueAt!.toISOString()}`;
    const event = pqrsEvent(kind, row, { assignee: row.assignedTo });
    if (await emitReminderOnce(db, { reminders: remindersSent, outbox: outboxEvents }, key, event))
      emitted += 1;
  }
  return emitted;
}

/** At most this many radicados are listed in a digest; the count says how many there are. */
export const DIGEST_LIMIT = 100;

/**
 * One digest a day per network with open PQRS past their deadline, to the network's admins: the
 * radicados, oldest deadline first. Nothing before `DIGEST_HOUR`, nothing for a network without any.
 */
export async function emitOverdueDigests(db: FeedbackDb, now = new Date()): Promise<number> {
  const today = bogotaDay(now);
  if (now < new Date(startOfBogotaDay(today).getTime() + DIGEST_HOUR * 3_600_000)) return 0;
  const overdue = await db
    .select({ networkId: pqrs.networkId, radicado: pqrs.radicado })
    .from(pqrs)
    .where(and(inArray(pqrs.status, [...OPEN]), isNotNull(pqrs.dueAt), lt(pqrs.dueAt, now)))
    .orderBy(asc(pqrs.dueAt), asc(pqrs.radicado));
  const byNetwork = new Map<string, string[]>();
  for (const row of overdue) {
    const code = networkCodeOf(row);
    byNetwork.set(code, [...(byNetwork.get(code) ?? []), row.radicado]);
  }
  let emitted = 0;
  for (const [networkCode, radicados] of byNetwork) {
    const event = {
      kind: 'pqrs.overdue_digest',
      aggregate: `network:${networkCode}`,
      payload: {
        networkCode,
        day: today,
        total: radicados.length,
        radicados: radicados.slice(0, DIGEST_LIMIT),
      },
    };
    const key = `pqrs.overdue_digest:${networkCode}:${today}`;
    if (await emitReminderOnce(db, { reminders: remindersSent, outbox: outboxEvents }, key, event))
      emitted += 1;
  }
  return emitted;
}
