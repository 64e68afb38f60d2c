import Holidays from 'date-holidays';

/**
 * Colombian national holidays (Ley 51 de 1983 "Ley Emiliani": fixed dates, Easter-based ones and
 * those moved to the following Monday) from the maintained `date-holidays` data set, not a
 * hand-written table. Only `public` holidays count; observances such as Palm Sunday do not.
 */
const colombia = new Holidays('CO');
const byYear = new Map<number, ReadonlySet<string>>();

/** The national holidays of a year as `YYYY-MM-DD` calendar days. */
export function colombianHolidays(year: number): ReadonlySet<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(
      colombia
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

export function isColombianHoliday(day: string): boolean {
  return colombianHolidays(Number(day.slice(0, 4))).has(day);
}
