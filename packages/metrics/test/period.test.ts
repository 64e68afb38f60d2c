import { describe, expect, it } from 'vitest';
import { currentMonth, monthsFrom, nightlyPeriods, parsePeriod } from '../src/period.ts';

describe('parsePeriod', () => {
  it('reads years, quarters and months as Bogotá intervals (UTC−5)', () => {
    expect(parsePeriod('2025')).toMatchObject({
      kind: 'YEAR',
      starts: new Date('2025-01-01T05:00:00Z'),
      ends: new Date('2026-01-01T05:00:00Z'),
    });
    expect(parsePeriod('2025Q4')).toMatchObject({
      kind: 'QUARTER',
      starts: new Date('2025-10-01T05:00:00Z'),
      ends: new Date('2026-01-01T05:00:00Z'),
    });
    expect(parsePeriod('2024-02')).toMatchObject({
      kind: 'MONTH',
      starts: new Date('2024-02-01T05:00:00Z'),
      ends: new Date('2024-03-01T05:00:00Z'),
    });
  });

  it('refuses anything else', () => {
    for (const code of ['2025-13', '2025Q5', '25', '2025-1', '2025-00', 'Q1', '2025q1 x', '1999'])
      expect(parsePeriod(code)).toBeNull();
  });
});

describe('scheduled periods', () => {
  it('names the month of an instant on Bogotá’s calendar', () => {
    // 03:00 UTC on 1 March is still 28 February in Bogotá.
    expect(currentMonth(new Date('2026-03-01T03:00:00Z'))).toBe('2026-02');
    expect(currentMonth(new Date('2026-03-01T05:00:00Z'))).toBe('2026-03');
  });

  it('recomputes the current and previous month, quarter and year every night', () => {
    expect(nightlyPeriods(new Date('2026-01-15T12:00:00Z'))).toEqual([
      '2026-01',
      '2025-12',
      '2026Q1',
      '2025Q4',
      '2026',
      '2025',
    ]);
    expect(nightlyPeriods(new Date('2026-05-02T12:00:00Z'))).toEqual([
      '2026-05',
      '2026-04',
      '2026Q2',
      '2026Q1',
      '2026',
      '2025',
    ]);
  });

  it('lists consecutive months across years', () => {
    expect(monthsFrom('2025-11', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
