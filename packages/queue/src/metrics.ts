import { Gauge, registry } from '@participa/monitoring';
import type { Queue } from 'bullmq';

const watched = new Set<Queue>();
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

// Read from Redis at each scrape; a Redis that does not answer leaves the series out, and the
// queues' /health says why.
new Gauge({
  name: 'queue_jobs',
  help: 'Jobs of each queue by state (waiting = depth)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const queue of watched) {
      const counts = await queue.getJobCounts(...STATES, 'prioritized').catch(() => undefined);
      if (!counts) continue;
      for (const state of STATES)
        this.set(
          { queue: queue.name, state },
          (counts[state] ?? 0) + (state === 'waiting' ? (counts.prioritized ?? 0) : 0),
        );
    }
  },
});

new Gauge({
  name: 'queue_scheduler_lag_seconds',
  help: 'How far past its next run a Job Scheduler is (0 when on time): no worker is taking its jobs',
  labelNames: ['queue', 'scheduler'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    const now = Date.now();
    for (const queue of watched) {
      const schedulers = await queue.getJobSchedulers(0, -1, true).catch(() => []);
      for (const scheduler of schedulers)
        this.set(
          { queue: queue.name, scheduler: scheduler.key },
          scheduler.next ? Math.max(0, (now - Number(scheduler.next)) / 1000) : 0,
        );
    }
  },
});

/** Reports these queues' depth, failures and scheduler lag at `/metrics`. */
export function registerQueueMetrics(queues: Queue[]): void {
  for (const queue of queues) watched.add(queue);
}
