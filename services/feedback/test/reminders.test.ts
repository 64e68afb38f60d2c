import { endOfBogotaDay } from '@participa/calendar';
import { describe, expect, it } from 'vitest';
import { deadlineReminderAt } from '../src/reminders.ts';

/** An instant on Cali's clock (UTC−5, no daylight saving time). */
const cali = (local: string) => new Date(`${local}-05:00`);

describe('deadlineReminderAt', () => {
  // A business-day term ends at 23:59:59.999 of its last day in Bogotá.
  const dueTuesday = endOfBogotaDay('2026-01-13');

  it('warns 2 business days before, across a weekend and the Reyes Magos holiday (Monday 12 January 2026)', () => {
    expect(deadlineReminderAt(dueTuesday, cali('2026-01-07T18:00:00'))).toBeNull();
    expect(deadlineReminderAt(dueTuesday, cali('2026-01-08T00:00:00'))).toBe('pqrs.due_soon');
    // A worker that was down on Thursday catches up on the weekend or the holiday.
    expect(deadlineReminderAt(dueTuesday, cali('2026-01-10T10:00:00'))).toBe('pqrs.due_soon');
    expect(deadlineReminderAt(dueTuesday, cali('2026-01-12T23:59:00'))).toBe('pqrs.due_soon');
  });

  it('says due today on the due day in Bogotá, and nothing once the deadline has passed', () => {
    expect(deadlineReminderAt(dueTuesday, cali('2026-01-13T00:00:00'))).toBe('pqrs.due_today');
    expect(deadlineReminderAt(dueTuesday, cali('2026-01-13T23:59:59'))).toBe('pqrs.due_today');
    // 04:00 UTC on the 13th is still the 12th in Cali.
    expect(deadlineReminderAt(dueTuesday, new Date('2026-01-13T04:00:00Z'))).toBe('pqrs.due_soon');
    expect(deadlineReminderAt(dueTuesday, cali('2026-01-14T00:00:00'))).toBeNull();
  });

  it('counts back over Holy Thursday and Friday (2–3 April 2026)', () => {
    const dueMonday = endOfBogotaDay('2026-04-06');
    expect(deadlineReminderAt(dueMonday, cali('2026-03-30T12:00:00'))).toBeNull();
    expect(deadlineReminderAt(dueMonday, cali('2026-03-31T08:00:00'))).toBe('pqrs.due_soon');
    expect(deadlineReminderAt(dueMonday, cali('2026-04-06T08:00:00'))).toBe('pqrs.due_today');
  });

  it('handles hour terms: a deadline at 15:00 is due today until 15:00', () => {
    const dueAt = cali('2026-03-10T15:00:00');
    expect(deadlineReminderAt(dueAt, cali('2026-03-10T14:59:00'))).toBe('pqrs.due_today');
    expect(deadlineReminderAt(dueAt, cali('2026-03-10T15:00:00'))).toBeNull();
    expect(deadlineReminderAt(dueAt, cali('2026-03-06T09:00:00'))).toBe('pqrs.due_soon');
    expect(deadlineReminderAt(dueAt, cali('2026-03-05T09:00:00'))).toBeNull();
  });
});
