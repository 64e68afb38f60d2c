import type { Period } from '@participa/metrics';
import type { Direction, TargetRow, TargetStatus } from './db/schema.ts';

/**
 * The target in force for a value: the one of its network (or the district's, with a null
 * network) for the period's year, else the nearest later year (a 2027 target guides 2024–2027).
 */
export function targetInForce(
  targets: readonly TargetRow[],
  networkId: string | null,
  year: number,
): TargetRow | null {
  let best: TargetRow | null = null;
  for (const target of targets)
    if (target.networkId === networkId && target.year >= year && (!best || target.year < best.year))
      best = target;
  return best;
}

/**
 * Targets of ratios hold for any period; targets of counts (no denominator) are yearly totals, so
 * a quarter is measured against a quarter of it and a month against a twelfth.
 */
export function targetForPeriod(target: number, period: Period, isRatio: boolean): number {
  if (isRatio || period.kind === 'YEAR') return target;
  return target / (period.kind === 'QUARTER' ? 4 : 12);
}

/**
 * The traffic light relative to the target and the direction: on track when the target is met,
 * at risk within `margin` of it (in the indicator's unit), off track beyond; no value or no target
 * is NO_TARGET.
 */
export function statusOf(
  value: number | null,
  target: number | null,
  direction: Direction,
  margin: number,
): TargetStatus {
  if (value === null || target === null) return 'NO_TARGET';
  const shortfall = direction === 'HIGHER_IS_BETTER' ? target - value : value - target;
  if (shortfall <= 0) return 'ON_TRACK';
  return shortfall <= margin ? 'AT_RISK' : 'OFF_TRACK';
}
