import { type Database, databaseUrlFor, openDatabase } from '@participa/db';
import {
  closeGracefully,
  connectRedis,
  createQueue,
  createWorker,
  NOTIFICATIONS_QUEUE,
  redisUrlFromEnv,
  remindersQueueOf,
  upsertSchedulers,
} from '@participa/queue';
import { createLogger, onShutdown } from '@participa/subgraph-kit';
import type { PublishedEvent } from './event.ts';
import { registerOutboxMetrics } from './metrics.ts';
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
  registerOutboxMetrics(service, relay);
  onShutdown(async () => {
    await relay.stop();
    await closeGracefully({ queues: [queue], connections: [connection] });
  });
  logger.info('outbox relay ready');
}

/** A scan of a service's tables that emits the reminders due; idempotent, so it may run any time. */
export interface ReminderScan {
  id: string;
  /** A cron pattern on Cali's clock, or an interval in milliseconds. */
  pattern?: string;
  every?: number;
  run: () => Promise<number>;
}

/** The part of a service definition a worker needs to open the service's database. */
interface ServiceDatabase<TSchema extends Record<string, unknown>> {
  name: string;
  schema: TSchema;
  migrationsFolder: string;
}

/**
 * Runs a service's reminder scans from its own reminders queue through BullMQ Job Schedulers, and
 * once at start: what fell due while the platform was down goes out now, not at the next run.
 * Without Redis nothing is scheduled (the API keeps working; reminders wait for a worker).
 */
export async function runReminderScans<TSchema extends Record<string, unknown>>(
  service: ServiceDatabase<TSchema>,
  scansOf: (db: Database<TSchema>) => ReminderScan[],
): Promise<void> {
  const redisUrl = redisUrlFromEnv();
  if (!redisUrl) return;
  const logger = createLogger(`${service.name}-reminders`);
  const database = await openDatabase({
    service: service.name,
    schema: service.schema,
    migrationsFolder: service.migrationsFolder,
  });
  onShutdown(database.close);
  const scans = scansOf(database.db);
  const connection = connectRedis(redisUrl, { role: 'worker', connectionName: `${service.name}-reminders` });
  const queueName = remindersQueueOf(service.name);
  const queue = createQueue(queueName, { connection });
  const byId = new Map(scans.map((scan) => [scan.id, scan]));
  // The job's name is the scan's id: one queue per service carries all its scans.
  const worker = createWorker(
    queueName,
    (job) => {
      const scan = byId.get(job.name);
      if (!scan) throw new Error(`unknown reminder scan ${job.name}`);
      return scan.run();
    },
    { connection },
  );
  onShutdown(() => closeGracefully({ workers: [worker], queues: [queue], connections: [connection] }));
  await upsertSchedulers(
    queue,
    scans.map(({ id, pattern, every }) => ({ id, pattern, every, job: { name: id } })),
  );
  for (const scan of scans) logger.info({ scan: scan.id, emitted: await scan.run() }, 'reminders caught up');
}
