import { REFERENCE_TERRITORIES } from '@participa/reference';
import { type SQL, sql } from 'drizzle-orm';
import type { Dimension } from './catalog.ts';
import type { Period } from './period.ts';

/**
 * SQL building blocks every subgraph's metric query shares, so that the shape of a metric row
 * (period, scope, network, territory, dimension, category, one column per metric) is written once.
 */

/**
 * The periods asked for as a relation `period(code, starts, ends, cutoff)`; `cutoff` is the end of
 * the period or `now` if it has not ended (what "open at the end of the period" means for it).
 */
export function periodsRelation(periods: readonly Period[], now: Date): SQL {
  const rows = periods.map(
    (p) =>
      sql`(${p.code}::text, ${p.starts.toISOString()}::timestamptz, ${p.ends.toISOString()}::timestamptz, least(${p.ends.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz))`,
  );
  return sql`(values ${sql.join(rows, sql`, `)}) as period(code, starts, ends, cutoff)`;
}

/**
 * Barrios and veredas counted in their comuna or corregimiento: the territory scope is the 37
 * comunas and corregimientos. A relation `rollup(territory_id, top_id)` to left-join on; the ids
 * are fixed reference data, so they are written inline.
 */
export function territoryRollup(): SQL {
  const rows = REFERENCE_TERRITORIES.map((t) => {
    const top = t.parentCode ? REFERENCE_TERRITORIES.find((p) => p.code === t.parentCode)!.id : t.id;
    return `('${t.id}'::uuid, '${top}'::uuid)`;
  });
  return sql.raw(`(values ${rows.join(', ')}) as rollup(territory_id, top_id)`);
}

export interface GroupingSpec {
  /** Expression of the network a record belonged to when it was made. */
  network: SQL;
  /** Expression of the (rolled-up) territory; omit for metrics without a territory. */
  territory?: SQL;
  /** Breakdown expressions by dimension (only with `breakdowns`). */
  dimensions?: Partial<Record<Dimension, SQL>>;
  breakdowns: boolean;
  /**
   * Which scopes this query answers (default: all it can). A record that belongs to several
   * territories or networks (an array column) is unnested in a branch of its own, so that it still
   * counts once in the scopes above.
   */
  scopes?: readonly ('DISTRICT' | 'NETWORK' | 'TERRITORY')[];
}

/**
 * `GROUP BY GROUPING SETS` over the period for district, network and territory, and each
 * dimension at each of those scopes; plus the select list that names scope, dimension and category
 * of a row from `grouping()`. One scan answers every scope and breakdown.
 */
export function groupingOf(spec: GroupingSpec): { keys: SQL; groupBy: SQL } {
  const wanted = spec.scopes ?? ['DISTRICT', 'NETWORK', 'TERRITORY'];
  const scopes: SQL[][] = [];
  if (wanted.includes('DISTRICT')) scopes.push([]);
  if (wanted.includes('NETWORK')) scopes.push([spec.network]);
  if (spec.territory && wanted.includes('TERRITORY')) scopes.push([spec.network, spec.territory]);
  const dimensions = spec.breakdowns ? Object.entries(spec.dimensions ?? {}) : [];
  const sets = scopes.flatMap((scope) => [
    scope,
    ...dimensions.map(([, expression]) => [...scope, expression as SQL]),
  ]);
  const groupBy = sql`group by grouping sets (${sql.join(
    sets.map((set) => sql`(${sql.join([sql`period.code`, ...set], sql`, `)})`),
    sql`, `,
  )})`;

  const territoryGrouped = spec.territory && wanted.includes('TERRITORY') ? spec.territory : null;
  const scope = territoryGrouped
    ? sql`case when grouping(${territoryGrouped}) = 0 then 'TERRITORY' when grouping(${spec.network}) = 0 then 'NETWORK' else 'DISTRICT' end`
    : sql`case when grouping(${spec.network}) = 0 then 'NETWORK' else 'DISTRICT' end`;
  const grouped = (expression: SQL) => sql`grouping(${expression}) = 0`;
  const dimension = dimensions.length
    ? sql`case ${sql.join(
        dimensions.map(([name, e]) => sql`when ${grouped(e as SQL)} then ${sql.raw(`'${name}'`)}`),
        sql` `,
      )} end`
    : sql`null`;
  const category = dimensions.length
    ? sql`case ${sql.join(
        dimensions.map(([, e]) => sql`when ${grouped(e as SQL)} then coalesce((${e})::text, 'SIN_DATO')`),
        sql` `,
      )} end`
    : sql`null`;
  const territory = territoryGrouped
    ? sql`case when grouping(${territoryGrouped}) = 0 then ${territoryGrouped} end`
    : sql`null::uuid`;
  const network = sql`case when grouping(${spec.network}) = 0 then ${spec.network} end`;
  const keys = sql`period.code as period, ${scope} as scope, ${network} as network_id, ${territory} as territory_id, ${dimension} as dimension, ${category} as category`;
  return { keys, groupBy };
}

/** `count(*) filter (where …)` as a number. */
export const countWhere = (condition: SQL) => sql`count(*) filter (where ${condition})::float8`;
