import { and, avg, count, desc, eq, gte, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { FeedbackDb } from '../db/index.ts';
import { pqrs } from '../db/schema.ts';
import { overdueCondition } from './pqrs.ts';

export interface StatsScope {
  networkId: string;
  receivedFrom: Date | null;
  receivedTo: Date | null;
  now: Date;
}

function scopeOf(scope: StatsScope): SQL {
  const conditions = [eq(pqrs.networkId, scope.networkId)];
  if (scope.receivedFrom) conditions.push(gte(pqrs.receivedAt, scope.receivedFrom));
  if (scope.receivedTo) conditions.push(lte(pqrs.receivedAt, scope.receivedTo));
  return and(...conditions)!;
}

const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`;

/** The headline counts of a network in one aggregate query; never a row of personal data. */
export async function totals(db: FeedbackDb, scope: StatsScope) {
  const [row] = await db
    .select({
      received: sql<number>`count(*)::int`,
      answered: countWhere(isNotNull(pqrs.answeredAt)),
      answeredOnTime: countWhere(eq(pqrs.answeredOnTime, true)),
      overdue: countWhere(overdueCondition(scope.now)),
      rated: countWhere(isNotNull(pqrs.ratingScore)),
      satisfied: countWhere(gte(pqrs.ratingScore, 4)),
      averageRating: avg(pqrs.ratingScore).mapWith(Number),
    })
    .from(pqrs)
    .where(scopeOf(scope));
  return row!;
}

const BREAKDOWNS = {
  type: sql<string>`${pqrs.type}::text`,
  channel: sql<string>`${pqrs.channel}::text`,
  status: sql<string>`${pqrs.status}::text`,
  month: sql<string>`to_char(${pqrs.receivedAt} at time zone 'America/Bogota', 'YYYY-MM')`,
  facility: sql<string | null>`${pqrs.facilityId}::text`,
} as const;

export type Breakdown = keyof typeof BREAKDOWNS;

/** Counts grouped by one dimension, largest first (months in calendar order). */
export async function breakdown<B extends Breakdown>(db: FeedbackDb, scope: StatsScope, by: B) {
  const key: (typeof BREAKDOWNS)[B] = BREAKDOWNS[by];
  return db
    .select({ key, count: count() })
    .from(pqrs)
    .where(scopeOf(scope))
    .groupBy(key)
    .orderBy(by === 'month' ? key : desc(count()), key);
}
