/**
 * Reporting periods of the contract: `2025` (year), `2025Q1` (quarter), `2025-03` (month), each a
 * half-open interval of instants in America/Bogota. Colombia has kept UTC−5 without daylight saving
 * since 1993, so a local midnight is always 05:00 UTC.
 */
export type PeriodKind = 'YEAR' | 'QUARTER' | 'MONTH';

export interface Period {
  code: string;
  kind: PeriodKind;
  year: number;
  /** First instant of the period. */
  starts: Date;
  /** First instant after the period. */
  ends: Date;
}

const BOGOTA_OFFSET_HOURS = 5;
const PATTERN = /^(\d{4})(?:Q([1-4])|-(0[1-9]|1[0-2]))?$/;

const localMidnight = (year: number, monthIndex: number) =>
  new Date(Date.UTC(year, monthIndex, 1, BOGOTA_OFFSET_HOURS));

/** The period a code names, or null when the code is not one of the three forms. */
export function parsePeriod(code: string): Period | null {
  const match = PATTERN.exec(code.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  if (match[2]) {
    const first = (Number(match[2]) - 1) * 3;
    return {
      code: `${year}Q${match[2]}`,
      kind: 'QUARTER',
      year,
      starts: localMidnight(year, first),
      ends: localMidnight(year, first + 3),
    };
  }
  if (match[3]) {
    const month = Number(match[3]) - 1;
    return {
      code: `${year}-${match[3]}`,
      kind: 'MONTH',
      year,
      starts: localMidnight(year, month),
      ends: localMidnight(year, month + 1),
    };
  }
  return {
    code: String(year),
    kind: 'YEAR',
    year,
    starts: localMidnight(year, 0),
    ends: localMidnight(year + 1, 0),
  };
}

/** Year and month (1–12) of an instant on Bogotá's calendar. */
function bogotaYearMonth(at: Date): { year: number; month: number } {
  const local = new Date(at.getTime() - BOGOTA_OFFSET_HOURS * 3_600_000);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1 };
}

const monthCode = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
const quarterCode = (year: number, month: number) => `${year}Q${Math.ceil(month / 3)}`;

/** The month that contains an instant, e.g. `2026-11`. */
export function currentMonth(at: Date): string {
  const { year, month } = bogotaYearMonth(at);
  return monthCode(year, month);
}

/**
 * What the nightly run recomputes: the current and previous month, quarter and year (late answers
 * and ratings still change the previous ones).
 */
export function nightlyPeriods(at: Date): string[] {
  const { year, month } = bogotaYearMonth(at);
  const previousMonth = month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
  const previousQuarter = month <= 3 ? { year: year - 1, month: 12 } : { year, month: month - 3 };
  return [
    monthCode(year, month),
    monthCode(previousMonth.year, previousMonth.month),
    quarterCode(year, month),
    quarterCode(previousQuarter.year, previousQuarter.month),
    String(year),
    String(year - 1),
  ];
}

/** The months of the interval, oldest first: `monthsFrom('2025-01', 24)` is 2025-01 … 2026-12. */
export function monthsFrom(first: string, count: number): string[] {
  const period = parsePeriod(first);
  if (period?.kind !== 'MONTH') throw new Error(`not a month: ${first}`);
  const start = period.year * 12 + (Number(first.slice(5)) - 1);
  return Array.from({ length: count }, (_, i) =>
    monthCode(Math.floor((start + i) / 12), ((start + i) % 12) + 1),
  );
}
