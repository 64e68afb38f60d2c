/** Progress arithmetic of activities and plans (percentages 0–100, one decimal). */
export type ActivityStatus = 'PLANNED' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

const round1 = (value: number) => Math.round(value * 10) / 10;

/** executed / goal as a percentage, capped at 100 (over-achievement still counts as 100). */
export function activityProgress(executedQuantity: number, goalQuantity: number): number {
  if (goalQuantity <= 0) return 0;
  return round1(Math.min(100, (executedQuantity / goalQuantity) * 100));
}

/**
 * A plan's progress: the mean of its activities' progress, leaving out cancelled ones (they are
 * no longer part of the goal). A plan without live activities is at 0.
 */
export function planProgress(
  items: readonly { executedQuantity: number; goalQuantity: number; status: ActivityStatus }[],
): number {
  const live = items.filter((a) => a.status !== 'CANCELLED');
  if (live.length === 0) return 0;
  const total = live.reduce((sum, a) => sum + activityProgress(a.executedQuantity, a.goalQuantity), 0);
  return round1(total / live.length);
}

/** Status when the recorder does not state one: follows the executed quantity. */
export function derivedStatus(executedQuantity: number, goalQuantity: number): ActivityStatus {
  if (executedQuantity >= goalQuantity) return 'DONE';
  return executedQuantity > 0 ? 'IN_PROGRESS' : 'PLANNED';
}

/** Activities not finished when a plan closes: carried over to next year's plan. */
export function isUnfinished(status: ActivityStatus): boolean {
  return status === 'PLANNED' || status === 'IN_PROGRESS';
}

/** What is left of the goal for next year (at least 1: a carried activity has something to do). */
export function remainingGoal(executedQuantity: number, goalQuantity: number): number {
  return Math.max(1, goalQuantity - executedQuantity);
}

/** The same calendar day one year later (29 February becomes 28 February). */
export function nextYearDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const nextDay = month === 2 && day === 29 ? 28 : day;
  return `${year + 1}-${String(month).padStart(2, '0')}-${String(nextDay).padStart(2, '0')}`;
}
