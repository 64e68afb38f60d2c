import { addCalendarDays, todayInBogota } from '@participa/calendar';
import { emitReminderOnce } from '@participa/outbox';
import { and, eq, inArray, lte } from 'drizzle-orm';
import type { PlanningDb } from './db/index.ts';
import { commitmentActs, commitments, outboxEvents, remindersSent } from './db/schema.ts';
import { type CommitmentStatus, isOverdue } from './domain/commitments.ts';
import { commitmentEvent } from './events.ts';

/** Calendar days before its due date when a commitment is announced as due. */
export const DUE_NOTICE_DAYS = 7;
const OPEN: CommitmentStatus[] = ['PENDING', 'IN_PROGRESS'];

export type CommitmentReminder = 'commitment.due' | 'commitment.overdue';

/**
 * The reminder of an open commitment on `today` (Bogotá): `commitment.due` from `DUE_NOTICE_DAYS`
 * before its due date through the due date itself, `commitment.overdue` after it.
 */
export function commitmentReminderOn(
  dueDate: string,
  status: CommitmentStatus,
  today: string,
): CommitmentReminder | null {
  if (!OPEN.includes(status)) return null;
  if (isOverdue(dueDate, status, today)) return 'commitment.overdue';
  return today >= addCalendarDays(dueDate, -DUE_NOTICE_DAYS) ? 'commitment.due' : null;
}

/**
 * Emits the commitment reminders due today, each once per commitment and due date (across
 * workers and restarts; a commitment whose date moves is reminded of the new one).
 */
export async function emitCommitmentReminders(db: PlanningDb, now = new Date()): Promise<number> {
  const today = todayInBogota(now);
  const rows = await db
    .select({ commitment: commitments, act: commitmentActs })
    .from(commitments)
    .innerJoin(commitmentActs, eq(commitmentActs.id, commitments.actId))
    .where(
      and(
        inArray(commitments.status, OPEN),
        lte(commitments.dueDate, addCalendarDays(today, DUE_NOTICE_DAYS)),
      ),
    );
  let emitted = 0;
  for (const { commitment, act } of rows) {
    const kind = commitmentReminderOn(commitment.dueDate, commitment.status, today);
    if (!kind) continue;
    const key = `${kind}:${commitment.id}:${commitment.dueDate}`;
    const event = commitmentEvent(kind, commitment, act);
    if (await emitReminderOnce(db, { reminders: remindersSent, outbox: outboxEvents }, key, event))
      emitted += 1;
  }
  return emitted;
}
