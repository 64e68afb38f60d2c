import { IDENTITY_HEADER, type Identity, signIdentityHeader } from '@participa/auth';
import { metricInfo, type Scope, SUBGRAPHS_WITH_METRICS } from '@participa/metrics';

/** The metrics of one scope of one period, by metric name. */
export interface MetricCell {
  period: string;
  scope: Scope;
  networkCode: string | null;
  territoryCode: string | null;
  values: Map<string, number>;
}

/** Where the computation reads metrics: the graph, through the gateway. */
export type MetricsSource = (periods: readonly string[], names: readonly string[]) => Promise<MetricCell[]>;

const WORKER: Identity = {
  sub: 'system:indicators',
  name: 'Cálculo de indicadores',
  roles: ['system'],
  network: null,
};

interface GatewayCell {
  scope: Scope;
  networkCode: string | null;
  territoryCode: string | null;
  metrics: { name: string; value: number }[];
}

/**
 * Asks the gateway, as the `system` worker with a signed identity header, for every metric the
 * formulas need in one query: one field per owning subgraph, every scope, all periods at once.
 */
export function gatewayMetricsSource(options: { gatewayUrl: string; signingSecret: string }): MetricsSource {
  return async (periods, names) => {
    const subgraphs = SUBGRAPHS_WITH_METRICS.filter((subgraph) =>
      names.some((name) => metricInfo(name)?.subgraph === subgraph),
    );
    if (subgraphs.length === 0 || periods.length === 0) return [];
    const cell = 'scope networkCode territoryCode metrics { name value }';
    const query = `query IndicatorMetrics($periods: [String!]!) {
      metricReports(periods: $periods) { period ${subgraphs.map((s) => `${s} { ${cell} }`).join(' ')} }
    }`;
    const response = await fetch(options.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [IDENTITY_HEADER]: await signIdentityHeader(WORKER, options.signingSecret),
      },
      body: JSON.stringify({ query, variables: { periods } }),
    });
    const body = (await response.json()) as {
      data?: { metricReports: ({ period: string } & Record<string, GatewayCell[]>)[] };
      errors?: { message: string }[];
    };
    if (body.errors?.length || !body.data)
      throw new Error(
        `metrics query failed: ${body.errors?.map((e) => e.message).join('; ') ?? response.status}`,
      );

    // Cells of different subgraphs for the same scope become one.
    const cells = new Map<string, MetricCell>();
    for (const report of body.data.metricReports)
      for (const subgraph of subgraphs)
        for (const c of report[subgraph] ?? []) {
          const key = [report.period, c.scope, c.networkCode, c.territoryCode].join('|');
          let merged = cells.get(key);
          if (!merged) {
            merged = {
              period: report.period,
              scope: c.scope,
              networkCode: c.networkCode,
              territoryCode: c.territoryCode,
              values: new Map(),
            };
            cells.set(key, merged);
          }
          for (const { name, value } of c.metrics) merged.values.set(name, value);
        }
    return [...cells.values()];
  };
}
