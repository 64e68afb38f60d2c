import { readSecret } from '@participa/auth';
import { createLogger } from '@participa/subgraph-kit';
import { executeRun } from './compute.ts';
import type { IndicatorsDb } from './db/index.ts';
import type { RunDispatcher } from './dispatch.ts';
import { gatewayMetricsSource } from './metrics-source.ts';

/** The gateway the computation reads metrics through: `GATEWAY_URL`, else the local one. */
export function gatewayUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.GATEWAY_URL ?? `http://127.0.0.1:${env.PORT ?? 4000}/graphql`;
}

/**
 * Without Redis (`REDIS_URL` unset) there is no queue and no worker: a queued run then executes in
 * the service process right after the mutation answers, with the same status, timing and failure
 * recorded on the run. Schedules need the worker.
 */
export function inProcessDispatcher(db: IndicatorsDb): RunDispatcher {
  const logger = createLogger('indicators');
  const source = gatewayMetricsSource({
    gatewayUrl: gatewayUrl(),
    signingSecret: readSecret('GATEWAY_SIGNING_SECRET'),
  });
  return async (run) => {
    setImmediate(() => {
      executeRun(db, source, run.id).catch((error: unknown) =>
        logger.error({ runId: run.id, period: run.period, err: error }, 'indicator computation failed'),
      );
    });
  };
}
