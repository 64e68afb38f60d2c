import { randomUUID } from 'node:crypto';
import { ADMIN_DATABASE_URL, createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { connectRedis, createQueue, NOTIFICATIONS_QUEUE } from '@participa/queue';
import { testRedisUrl } from '@participa/testing';
import type { Queue } from 'bullmq';
import { pgSchema } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PublishedEvent } from '../src/event.ts';
import { emit } from '../src/event.ts';
import { type OutboxRelay, startOutboxRelay } from '../src/relay.ts';
import { outboxTable } from '../src/table.ts';

/**
 * The relay learns of new events by LISTEN/NOTIFY, with a poll as back-up. When PostgreSQL ends its
 * LISTEN connection (a restart, a failover, an operator's pg_terminate_backend), an event committed
 * afterwards must still go out promptly: the poll here is a minute long, so only LISTEN can deliver.
 */
const table = outboxTable(pgSchema('relaytest'));
let database: TestDatabase;
let sql: postgres.Sql;
let redis: Redis;
let queue: Queue<PublishedEvent>;
let relay: OutboxRelay;

beforeAll(async () => {
  database = await createTestDatabase([]);
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
  await sql.unsafe(`CREATE SCHEMA relaytest;
    CREATE TABLE relaytest.outbox_events (
      id uuid PRIMARY KEY, seq bigserial NOT NULL, kind text NOT NULL, aggregate text NOT NULL,
      payload jsonb NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz, done_at timestamptz, traceparent text)`);
  redis = connectRedis(testRedisUrl(), { role: 'producer' });
  queue = createQueue<PublishedEvent>(NOTIFICATIONS_QUEUE, {
    connection: redis,
    prefix: `relay-${randomUUID()}`,
  });
  relay = await startOutboxRelay({
    url: database.url,
    table,
    queue,
    pollMs: 60_000,
    confirmAfterMs: 600_000,
  });
});

afterAll(async () => {
  await relay?.stop();
  await queue?.obliterate({ force: true }).catch(() => {});
  await queue?.close();
  redis?.disconnect();
  await sql?.end({ timeout: 1 });
  await database?.drop();
});

/** Commits one event (and its NOTIFY) and returns how long until its job is in the queue. */
async function publishedAfter(): Promise<number> {
  const started = performance.now();
  const [id] = await emit(drizzle(sql) as never, table, {
    kind: 'test.listen',
    aggregate: randomUUID(),
    payload: {},
  });
  for (;;) {
    if (await queue.getJob(id!)) return performance.now() - started;
    if (performance.now() - started > 10_000) throw new Error('the event was not published within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const listeners = () =>
  sql<{ pid: number }[]>`SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = 'participa-relaytest-relay'
      AND query ILIKE 'listen%'`;

it('publishes an event committed after its LISTEN connection was terminated, without waiting for the poll', async () => {
  // Before: LISTEN delivers.
  const before = await publishedAfter();
  const [listener] = await listeners();
  expect(listener, 'the relay names its connections participa-<service>-relay').toBeDefined();

  const [{ terminated }] =
    (await sql`SELECT pg_terminate_backend(${listener!.pid}) AS terminated`) as unknown as [
      { terminated: boolean },
    ];
  expect(terminated).toBe(true);
  // Right after the kill: the NOTIFY may come before the relay listens again; it must not be lost.
  const after = await publishedAfter();
  // And once the relay has listened again.
  const later = await publishedAfter();
  const [again] = await listeners();
  console.log(
    `[relay-listen] published ${Math.round(before)} ms before, ${Math.round(after)} ms right after the ` +
      `LISTEN connection was terminated, ${Math.round(later)} ms later (poll: 60 s)`,
  );
  expect(again?.pid).not.toBe(listener!.pid);
  expect(after).toBeLessThan(5_000);
  expect(later).toBeLessThan(2_000);
});

it('listens again once PostgreSQL accepts connections after refusing them, and publishes what came meanwhile', async () => {
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  const name = new URL(database.url).pathname.slice(1);
  try {
    const [listener] = await listeners();
    expect(listener).toBeDefined();
    // New connections to the database are refused while its LISTEN connection is ended, so the
    // relay's first attempts to listen again fail.
    await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin`SELECT pg_terminate_backend(${listener!.pid})`;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await listeners()).toEqual([]);
    // An event committed while nobody listens: its NOTIFY is lost.
    const [id] = await emit(drizzle(sql) as never, table, {
      kind: 'test.listen',
      aggregate: randomUUID(),
      payload: {},
    });
    await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    const started = performance.now();
    while (!(await queue.getJob(id!))) {
      if (performance.now() - started > 10_000) throw new Error('not published within 10 s (poll: 60 s)');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const published = performance.now() - started;
    const again = await listeners();
    console.log(
      `[relay-listen] connections allowed again: the event committed meanwhile was published ${Math.round(published)} ms later`,
    );
    expect(again).toHaveLength(1);
    expect(published).toBeLessThan(5_000);
    // And LISTEN delivers again.
    expect(await publishedAfter()).toBeLessThan(2_000);
  } finally {
    await admin.unsafe(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin.end();
  }
});
