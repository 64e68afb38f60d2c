import type { Queue } from 'bullmq';
import { connectRedis } from './connection.ts';
import { PLATFORM_QUEUES } from './names.ts';
import { createQueue } from './queues.ts';

export interface QueueStatus {
  name: string;
  /** Jobs waiting for a worker. */
  depth: number;
  active: number;
  delayed: number;
  failed: number;
  /** Schedulers whose next run is overdue: no worker picked them up (BullMQ issue #3499). */
  lateSchedulers: { id: string; next: string }[];
  /** Every Job Scheduler of the queue: its next run and how far past it the clock is (0 when on time). */
  schedulers: { id: string; next: string | null; lagSeconds: number }[];
}

export interface QueuesHealth {
  ok: boolean;
  queues: QueueStatus[];
  /** Set when Redis did not answer in time. */
  error?: string;
}

export interface HealthOptions {
  /** How far in the past a scheduler's next run may be before it is flagged (default 60 s). */
  lateAfterMs?: number;
  /** How long to wait for Redis before reporting it unreachable (default 2 s). */
  timeoutMs?: number;
  now?: Date;
}

const REDIS_DOWN = 'Redis no responde';

/** Depth, failures and late schedulers of each queue, for `/health` and the operators' view. */
export async function queueHealth(queues: Queue[], options: HealthOptions = {}): Promise<QueuesHealth> {
  const now = (options.now ?? new Date()).getTime();
  const lateAfterMs = options.lateAfterMs ?? 60_000;
  const read = async (queue: Queue): Promise<QueueStatus> => {
    const [counts, schedulers] = await Promise.all([
      queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed'),
      queue.getJobSchedulers(0, -1, true),
    ]);
    return {
      name: queue.name,
      depth: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      lateSchedulers: schedulers
        .filter((s) => s.next !== undefined && s.next < now - lateAfterMs)
        .map((s) => ({ id: s.key, next: new Date(Number(s.next)).toISOString() })),
      schedulers: schedulers.map((s) => ({
        id: s.key,
        next: s.next === undefined ? null : new Date(Number(s.next)).toISOString(),
        lagSeconds: s.next === undefined ? 0 : Math.max(0, (now - Number(s.next)) / 1000),
      })),
    };
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(REDIS_DOWN)), options.timeoutMs ?? 2_000);
  });
  try {
    const statuses = await Promise.race([Promise.all(queues.map(read)), timeout]);
    return { ok: statuses.every((s) => s.lateSchedulers.length === 0), queues: statuses };
  } catch {
    // ioredis's own words ("Stream isn't writeable…") say nothing more to an operator.
    return { ok: false, queues: [], error: REDIS_DOWN };
  } finally {
    clearTimeout(timer);
  }
}

export interface PlatformQueuesReader {
  /** The health of every queue of the platform (`PLATFORM_QUEUES`), read now. */
  read(options?: HealthOptions): Promise<QueuesHealth>;
  close(): Promise<void>;
}

/**
 * Reads every queue of the platform on one connection of its own that fails fast while Redis is
 * down (the gateway's `platformStatus` asks it; it must never wait for Redis).
 */
export function platformQueuesReader(
  redisUrl: string,
  settings: { prefix?: string } = {},
): PlatformQueuesReader {
  const connection = connectRedis(redisUrl, { role: 'producer', connectionName: 'platform-status' });
  connection.on('error', () => {});
  const queues = PLATFORM_QUEUES.map((name) => {
    const queue = createQueue(name, { connection, prefix: settings.prefix });
    queue.on('error', () => {});
    return queue;
  });
  return {
    read: (options) => queueHealth(queues, options),
    async close() {
      await Promise.all(queues.map((queue) => queue.close().catch(() => {})));
      if (connection.status !== 'end') await connection.quit().catch(() => connection.disconnect());
    },
  };
}
