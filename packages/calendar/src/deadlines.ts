import { addBusinessDays, bogotaDay, endOfBogotaDay } from './days.ts';

/** A legal term: business days (Ley 1755 de 2015) or calendar hours (Supersalud health claims). */
export type Term = { unit: 'BUSINESS_DAYS'; amount: number } | { unit: 'HOURS'; amount: number };

const HOUR_MS = 3_600_000;

/**
 * When a term that starts at `receivedAt` ends. Business days: counting starts on the business
 * day after the Bogotá day of receipt and the term ends at 23:59:59.999 Bogotá time of its last
 * business day. Hours: calendar hours from the instant of receipt.
 */
export function deadline(receivedAt: Date, term: Term): Date {
  if (term.unit === 'HOURS') return new Date(receivedAt.getTime() + term.amount * HOUR_MS);
  return businessDeadline(bogotaDay(receivedAt), term.amount);
}

// Every PQRS filed on one day shares a handful of terms: each day's deadlines are counted once (the
// holidays are fixed data). Bounded, as a long-running service meets new days forever.
const REMEMBERED_DEADLINES = 1_000;
const businessDeadlines = new Map<string, number>();

function businessDeadline(day: string, amount: number): Date {
  const key = `${day}+${amount}`;
  let end = businessDeadlines.get(key);
  if (end === undefined) {
    if (businessDeadlines.size >= REMEMBERED_DEADLINES) businessDeadlines.clear();
    end = endOfBogotaDay(addBusinessDays(day, amount)).getTime();
    businessDeadlines.set(key, end);
  }
  return new Date(end);
}

/** The same term twice over: the latest an extension may reach (counted from the original start). */
export function doubled(term: Term): Term {
  return { ...term, amount: term.amount * 2 };
}
