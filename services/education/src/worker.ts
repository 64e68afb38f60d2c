import { openDatabase } from '@participa/db';
import { runOutboxRelay } from '@participa/outbox';
import {
  closeGracefully,
  connectRedis,
  createQueue,
  createWorker,
  redisUrlFromEnv,
  remindersQueueOf,
  upsertSchedulers,
} from '@participa/queue';
import { announceReady, createLogger, onShutdown } from '@participa/subgraph-kit';
import { schema } from './db/index.ts';
import { outboxEvents } from './db/schema.ts';
import { emitWorkshopReminders } from './reminders.ts';
import { educationService } from './service.ts';

const logger = createLogger('education-worker');
await runOutboxRelay('education', outboxEvents);

const redisUrl = redisUrlFromEnv();
if (redisUrl) {
  const database = await openDatabase({
    service: educationService.name,
    schema,
    migrationsFolder: educationService.migrationsFolder,
  });
  const connection = connectRedis(redisUrl, { role: 'worker', connectionName: 'education-reminders' });
  const queueName = remindersQueueOf('education');
  const queue = createQueue(queueName, { connection });
  const worker = createWorker(queueName, () => emitWorkshopReminders(database.db), { connection });
  // Every 5 minutes; the scan is idempotent, so a late or doubled run sends nothing twice.
  await upsertSchedulers(queue, [{ id: 'workshop-reminders', every: 300_000, job: { name: 'scan' } }]);
  // Catch-up: what fell due while the platform was down goes out now, not at the next run.
  logger.info({ emitted: await emitWorkshopReminders(database.db) }, 'workshop reminders caught up');
  onShutdown(database.close);
  onShutdown(() => closeGracefully({ workers: [worker], queues: [queue], connections: [connection] }));
}
// npm start waits for every process to say it is ready.
announceReady('education-worker', '');
