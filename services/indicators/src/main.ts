import { connectRedis, createQueue, INDICATORS_QUEUE, redisUrlFromEnv } from '@participa/queue';
import { onShutdown, runService, startProcessTracing } from '@participa/subgraph-kit';
import { setRunDispatcher } from './dispatch.ts';
import { type IndicatorJobData, queueDispatcher } from './jobs.ts';
import { inProcessDispatcher } from './runner.ts';
import { indicatorsService } from './service.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('indicators');

// With Redis, `computeIndicators` queues its run for the worker; without, the service computes it.
const redisUrl = redisUrlFromEnv();
await runService(indicatorsService, (db) => {
  if (!redisUrl) return setRunDispatcher(inProcessDispatcher(db));
  const connection = connectRedis(redisUrl, { role: 'producer', connectionName: 'indicators' });
  const queue = createQueue<IndicatorJobData>(INDICATORS_QUEUE, { connection });
  setRunDispatcher(queueDispatcher(queue));
  onShutdown(async () => {
    await queue.close();
    await connection.quit();
  });
});
