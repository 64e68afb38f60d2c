import { databaseUrlFor } from '@participa/db';
import {
  closeGracefully,
  connectRedis,
  createQueue,
  NOTIFICATIONS_QUEUE,
  redisUrlFromEnv,
} from '@participa/queue';
import { createLogger, onShutdown } from '@participa/subgraph-kit';
import type { PublishedEvent } from './event.ts';
import { startOutboxRelay } from './relay.ts';
import type { OutboxTable } from './table.ts';

/**
 * The relay of a service's worker process (`services/<name>/src/worker.ts`). Without Redis it does
 * not start: events wait in the outbox until a worker with Redis runs.
 */
export async function runOutboxRelay(service: string, table: OutboxTable): Promise<void> {
  const logger = createLogger(`${service}-relay`);
  const redisUrl = redisUrlFromEnv();
  const url = databaseUrlFor(service);
  if (!redisUrl || !url) {
    logger.warn('REDIS_URL or the database URL is not set: events wait in the outbox');
    return;
  }
  const connection = connectRedis(redisUrl, { role: 'producer', connectionName: `${service}-relay` });
  connection.on('error', (error) => logger.debug({ err: error.message }, 'Redis unavailable'));
  const queue = createQueue<PublishedEvent>(NOTIFICATIONS_QUEUE, { connection });
  queue.on('error', () => {});
  const relay = await startOutboxRelay({
    url,
    table,
    queue,
    onError: (error) => logger.warn({ err: (error as Error).message }, 'relay will retry'),
  });
  onShutdown(async () => {
    await relay.stop();
    await closeGracefully({ queues: [queue], connections: [connection] });
  });
  logger.info('outbox relay ready');
}
