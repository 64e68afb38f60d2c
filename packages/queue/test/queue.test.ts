import { randomUUID } from 'node:crypto';
import { testRedisUrl } from '@participa/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeGracefully,
  connectRedis,
  createQueue,
  createWorker,
  NOTIFICATIONS_QUEUE,
  queueHealth,
  REMINDERS_QUEUE,
  SCHEDULE_TIMEZONE,
  upsertSchedulers,
} from '../src/index.ts';

const prefix = `test-queue-${randomUUID()}`;
const connection = connectRedis(testRedisUrl(), { role: 'worker' });
const settings = { connection, prefix };

afterAll(async () => {
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length) await connection.del(...keys);
  await closeGracefully({ connections: [connection] });
});

describe('upsertSchedulers', () => {
  it('lets one of two concurrent processes upsert, on Cali time, and stays idempotent', async () => {
    const queue = createQueue(REMINDERS_QUEUE, settings);
    const spec = [{ id: 'daily-digest', pattern: '0 7 * * *', job: { name: 'digest', data: {} } }];
    const results = await Promise.all([upsertSchedulers(queue, spec), upsertSchedulers(queue, spec)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await upsertSchedulers(queue, spec)).toBe(true);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: 'daily-digest', tz: SCHEDULE_TIMEZONE, pattern: '0 7 * * *' });
    // 07:00 in Bogotá is 12:00 UTC.
    expect(new Date(Number(schedulers[0]!.next)).getUTCHours()).toBe(12);
    await queue.close();
  });
});

describe('queueHealth', () => {
  it('counts waiting and delayed jobs and flags a scheduler whose next run is past', async () => {
    const queue = createQueue(NOTIFICATIONS_QUEUE, settings);
    await queue.add('a', {});
    await queue.add('b', {});
    await queue.add('later', {}, { delay: 60_000 });
    await upsertSchedulers(queue, [{ id: 'sweep', every: 3_600_000, job: { name: 'sweep' } }]);

    const now = await queueHealth([queue]);
    expect(now.ok).toBe(true);
    expect(now.queues[0]).toMatchObject({
      name: NOTIFICATIONS_QUEUE,
      depth: 3,
      failed: 0,
      lateSchedulers: [],
    });
    expect(now.queues[0]!.delayed).toBeGreaterThanOrEqual(1);

    const twoHoursLater = await queueHealth([queue], { now: new Date(Date.now() + 2 * 3_600_000) });
    expect(twoHoursLater.ok).toBe(false);
    expect(twoHoursLater.queues[0]!.lateSchedulers.map((s) => s.id)).toEqual(['sweep']);
    // The next run is at most an hour away (now, for a new `every` scheduler): two hours on, 1–2 h late.
    const [sweep] = twoHoursLater.queues[0]!.schedulers;
    expect(sweep).toMatchObject({ id: 'sweep' });
    expect(sweep!.lagSeconds).toBeGreaterThan(3_500);
    expect(sweep!.lagSeconds).toBeLessThanOrEqual(7_201);
    expect(now.queues[0]!.schedulers[0]!.lagSeconds).toBeLessThan(5);
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it('reports Redis unreachable instead of hanging', async () => {
    const dead = connectRedis('redis://127.0.0.1:1', { role: 'producer' });
    dead.on('error', () => {});
    const queue = createQueue(NOTIFICATIONS_QUEUE, { connection: dead, prefix });
    queue.on('error', () => {});
    const health = await queueHealth([queue], { timeoutMs: 300 });
    expect(health).toMatchObject({ ok: false, queues: [] });
    expect(health.error).toBeTruthy();
    dead.disconnect();
  });
});

describe('closeGracefully', () => {
  it('lets the worker finish the job in hand before closing', async () => {
    const queue = createQueue<{ n: number }>(NOTIFICATIONS_QUEUE, { ...settings, prefix: `${prefix}-close` });
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const finished: number[] = [];
    const worker = createWorker<{ n: number }>(
      NOTIFICATIONS_QUEUE,
      async (job) => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 300));
        finished.push(job.data.n);
      },
      { ...settings, prefix: `${prefix}-close`, connection: connection.duplicate() },
    );
    await queue.add('slow', { n: 7 });
    await running;
    await closeGracefully({ workers: [worker], queues: [queue] });
    expect(finished).toEqual([7]);
    const check = createQueue(NOTIFICATIONS_QUEUE, { ...settings, prefix: `${prefix}-close` });
    expect(await check.getJobCounts('completed', 'active', 'waiting')).toEqual({
      completed: 1,
      active: 0,
      waiting: 0,
    });
    await check.obliterate({ force: true });
    await check.close();
  });
});
