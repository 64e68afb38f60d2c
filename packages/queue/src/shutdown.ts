import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';

export interface Closables {
  workers?: Worker[];
  queues?: Queue[];
  connections?: Redis[];
}

/**
 * Stops in the order that loses nothing: workers finish the job in hand (or, past `timeoutMs`,
 * drop it so its lock expires and another worker takes it again), then queues, then connections.
 */
export async function closeGracefully(
  { workers = [], queues = [], connections = [] }: Closables,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 8_000;
  await Promise.all(
    workers.map(async (worker) => {
      let timer: NodeJS.Timeout | undefined;
      const finished = worker.close().then(() => true);
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const inTime = await Promise.race([finished, late]);
      clearTimeout(timer);
      if (!inTime) await worker.close(true);
    }),
  );
  await Promise.all(queues.map((queue) => queue.close()));
  await Promise.all(
    connections.map(async (connection) => {
      if (connection.status === 'end') return;
      await connection.quit().catch(() => connection.disconnect());
    }),
  );
}
