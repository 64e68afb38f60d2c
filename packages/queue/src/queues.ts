import { type DefaultJobOptions, type Processor, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_PREFIX, type QueueName } from './names.ts';

/** Where queues live: a connection and, for tests that share one Redis, a key prefix of their own. */
export interface QueueSettings {
  connection: Redis;
  prefix?: string;
}

/** Finished jobs are kept briefly for the dashboard, failed ones longer for operators. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

export function createQueue<Data = unknown>(
  name: QueueName,
  settings: QueueSettings,
  defaultJobOptions: DefaultJobOptions = DEFAULT_JOB_OPTIONS,
): Queue<Data> {
  return new Queue<Data>(name, {
    connection: settings.connection,
    prefix: settings.prefix ?? QUEUE_PREFIX,
    defaultJobOptions,
  });
}

export function createWorker<Data = unknown, Result = unknown>(
  name: QueueName,
  processor: Processor<Data, Result>,
  settings: QueueSettings & Omit<WorkerOptions, 'connection' | 'prefix'>,
): Worker<Data, Result> {
  const { connection, prefix, ...options } = settings;
  return new Worker<Data, Result>(name, processor, {
    ...options,
    connection,
    prefix: prefix ?? QUEUE_PREFIX,
  });
}
