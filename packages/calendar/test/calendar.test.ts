import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  bogotaDay,
  colombianHolidays,
  deadline,
  endOfBogotaDay,
  isBusinessDay,
  startOfBogotaDay,
  subtractBusinessDays,
} from '../src/index.ts';

/** Weekday national holidays checked by hand against Ley 51 de 1983 (Mondays moved, Easter-based). */
const WEEKDAY_HOLIDAYS: Record<number, string[]> = {
  2024: [
    '01-01',
    '01-08',
    '03-25',
    '03-28',
    '03-29',
    '05-01',
    '05-13',
    '06-03',
    '06-10',
    '07-01',
    '08-07',
    '08-19',
    '10-14',
    '11-04',
    '11-11',
    '12-25',
  ],
  2025: [
    '01-01',
    '01-06',
    '03-24',
    '04-17',
    '04-18',
    '05-01',
    '06-02',
    '06-23',
    '06-30',
    '08-07',
    '08-18',
    '10-13',
    '11-03',
    '11-17',
    '12-08',
    '12-25',
  ],
  // From 2026 the library adds the Virgen de Chiquinquirá (Monday after 9 July, Ley 2578 de 2026).
  2026: [
    '01-01',
    '01-12',
    '03-23',
    '04-02',
    '04-03',
    '05-01',
    '05-18',
    '06-08',
    '06-15',
    '06-29',
    '07-13',
    '07-20',
    '08-07',
    '08-17',
    '10-12',
    '11-02',
    '11-16',
    '12-08',
    '12-25',
  ],
  2027: [
    '01-01',
    '01-11',
    '03-22',
    '03-25',
    '03-26',
    '05-10',
    '05-31',
    '06-07',
    '07-05',
    '07-12',
    '07-20',
    '08-16',
    '10-18',
    '11-01',
    '11-15',
    '12-08',
  ],
};

describe('Colombian holidays', () => {
  it.each(Object.entries(WEEKDAY_HOLIDAYS))('%s: the holidays that fall on weekdays', (year, days) => {
    const weekdays = [...colombianHolidays(Number(year))].filter((day) => {
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    });
    expect(weekdays.sort()).toEqual(days.map((d) => `${year}-${d}`));
  });

  it('knows fixed holidays that fall on a weekend (they do not move)', () => {
    // 2024: 20 July is a Saturday and 8 December a Sunday; 2027: 1 May, 7 August and 25 December are Saturdays.
    expect(colombianHolidays(2024)).toContain('2024-07-20');
    expect(colombianHolidays(2024)).toContain('2024-12-08');
    expect(colombianHolidays(2027)).toContain('2027-05-01');
    expect(colombianHolidays(2027)).toContain('2027-12-25');
  });

  it('does not count observances (Palm Sunday) as holidays', () => {
    expect(colombianHolidays(2025)).not.toContain('2025-04-13');
  });
});

describe('business days', () => {
  it('excludes weekends and holidays', () => {
    expect(isBusinessDay('2025-04-16')).toBe(true); // Holy Wednesday
    expect(isBusinessDay('2025-04-17')).toBe(false); // Holy Thursday
    expect(isBusinessDay('2025-04-19')).toBe(false); // Saturday
    expect(isBusinessDay('2026-01-12')).toBe(false); // Epiphany moved to Monday
    expect(isBusinessDay('2026-01-06')).toBe(true); // 6 January itself, a Tuesday
  });

  it('counts from the day after, whatever that day is', () => {
    expect(addBusinessDays('2025-03-14', 1)).toBe('2025-03-17'); // Friday → Monday
    expect(addBusinessDays('2025-03-15', 1)).toBe('2025-03-17'); // Saturday → Monday
    expect(addBusinessDays('2025-03-21', 1)).toBe('2025-03-25'); // skips San José (Mon 24)
    expect(addBusinessDays('2025-12-19', 15)).toBe('2026-01-14'); // Christmas, New Year, Epiphany
  });

  it('refuses a term that is not a positive whole number', () => {
    expect(() => addBusinessDays('2025-01-02', 0)).toThrow();
  });
});

describe('Bogotá days', () => {
  it('23:59 in Bogotá is still that day although UTC is already the next one', () => {
    const instant = new Date('2025-07-18T04:59:00Z'); // 17 July 23:59 -05:00
    expect(bogotaDay(instant)).toBe('2025-07-17');
    expect(bogotaDay(new Date('2025-07-18T05:00:00Z'))).toBe('2025-07-18');
  });

  it('ends and starts days at Bogotá midnight (UTC-5, no daylight saving)', () => {
    expect(endOfBogotaDay('2025-12-31').toISOString()).toBe('2026-01-01T04:59:59.999Z');
    expect(startOfBogotaDay('2025-12-31').toISOString()).toBe('2025-12-31T05:00:00.000Z');
  });
});

describe('deadline', () => {
  it('ends at 23:59:59.999 Bogotá time of the last business day', () => {
    const received = new Date('2025-03-14T18:30:00-05:00'); // Friday evening
    expect(deadline(received, { unit: 'BUSINESS_DAYS', amount: 15 }).toISOString()).toBe(
      '2025-04-08T04:59:59.999Z',
    );
  });

  it('gives the same deadline again for the same day and term, each time a Date of its own', () => {
    const morning = new Date('2025-03-14T08:00:00-05:00');
    const evening = new Date('2025-03-14T18:30:00-05:00');
    const first = deadline(morning, { unit: 'BUSINESS_DAYS', amount: 15 });
    first.setFullYear(1999);
    expect(deadline(evening, { unit: 'BUSINESS_DAYS', amount: 15 }).toISOString()).toBe(
      '2025-04-08T04:59:59.999Z',
    );
    // Another term of that day; that term from Saturday (the same deadline) and from Monday (a day later).
    expect(deadline(evening, { unit: 'BUSINESS_DAYS', amount: 10 }).toISOString()).toBe(
      '2025-04-01T04:59:59.999Z',
    );
    expect(
      deadline(new Date('2025-03-15T10:00:00-05:00'), { unit: 'BUSINESS_DAYS', amount: 15 }).toISOString(),
    ).toBe('2025-04-08T04:59:59.999Z');
    expect(
      deadline(new Date('2025-03-17T10:00:00-05:00'), { unit: 'BUSINESS_DAYS', amount: 15 }).toISOString(),
    ).toBe('2025-04-09T04:59:59.999Z');
  });

  it('counts calendar hours from the instant of receipt', () => {
    const received = new Date('2025-12-24T22:00:00-05:00');
    expect(deadline(received, { unit: 'HOURS', amount: 24 }).toISOString()).toBe('2025-12-26T03:00:00.000Z');
  });
});

describe('subtractBusinessDays', () => {
  it('counts back over weekends and holidays, mirroring addBusinessDays', () => {
    // Monday 12 January 2026 is Reyes Magos: two business days before Tuesday 13 is Thursday 8.
    expect(subtractBusinessDays('2026-01-13', 2)).toBe('2026-01-08');
    // Holy Thursday and Friday (2–3 April 2026) and the weekend: from Monday 6 back to Tuesday 31 March.
    expect(subtractBusinessDays('2026-04-06', 2)).toBe('2026-03-31');
    expect(subtractBusinessDays('2026-03-11', 1)).toBe('2026-03-10');
    expect(addBusinessDays(subtractBusinessDays('2026-04-06', 2), 2)).toBe('2026-04-06');
    expect(() => subtractBusinessDays('2026-03-11', 0)).toThrow();
  });
});
