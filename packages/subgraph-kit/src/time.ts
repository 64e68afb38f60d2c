/** Today's date in Bogotá (YYYY-MM-DD): business rules are evaluated in America/Bogota. */
export function todayInBogota(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(now);
}
