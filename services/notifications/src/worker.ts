import { openDatabase } from '@participa/db';
import { closeGracefully, connectRedis, redisUrlFromEnv, upsertSchedulers } from '@participa/queue';
import { announceReady, createLogger, onShutdown, startWorkerProcess } from '@participa/subgraph-kit';
import { createEmailSender } from './channels/email.ts';
import { schema } from './db/index.ts';
import { DIGEST_SCHEDULERS, redactAddresses, startNotificationsWorker } from './delivery.ts';
import { startQueuesView } from './operations.ts';
import { sealer } from './sealing.ts';
import { notificationsService } from './service.ts';

const logger = createLogger('notifications-worker');
// First: tracing decides, when what makes spans is set up, whether it is on.
await startWorkerProcess(notificationsService);
// A missing or malformed key stops the worker now, not at the first webhook.
sealer.key();
const redisUrl = redisUrlFromEnv();
if (!redisUrl) {
  logger.warn('REDIS_URL is not set: no deliveries (events wait in each service outbox)');
  process.exit(0);
}
const database = await openDatabase({
  service: notificationsService.name,
  schema,
  migrationsFolder: notificationsService.migrationsFolder,
  maxConnections: 20,
});
const connection = connectRedis(redisUrl, { role: 'worker', connectionName: 'notifications-worker' });
const running = startNotificationsWorker({ db: database.db, connection, sendEmail: createEmailSender() });
await upsertSchedulers(running.queue, DIGEST_SCHEDULERS);
// An SMTP refusal may quote the address: logs keep the error without it.
running.worker.on('failed', (job, error) =>
  logger.warn({ job: job?.id, err: redactAddresses(error.message) }, 'job failed'),
);
const sweeper = setInterval(() => {
  running.sweep().catch((error) => logger.error({ err: error }, 'sweep failed'));
}, 30_000);
const queuesView = await startQueuesView({ connection });
logger.info({ url: `${queuesView.url}/queues` }, 'queue health and dashboard (secretariat or system token)');
onShutdown(queuesView.close);
onShutdown(database.close);
onShutdown(async () => {
  clearInterval(sweeper);
  await closeGracefully({ workers: [running.worker], queues: [running.queue], connections: [connection] });
});
logger.info('notifications worker ready');
// npm start waits for every process to say it is ready.
announceReady('notifications-worker', '');
