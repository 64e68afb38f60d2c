import { readSecret } from '@participa/auth';
import { openDatabase } from '@participa/db';
import {
  closeGracefully,
  connectRedis,
  createQueue,
  createWorker,
  INDICATORS_QUEUE,
  redisUrlFromEnv,
  upsertSchedulers,
} from '@participa/queue';
import { announceReady, createLogger, onShutdown, startWorkerProcess } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { INDICATOR_SCHEDULERS, type IndicatorJobData, indicatorJobProcessor } from './jobs.ts';
import { gatewayMetricsSource } from './metrics-source.ts';
import { gatewayUrl } from './runner.ts';
import { indicatorsService } from './service.ts';

/**
 * The indicators worker: computes queued runs and the scheduled periods from the `indicators`
 * queue, reading metrics through the gateway. Without Redis there is nothing to do: the service
 * then computes runs itself (see runner.ts).
 */
const logger = createLogger('indicators-worker');
// First: tracing decides, when what makes spans is set up, whether it is on.
await startWorkerProcess(indicatorsService);
const redisUrl = redisUrlFromEnv();
if (!redisUrl) {
  logger.warn('REDIS_URL is not set: the indicators worker is off, runs are computed by the service');
} else {
  const database = await openDatabase({
    service: indicatorsService.name,
    schema,
    migrationsFolder: indicatorsService.migrationsFolder,
  });
  const connection = connectRedis(redisUrl, { role: 'worker', connectionName: 'indicators-worker' });
  const queue = createQueue<IndicatorJobData>(INDICATORS_QUEUE, { connection });
  await upsertSchedulers(queue, INDICATOR_SCHEDULERS);
  const source = gatewayMetricsSource({
    gatewayUrl: gatewayUrl(),
    signingSecret: readSecret('GATEWAY_SIGNING_SECRET'),
  });
  const worker = createWorker(INDICATORS_QUEUE, indicatorJobProcessor(database.db, source), {
    connection: connection.duplicate(),
    concurrency: 1,
  });
  worker.on('failed', (job, error) =>
    logger.error({ job: job?.name, jobId: job?.id, err: error }, 'indicators job failed'),
  );
  onShutdown(database.close);
  onShutdown(() => closeGracefully({ workers: [worker], queues: [queue], connections: [connection] }));
  logger.info('indicators worker ready');
}
// npm start waits for every process to say it is ready.
announceReady('indicators-worker', '');
