import type { Identity } from '@participa/auth';
import { networkById, territoryById } from '@participa/reference';
import { authorize, badUserInput, concatTypeDefs } from '@participa/subgraph-kit';
import DataLoader from 'dataloader';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';
import { type Dimension, METRIC_CATALOG, type MetricSubgraph, metricsOf } from './catalog.ts';
import { type Period, parsePeriod } from './period.ts';

export type Scope = 'DISTRICT' | 'NETWORK' | 'TERRITORY';

/** One row of a subgraph's metric query: a period, a scope, maybe a breakdown, one column per metric. */
export interface MetricRow {
  period: string;
  scope: Scope;
  network_id: string | null;
  territory_id: string | null;
  dimension: Dimension | null;
  category: string | null;
  [metric: string]: unknown;
}

export interface MetricQuery {
  periods: Period[];
  /** Include the rows of each breakdown (dimension × category). */
  breakdowns: boolean;
  now: Date;
}

/** What a subgraph writes: one SQL query answering every period, scope and breakdown asked. */
export type ComputeMetrics<TDb> = (db: TDb, query: MetricQuery) => Promise<MetricRow[]>;

/** The scope enum, shared with the indicators subgraph (identical everywhere, so it composes). */
export const scopeTypeDefs: DocumentNode = gql`
  "Scope of a value: the whole district, one network (ESE) or one comuna or corregimiento."
  enum Scope {
    "The whole district: every network together."
    DISTRICT
    "One network, by the network the records belonged to when they were made."
    NETWORK
    "One comuna or corregimiento of a network (barrios and veredas count in theirs)."
    TERRITORY
  }
`;

/** The SDL every subgraph with metrics shares (identical everywhere, so it composes). */
export const metricsTypeDefs: DocumentNode = gql`
  ${scopeTypeDefs}

  "Breakdown of a metric: a category of the enfoque diferencial (curso de vida, sex, ethnicity, disability) or the PQRS type."
  enum MetricDimension {
    "By curso de vida (LifeStage value)."
    LIFE_STAGE
    "By sex (Sex value)."
    SEX
    "By ethnic self-identification (Ethnicity value)."
    ETHNICITY
    "By disability: true or false."
    DISABILITY
    "By PQRS type (PqrsType value)."
    PQRS_TYPE
  }

  """
  The metrics of one period (\`2025\`, \`2025Q1\`, \`2025-03\`). Each subgraph adds the field of its
  own metrics, computed with one SQL query for every period and scope of a request.
  """
  type MetricReport @key(fields: "period") {
    "The period: \`2025\` (year), \`2025Q1\` (quarter) or \`2025-03\` (month)."
    period: String!
  }

  "The metrics of one scope (and, with breakdowns, one category of one dimension)."
  type MetricCell @shareable {
    "District, network or territory."
    scope: Scope!
    "Network the records belonged to when they were made (NETWORK and TERRITORY scopes)."
    networkCode: String
    "Comuna or corregimiento (TERRITORY scope); barrios and veredas count in theirs."
    territoryCode: String
    "The dimension of the breakdown; null for the cell without breakdown."
    dimension: MetricDimension
    "Category of the dimension (e.g. MUJER, VEJEZ, true); SIN_DATO when not recorded."
    category: String
    "The value of each metric of the subgraph for this cell."
    metrics: [MetricValue!]!
  }

  "The value of one metric in one cell."
  type MetricValue @shareable {
    "Metric name as \`metricCatalog\` lists it, e.g. \`pqrs.answered\`."
    name: String!
    "Its value in the metric's unit (a count, COP pesos or people); 0 when nothing was recorded."
    value: Float!
  }

  "A metric that indicator formulas may use."
  type MetricInfo @shareable {
    "Name to use in indicator formulas, e.g. \`pqrs.answered_on_time\`."
    name: String!
    "What the metric counts or adds up."
    description: String!
    "count, COP or people."
    unit: String!
    "The subgraph that computes it."
    subgraph: String!
    "Dimensions it can be broken down by; empty when none."
    dimensions: [MetricDimension!]!
  }

`;

/**
 * The entry points, served by one subgraph only (territory, whose own metrics are cheap): the
 * gateway then fetches the other subgraphs' fields of `MetricReport` in parallel, instead of
 * waiting for one subgraph's aggregation before starting the others.
 */
const rootTypeDefs: DocumentNode = gql`
  extend type Query {
    "Staff, secretariat and workers: the metrics of these periods (aggregates, no personal data)."
    metricReports(
      "Periods such as \`2025\`, \`2025Q1\` or \`2025-03\`; a malformed one is BAD_USER_INPUT."
      periods: [String!]!
    ): [MetricReport!]!
    "Every metric of the graph."
    metricCatalog: [MetricInfo!]!
  }
`;

/** Aggregates hold no personal data, but they are for the networks, the secretariat and workers. */
const METRICS_READERS_ONLY =
  'Solo el personal de las redes, la Secretaría de Salud y los procesos del sistema consultan métricas.';

/** Parses the periods argument, naming the field and the bad value in Spanish. */
export function requirePeriod(code: string, field = 'period'): Period {
  const period = parsePeriod(code);
  if (!period)
    throw badUserInput(
      field,
      `El periodo "${code}" no es válido: use 2025 (año), 2025Q1 (trimestre) o 2025-03 (mes).`,
    );
  return period;
}

/** One scope and category with its metrics: what a `MetricCell` answers (exported for declaration files). */
export interface Cell {
  scope: Scope;
  networkCode: string | null;
  territoryCode: string | null;
  dimension: Dimension | null;
  category: string | null;
  metrics: { name: string; value: number }[];
}

/**
 * Rows with the same period, scope and category merged: a subgraph whose metrics come from several
 * tables answers with a `union all` of branches, each filling its own columns.
 */
function mergeRows(rows: readonly MetricRow[]): MetricRow[] {
  const merged = new Map<string, MetricRow>();
  for (const row of rows) {
    const key = [row.period, row.scope, row.network_id, row.territory_id, row.dimension, row.category].join(
      '|',
    );
    const existing = merged.get(key);
    if (!existing) merged.set(key, { ...row });
    else for (const [name, value] of Object.entries(row)) if (value != null) existing[name] = value;
  }
  return [...merged.values()];
}

function cellOf(row: MetricRow, names: readonly string[]): Cell | null {
  if (row.scope !== 'DISTRICT' && !row.network_id) return null;
  if (row.scope === 'TERRITORY' && !row.territory_id) return null;
  return {
    scope: row.scope,
    networkCode: row.network_id ? (networkById(row.network_id)?.code ?? null) : null,
    territoryCode: row.territory_id ? (territoryById(row.territory_id)?.code ?? null) : null,
    dimension: row.dimension,
    category: row.category,
    metrics: names.map((name) => ({ name, value: Number(row[name] ?? 0) })),
  };
}

interface CellKey {
  period: string;
  breakdowns: boolean;
}

/**
 * The schema and resolvers a subgraph adds to serve its metrics: `MetricReport.<subgraph>` plus the
 * shared query fields. One loader per request batches every period into one call of `compute`.
 */
export function metricsModule<TDb>(
  subgraph: MetricSubgraph,
  compute: ComputeMetrics<TDb>,
  options: { servesRoot?: boolean } = {},
) {
  const names = metricsOf(subgraph).map((m) => m.name);
  const loaders = new WeakMap<object, DataLoader<CellKey, Cell[], string>>();
  const loaderFor = (context: { db: TDb }) => {
    let loader = loaders.get(context);
    if (!loader) {
      loader = new DataLoader(
        async (keys) => {
          const periods = [...new Set(keys.map((k) => k.period))].map((code) => requirePeriod(code));
          const breakdowns = keys.some((k) => k.breakdowns);
          const rows = mergeRows(await compute(context.db, { periods, breakdowns, now: new Date() }));
          return keys.map((key) =>
            rows
              .filter((row) => row.period === key.period && (key.breakdowns || row.dimension === null))
              .map((row) => cellOf(row, names))
              .filter((cell): cell is Cell => cell !== null),
          );
        },
        { cacheKeyFn: (key) => `${key.period}|${key.breakdowns}` },
      );
      loaders.set(context, loader);
    }
    return loader;
  };

  const typeDefs = gql`
    extend type MetricReport @key(fields: "period") {
      "Metrics of the ${subgraph} subgraph: ${names.join(', ')}."
      ${subgraph}("Also each category of each dimension." breakdowns: Boolean = false): [MetricCell!]!
    }
  `;

  type Ctx = { identity: Identity; db: TDb };
  const root = {
    Query: {
      metricReports: (_: unknown, args: { periods: string[] }, context: Ctx) => {
        authorize(context.identity, 'metricReports', {}, METRICS_READERS_ONLY);
        return args.periods.map((code) => ({ period: requirePeriod(code, 'periods').code }));
      },
      metricCatalog: (_: unknown, __: unknown, context: Ctx) => {
        authorize(context.identity, 'metricCatalog', {}, METRICS_READERS_ONLY);
        return METRIC_CATALOG;
      },
    },
  };
  const resolvers = {
    ...(options.servesRoot ? root : {}),
    MetricReport: {
      __resolveReference: (reference: { period: string }) => reference,
      [subgraph]: (report: { period: string }, args: { breakdowns?: boolean | null }, context: Ctx) => {
        authorize(context.identity, 'MetricReport.metrics', {}, METRICS_READERS_ONLY);
        return loaderFor(context).load({ period: report.period, breakdowns: args.breakdowns ?? false });
      },
    },
  };
  return {
    typeDefs: options.servesRoot ? concatTypeDefs(rootTypeDefs, typeDefs) : typeDefs,
    resolvers,
  };
}
