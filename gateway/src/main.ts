import { readFileSync } from 'node:fs';
import { startGateway } from '@participa/gateway-kit';
import { serveInternalEndpoints, startProcessMetrics } from '@participa/monitoring';
import { platformQueuesReader, redisUrlFromEnv } from '@participa/queue';
import { announceReady, exitOnStartupError, onShutdown, startProcessTracing } from '@participa/subgraph-kit';
import { SERVICES, subgraphUrl } from './catalog.ts';
import { SUPERGRAPH_PATH } from './paths.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('gateway');

let supergraphSdl: string;
try {
  supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
} catch {
  console.error(`No supergraph at ${SUPERGRAPH_PATH}: run "npm run compose" first.`);
  process.exit(1);
}
// The supergraph is composed at build time; where each subgraph runs is decided at run time.
const subgraphUrls = Object.fromEntries(
  SERVICES.map((definition) => [definition.name, subgraphUrl(definition)]),
);
// platformStatus reads the workers' queues in the Redis they share (none: reported as missing).
const redisUrl = redisUrlFromEnv();
const queues = redisUrl ? platformQueuesReader(redisUrl) : undefined;
const gateway = await exitOnStartupError(() =>
  startGateway({
    supergraphSdl,
    subgraphUrls,
    host: process.env.HOST,
    platformStatus: { queues: queues?.read },
  }),
);
onShutdown(gateway.close);
if (queues) onShutdown(queues.close);
startProcessMetrics('gateway');
if (process.env.NODE_ENV === 'production') {
  const internal = await serveInternalEndpoints(Number(process.env.METRICS_PORT ?? 9464), undefined, {
    '/status': gateway.status,
  });
  onShutdown(internal.close);
}
announceReady('gateway', gateway.url);
