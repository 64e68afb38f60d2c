/**
 * Relay + notifications worker throughput on this machine: events committed to a service's outbox
 * (one transaction each, as domain writes do) and turned into stored in-app notifications.
 * Reports events per second end to end and the p95 time from commit to stored notification under
 * that load. Runs its own embedded PostgreSQL and private Redis under a temporary folder.
 * `npm run bench:notifications`; results in bench/results/notifications.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@participa/db';
import { startLocalPlatform } from '@participa/local-servers';
import { emit, type PublishedEvent, startOutboxRelay } from '@participa/outbox';
import { closeGracefully, connectRedis, createQueue, NOTIFICATIONS_QUEUE } from '@participa/queue';
import { inArray, sql } from 'drizzle-orm';
import { schema as feedbackSchema } from '../services/feedback/src/db/index.ts';
import { outboxEvents } from '../services/feedback/src/db/schema.ts';
import { feedbackService } from '../services/feedback/src/service.ts';
import { schema as notificationsSchema } from '../services/notifications/src/db/index.ts';
import { notifications } from '../services/notifications/src/db/schema.ts';
import { startNotificationsWorker } from '../services/notifications/src/delivery.ts';
import { notificationsService } from '../services/notifications/src/service.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const PRODUCERS = Number(process.env.BENCH_PRODUCERS ?? 16);
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);

const dataDir = mkdtempSync(path.join(tmpdir(), 'participa-bench-notifications-'));
const platform = await startLocalPlatform({
  dataDir,
  services: ['feedback', 'notifications'],
  env: {},
  log: () => {},
});
try {
  const feedback = await openDatabase({
    service: 'feedback',
    schema: feedbackSchema,
    migrationsFolder: feedbackService.migrationsFolder,
    url: platform.env.FEEDBACK_DATABASE_URL,
    maxConnections: PRODUCERS,
  });
  const store = await openDatabase({
    service: 'notifications',
    schema: notificationsSchema,
    migrationsFolder: notificationsService.migrationsFolder,
    url: platform.env.NOTIFICATIONS_DATABASE_URL,
    maxConnections: 20,
  });
  const redisUrl = platform.env.REDIS_URL!;
  const producer = connectRedis(redisUrl, { role: 'producer' });
  const queue = createQueue<PublishedEvent>(NOTIFICATIONS_QUEUE, { connection: producer });
  const connection = connectRedis(redisUrl, { role: 'worker' });
  const event = (n: number) => ({
    kind: 'pqrs.received',
    aggregate: `pqrs:bench-${n}`,
    payload: { radicado: `CENTRO-2026-${n}`, networkCode: 'CENTRO', type: 'PETICION', dueAt: null },
  });
  const storedCount = async () => {
    const [row] = await store.db.select({ n: sql<number>`count(*)::int` }).from(notifications);
    return row?.n ?? 0;
  };
  const until = async (count: number) => {
    while ((await storedCount()) < count) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  // Throughput: a backlog (the outbox after Redis was down) drained by one relay and one worker.
  for (let n = 0; n < EVENTS; n += 500)
    await feedback.db.transaction((tx) =>
      emit(
        tx,
        outboxEvents,
        Array.from({ length: Math.min(500, EVENTS - n) }, (_, i) => event(n + i)),
      ),
    );
  const drainStarted = performance.now();
  const relay = await startOutboxRelay({
    url: platform.env.FEEDBACK_DATABASE_URL!,
    table: outboxEvents,
    queue,
  });
  const worker = startNotificationsWorker({ db: store.db, connection, sendEmail: async () => {} });
  await until(EVENTS);
  const drainMs = performance.now() - drainStarted;

  // Latency: producers commit one event per transaction, as domain writes do, for LOAD_SECONDS.
  const committedAt = new Map<string, number>();
  let n = EVENTS;
  const loadEnds = Date.now() + LOAD_SECONDS * 1000;
  const loadStarted = performance.now();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (Date.now() < loadEnds) {
        const [id] = await feedback.db.transaction((tx) => emit(tx, outboxEvents, event(n++)));
        committedAt.set(id!, Date.now());
      }
    }),
  );
  const loadMs = performance.now() - loadStarted;
  await until(EVENTS + committedAt.size);
  const stored = await store.db
    .select({ eventId: notifications.eventId, createdAt: notifications.createdAt })
    .from(notifications)
    .where(inArray(notifications.eventId, [...committedAt.keys()]));
  const latencies = stored
    .map((row) => row.createdAt.getTime() - committedAt.get(row.eventId)!)
    .sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  const results = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    backlog: { events: EVENTS, inAppEventsPerSecond: Math.round(EVENTS / (drainMs / 1000)) },
    underLoad: {
      producers: PRODUCERS,
      seconds: LOAD_SECONDS,
      events: committedAt.size,
      commitsPerSecond: Math.round(committedAt.size / (loadMs / 1000)),
      commitToStoredMs: {
        p50: percentile(0.5),
        p95: percentile(0.95),
        p99: percentile(0.99),
        max: latencies.at(-1),
      },
    },
    targets: { inAppEventsPerSecond: 1000, commitToStoredP95Ms: 1000 },
  };
  console.log(JSON.stringify(results, null, 2));
  writeFileSync(
    path.resolve(import.meta.dirname, 'results', 'notifications.json'),
    `${JSON.stringify(results, null, 2)}\n`,
  );

  await relay.stop();
  await closeGracefully({
    workers: [worker.worker],
    queues: [worker.queue, queue],
    connections: [connection, producer],
  });
  await feedback.close();
  await store.close();
} finally {
  await platform.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
