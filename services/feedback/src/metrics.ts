import {
  type ComputeMetrics,
  countWhere,
  groupingOf,
  type MetricRow,
  metricsModule,
  periodsRelation,
  territoryRollup,
} from '@participa/metrics';
import { sql } from 'drizzle-orm';
import type { FeedbackDb } from './db/index.ts';
import { pqrs } from './db/schema.ts';

const inPeriod = (instant: unknown) => sql`${instant} >= period.starts and ${instant} < period.ends`;
const answeredInPeriod = inPeriod(pqrs.answeredAt);
const ratedInPeriod = inPeriod(pqrs.ratedAt);
/** Open and past due at the cutoff: not yet answered, closed or transferred, and its term over. */
const overdueAtCutoff = sql`${pqrs.receivedAt} < period.cutoff and ${pqrs.dueAt} < period.cutoff
  and (${pqrs.answeredAt} is null or ${pqrs.answeredAt} >= period.cutoff)
  and (${pqrs.closedAt} is null or ${pqrs.closedAt} >= period.cutoff)
  and ${pqrs.status} <> 'TRANSFERRED'`;

/**
 * PQRS metrics: a PQRS counts in the period it was received for `received`, in the period it was
 * answered for `answered` and `answered_on_time`, in the period it was rated for satisfaction, and
 * as overdue if open and past due at the end of the period. By the network that received it.
 */
export const computeFeedbackMetrics: ComputeMetrics<FeedbackDb> = async (db, query) => {
  const { keys, groupBy } = groupingOf({
    network: sql`${pqrs.networkId}`,
    territory: sql`coalesce(rollup.top_id, ${pqrs.territoryId})`,
    dimensions: { PQRS_TYPE: sql`${pqrs.type}` },
    breakdowns: query.breakdowns,
  });
  return (await db.execute(sql`
    select ${keys},
      ${countWhere(inPeriod(pqrs.receivedAt))} as "pqrs.received",
      ${countWhere(answeredInPeriod)} as "pqrs.answered",
      ${countWhere(sql`${answeredInPeriod} and ${pqrs.answeredOnTime}`)} as "pqrs.answered_on_time",
      ${countWhere(overdueAtCutoff)} as "pqrs.overdue",
      ${countWhere(sql`${ratedInPeriod} and ${pqrs.ratingScore} is not null`)} as "satisfaction.responses",
      ${countWhere(sql`${ratedInPeriod} and ${pqrs.ratingScore} >= 4`)} as "satisfaction.positive"
    from ${periodsRelation(query.periods, query.now)}
    join ${pqrs} on ${pqrs.receivedAt} < period.ends
      and (${pqrs.receivedAt} >= period.starts or ${pqrs.answeredAt} is null
        or ${pqrs.answeredAt} >= period.starts or ${pqrs.ratedAt} >= period.starts)
    left join ${territoryRollup()} on rollup.territory_id = ${pqrs.territoryId}
    ${groupBy}
  `)) as unknown as MetricRow[];
};

export const feedbackMetrics = metricsModule('feedback', computeFeedbackMetrics);
