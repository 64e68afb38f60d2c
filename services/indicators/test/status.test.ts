import { parsePeriod } from '@participa/metrics';
import { describe, expect, it } from 'vitest';
import type { TargetRow } from '../src/db/schema.ts';
import { statusOf, targetForPeriod, targetInForce } from '../src/status.ts';

const target = (networkId: string | null, year: number, value: number) =>
  ({ networkId, year, target: value }) as TargetRow;

describe('statusOf', () => {
  it('is relative to the target and the direction, with the at-risk margin', () => {
    expect(statusOf(96, 95, 'HIGHER_IS_BETTER', 5)).toBe('ON_TRACK');
    expect(statusOf(95, 95, 'HIGHER_IS_BETTER', 5)).toBe('ON_TRACK');
    expect(statusOf(90, 95, 'HIGHER_IS_BETTER', 5)).toBe('AT_RISK');
    expect(statusOf(89.9, 95, 'HIGHER_IS_BETTER', 5)).toBe('OFF_TRACK');
    expect(statusOf(3, 5, 'LOWER_IS_BETTER', 1)).toBe('ON_TRACK');
    expect(statusOf(6, 5, 'LOWER_IS_BETTER', 1)).toBe('AT_RISK');
    expect(statusOf(7, 5, 'LOWER_IS_BETTER', 1)).toBe('OFF_TRACK');
  });

  it('has no traffic light without a value or a target', () => {
    expect(statusOf(null, 95, 'HIGHER_IS_BETTER', 5)).toBe('NO_TARGET');
    expect(statusOf(80, null, 'HIGHER_IS_BETTER', 5)).toBe('NO_TARGET');
  });
});

describe('targets', () => {
  it('takes the network’s target of the year, else the nearest later one', () => {
    const targets = [target('N', 2027, 80.2), target('N', 2025, 79), target(null, 2026, 90)];
    expect(targetInForce(targets, 'N', 2025)?.target).toBe(79);
    expect(targetInForce(targets, 'N', 2026)?.target).toBe(80.2);
    expect(targetInForce(targets, 'N', 2028)).toBeNull();
    expect(targetInForce(targets, null, 2024)?.target).toBe(90);
    expect(targetInForce(targets, 'M', 2025)).toBeNull();
  });

  it('measures counts against their share of a yearly target, ratios against the target', () => {
    expect(targetForPeriod(24, parsePeriod('2026-03')!, false)).toBe(2);
    expect(targetForPeriod(24, parsePeriod('2026Q1')!, false)).toBe(6);
    expect(targetForPeriod(24, parsePeriod('2026')!, false)).toBe(24);
    expect(targetForPeriod(95, parsePeriod('2026-03')!, true)).toBe(95);
  });
});
