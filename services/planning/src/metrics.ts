import {
  type ComputeMetrics,
  groupingOf,
  type MetricQuery,
  type MetricRow,
  metricsModule,
  periodsRelation,
  territoryRollup,
} from '@participa/metrics';
import { type SQL, sql } from 'drizzle-orm';
import type { PlanningDb } from './db/index.ts';
import {
  actionPlans,
  activities,
  budgetExecutions,
  budgetItems,
  commitmentActs,
  commitments,
} from './db/schema.ts';

/** Calendar days of the period in Bogotá, for `date` columns (end dates, due dates). */
const localDay = (instant: SQL) => sql`(${instant} at time zone 'America/Bogota')::date`;
const dueInPeriod = (day: unknown) =>
  sql`${day} >= ${localDay(sql`period.starts`)} and ${day} < ${localDay(sql`period.ends`)}`;

/**
 * Activities that end in the period (not cancelled), with their planned budget and what was
 * executed by the period's cutoff; by the network of their plan. `territory_ids` stays an array:
 * the territory branch unnests it (once per comuna, however many of its barrios are listed), so an
 * activity in two comunas counts in both and once in its network.
 */
function activitiesOfPeriods(query: MetricQuery): SQL {
  return sql`(
    select period.code, ${activities.id} as activity_id, ${actionPlans.networkId} as network_id, ${activities.territoryIds} as territory_ids,
      ${activities.status} = 'DONE' as completed,
      (select coalesce(sum(${budgetItems.plannedAmount}), 0) from ${budgetItems}
        where ${budgetItems.activityId} = ${activities.id})::float8 as planned,
      (select coalesce(sum(${budgetExecutions.amount}), 0) from ${budgetExecutions}
        join ${budgetItems} on ${budgetItems.id} = ${budgetExecutions.budgetItemId}
        where ${budgetItems.activityId} = ${activities.id}
          and ${budgetExecutions.date}::timestamp at time zone 'America/Bogota' < period.cutoff)::float8 as executed
    from ${periodsRelation(query.periods, query.now)}
    join ${activities} on ${dueInPeriod(activities.endDate)} and ${activities.status} <> 'CANCELLED'
    join ${actionPlans} on ${actionPlans.id} = ${activities.planId}
  ) as period_activity`;
}

const activityColumns = sql`count(*)::float8 as "plan.activities.total",
  (count(*) filter (where completed))::float8 as "plan.activities.completed",
  sum(planned)::float8 as "plan.budget.planned",
  sum(executed)::float8 as "plan.budget.executed"`;

/**
 * Planning metrics in one statement of three branches: activities by district and network,
 * activities by territory, and commitments of the acts (an act may bind several networks).
 */
export const computePlanningMetrics: ComputeMetrics<PlanningDb> = async (db, query) => {
  const activityScopes = groupingOf({
    network: sql`network_id`,
    breakdowns: false,
    scopes: ['DISTRICT', 'NETWORK'],
  });
  const activityTerritories = groupingOf({
    network: sql`network_id`,
    territory: sql`top_id`,
    breakdowns: false,
    scopes: ['TERRITORY'],
  });
  const commitmentNetworks = groupingOf({ network: sql`network_id`, breakdowns: false });
  // Each branch names its relation `period`: groupingOf groups by `period.code`.
  const rows = await db.execute(sql`
    select ${activityScopes.keys}, ${activityColumns}, null::float8 as "commitments.due", null::float8 as "commitments.fulfilled"
    from (select code, network_id, completed, planned, executed from ${activitiesOfPeriods(query)}) as period
    ${activityScopes.groupBy}
    union all
    select ${activityTerritories.keys}, ${activityColumns}, null, null
    from (select distinct code, activity_id, network_id, completed, planned, executed, rollup.top_id
          from ${activitiesOfPeriods(query)}
          cross join unnest(territory_ids) as listed(territory_id)
          join ${territoryRollup()} on rollup.territory_id = listed.territory_id) as period
    ${activityTerritories.groupBy}
    union all
    select ${commitmentNetworks.keys}, null, null, null, null,
      count(distinct commitment_id)::float8, (count(distinct commitment_id) filter (where fulfilled))::float8
    from (
      select period.code, ${commitments.id} as commitment_id, ${commitments.status} = 'FULFILLED' as fulfilled,
        unnest(${commitmentActs.networkIds}) as network_id
      from ${periodsRelation(query.periods, query.now)}
      join ${commitments} on ${dueInPeriod(commitments.dueDate)} and ${commitments.status} <> 'CANCELLED'
      join ${commitmentActs} on ${commitmentActs.id} = ${commitments.actId}
    ) as period
    ${commitmentNetworks.groupBy}
  `);
  return rows as unknown as MetricRow[];
};

export const planningMetrics = metricsModule('planning', computePlanningMetrics);
