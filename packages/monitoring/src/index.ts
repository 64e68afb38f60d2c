export { Counter, Gauge, Histogram } from 'prom-client';
export { countSharedAnswer, graphqlMetricsPlugin } from './graphql.ts';
export {
  type InternalEndpoints,
  serveInternalEndpoints,
  serveWorkerEndpoints,
} from './internal-endpoints.ts';
export { registry, sendMetrics, startProcessMetrics } from './registry.ts';
