import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SCHEDULE_TIMEZONE } from './names.ts';

/** A recurring job: a cron `pattern` on Cali's clock, or `every` milliseconds. */
export interface SchedulerSpec<Data = unknown> {
  id: string;
  pattern?: string;
  every?: number;
  job: { name: string; data?: Data };
}

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Creates or updates the queue's Job Schedulers from one process at a time: concurrent upserts of
 * one scheduler can leave duplicate or missing next jobs (BullMQ issues #3262, #3272), so the
 * upsert runs under a Redis lock and a process that finds it taken leaves the work to its holder.
 * Returns whether this process did the upsert.
 */
export async function upsertSchedulers(
  queue: Queue,
  schedulers: SchedulerSpec[],
  options: { lockTtlMs?: number } = {},
): Promise<boolean> {
  const redis = queue.opts.connection;
  if (!(redis instanceof Redis)) throw new Error('upsertSchedulers needs a queue made by createQueue');
  const lockKey = `${queue.opts.prefix}:${queue.name}:schedulers-lock`;
  const token = randomUUID();
  const taken = await redis.set(lockKey, token, 'PX', options.lockTtlMs ?? 30_000, 'NX');
  if (taken !== 'OK') return false;
  try {
    for (const scheduler of schedulers) {
      const repeat = scheduler.pattern
        ? { pattern: scheduler.pattern, tz: SCHEDULE_TIMEZONE }
        : { every: scheduler.every };
      if (!repeat.pattern && !repeat.every)
        throw new Error(`scheduler ${scheduler.id} needs a pattern or an interval`);
      await queue.upsertJobScheduler(scheduler.id, repeat, scheduler.job);
    }
    return true;
  } finally {
    await redis.eval(RELEASE, 1, lockKey, token);
  }
}
