import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  bogotaDay,
  colombianHolidays,
  deadline,
  doubled,
  endOfBogotaDay,
  isBusinessDay,
  startOfBogotaDay,
} from '../src/index.ts';

/**
 * Guards found by mutation testing (docs/mutation-testing.md). Holidays are computed once per year
 * and remembered, so the year below (2031) is one no other test asks for: the test that computes it
 * is the one that checks it.
 */
describe('holidays of a year never asked before', () => {
  it('are the public ones only, as calendar days: Palm Sunday 2031 is not one, Holy Thursday is', () => {
    const days = colombianHolidays(2031);
    expect(days.size).toBeGreaterThanOrEqual(18);
    expect(days.has('2031-04-06')).toBe(false); // Domingo de Ramos (an observance)
    expect(days.has('2031-04-10')).toBe(true); // Jueves Santo
    expect([...days].every((day) => /^\d{4}-\d{2}-\d{2}$/.test(day))).toBe(true);
    expect(colombianHolidays(2031)).toBe(days);
  });
});

describe('calendar days', () => {
  it('writes single-digit days with a leading zero', () => {
    expect(bogotaDay(new Date('2025-03-05T17:00:00Z'))).toBe('2025-03-05');
  });

  it.each(['x2025-03-05', '2025-03-05T00:00', '2025-3-5', ''])('refuses %j as a calendar day', (day) => {
    expect(() => endOfBogotaDay(day)).toThrow(`not a calendar day: ${day}`);
    expect(() => startOfBogotaDay(day)).toThrow('not a calendar day');
    expect(() => isBusinessDay(day)).toThrow('not a calendar day');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses %d business days with the reason', (count) => {
    expect(() => addBusinessDays('2025-01-02', count)).toThrow(`business days must be positive: ${count}`);
  });
});

describe('doubled terms (the latest an extension may reach)', () => {
  it('doubles hours and business days, keeping the unit', () => {
    expect(doubled({ unit: 'HOURS', amount: 24 })).toEqual({ unit: 'HOURS', amount: 48 });
    expect(doubled({ unit: 'BUSINESS_DAYS', amount: 15 })).toEqual({ unit: 'BUSINESS_DAYS', amount: 30 });
    const received = new Date('2025-03-03T15:00:00Z');
    expect(deadline(received, doubled({ unit: 'HOURS', amount: 24 })).toISOString()).toBe(
      '2025-03-05T15:00:00.000Z',
    );
  });
});
