import { describe, expect, it } from 'vitest';
import { commitmentReminderOn } from '../src/reminders.ts';

describe('commitmentReminderOn', () => {
  const due = '2026-03-20';

  it('announces an open commitment 7 calendar days before its due date, through the due date', () => {
    expect(commitmentReminderOn(due, 'PENDING', '2026-03-12')).toBeNull();
    expect(commitmentReminderOn(due, 'PENDING', '2026-03-13')).toBe('commitment.due');
    expect(commitmentReminderOn(due, 'IN_PROGRESS', '2026-03-20')).toBe('commitment.due');
  });

  it('is overdue from the day after, and says nothing of fulfilled or cancelled ones', () => {
    expect(commitmentReminderOn(due, 'PENDING', '2026-03-21')).toBe('commitment.overdue');
    expect(commitmentReminderOn(due, 'FULFILLED', '2026-03-15')).toBeNull();
    expect(commitmentReminderOn(due, 'CANCELLED', '2026-03-25')).toBeNull();
  });
});
