import {
  type ComputeMetrics,
  groupingOf,
  type MetricRow,
  metricsModule,
  periodsRelation,
  territoryRollup,
} from '@participa/metrics';
import { sql } from 'drizzle-orm';
import type { TerritoryDb } from './db/index.ts';
import { organizations, organizationTerritories } from './db/schema.ts';

const registeredByCutoff = sql`${organizations.createdAt} < period.cutoff`;

/**
 * Social actors registered by the end of the period, by their network; an organization that works
 * in several comunas counts in each, and once in its network (a branch of its own).
 */
export const computeTerritoryMetrics: ComputeMetrics<TerritoryDb> = async (db, query) => {
  const scopes = groupingOf({
    network: sql`${organizations.networkId}`,
    breakdowns: false,
    scopes: ['DISTRICT', 'NETWORK'],
  });
  const territories = groupingOf({
    network: sql`${organizations.networkId}`,
    territory: sql`rollup.top_id`,
    breakdowns: false,
    scopes: ['TERRITORY'],
  });
  const rows = await db.execute(sql`
    select ${scopes.keys}, count(*)::float8 as "organizations.active"
    from ${periodsRelation(query.periods, query.now)}
    join ${organizations} on ${registeredByCutoff}
    ${scopes.groupBy}
    union all
    select ${territories.keys}, count(distinct ${organizations.id})::float8
    from ${periodsRelation(query.periods, query.now)}
    join ${organizations} on ${registeredByCutoff}
    join ${organizationTerritories} on ${organizationTerritories.organizationId} = ${organizations.id}
    join ${territoryRollup()} on rollup.territory_id = ${organizationTerritories.territoryId}
    ${territories.groupBy}
  `);
  return rows as unknown as MetricRow[];
};

export const territoryMetrics = metricsModule('territory', computeTerritoryMetrics, { servesRoot: true });
