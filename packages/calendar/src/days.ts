import { TZDate } from '@date-fns/tz';
import { isColombianHoliday } from './holidays.ts';

/** Business rules are evaluated in Bogotá; the database keeps UTC instants. */
export const BOGOTA = 'America/Bogota';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(day: string): [number, number, number] {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new Error(`not a calendar day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in Bogotá. */
export function bogotaDay(instant: Date): string {
  const local = new TZDate(instant.getTime(), BOGOTA);
  const month = String(local.getMonth() + 1).padStart(2, '0');
  const day = String(local.getDate()).padStart(2, '0');
  return `${local.getFullYear()}-${month}-${day}`;
}

/** Today in Bogotá, where date-based rules (overdue, active, due) are decided. */
export function todayInBogota(now = new Date()): string {
  return bogotaDay(now);
}

/** The last millisecond (23:59:59.999) of a Bogotá calendar day, as a UTC instant. */
export function endOfBogotaDay(day: string): Date {
  const [year, month, date] = parts(day);
  return new Date(new TZDate(year, month - 1, date, 23, 59, 59, 999, BOGOTA).getTime());
}

/** The first millisecond of a Bogotá calendar day, as a UTC instant. */
export function startOfBogotaDay(day: string): Date {
  const [year, month, date] = parts(day);
  return new Date(new TZDate(year, month - 1, date, 0, 0, 0, 0, BOGOTA).getTime());
}

/** Calendar arithmetic on days (no time of day, so no time zone involved). */
export function addCalendarDays(day: string, days: number): string {
  const [year, month, date] = parts(day);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

export function isWeekend(day: string): boolean {
  const [year, month, date] = parts(day);
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Neither Saturday, Sunday nor a Colombian national holiday. */
export function isBusinessDay(day: string): boolean {
  return !isWeekend(day) && !isColombianHoliday(day);
}

/** The `count`-th business day after `day` (`day` itself never counts, business day or not). */
export function addBusinessDays(day: string, count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new Error(`business days must be positive: ${count}`);
  let current = day;
  for (let counted = 0; counted < count; ) {
    current = addCalendarDays(current, 1);
    if (isBusinessDay(current)) counted += 1;
  }
  return current;
}

/** The `count`-th business day before `day` (`day` itself never counts): the mirror of `addBusinessDays`. */
export function subtractBusinessDays(day: string, count: number): string {
  if (!Number.isInteger(count) || count < 1) throw new Error(`business days must be positive: ${count}`);
  let current = day;
  for (let counted = 0; counted < count; ) {
    current = addCalendarDays(current, -1);
    if (isBusinessDay(current)) counted += 1;
  }
  return current;
}
