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
  return endOfBogotaDay(addBusinessDays(bogotaDay(receivedAt), term.amount));
}

/** The same term twice over: the latest an extension may reach (counted from the original start). */
export function doubled(term: Term): Term {
  return { ...term, amount: term.amount * 2 };
}
