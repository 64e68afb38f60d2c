import { currentMonth, nightlyPeriods } from '@participa/metrics';
import type { SchedulerSpec } from '@participa/queue';
import type { Job, Queue } from 'bullmq';
import { executeRun } from './compute.ts';
import type { IndicatorsDb } from './db/index.ts';
import { computationRuns } from './db/schema.ts';
import type { RunDispatcher } from './dispatch.ts';
import type { MetricsSource } from './metrics-source.ts';

/** `compute`: one queued run; `current-month` and `nightly`: what the schedules start. */
export type IndicatorJobName = 'compute' | 'current-month' | 'nightly';
export interface IndicatorJobData {
  runId?: string;
}

/**
 * The current month every 15 minutes; the current and previous month, quarter and year every
 * night at 02:00 in Bogotá (`upsertSchedulers` adds the time zone).
 */
export const INDICATOR_SCHEDULERS: SchedulerSpec<IndicatorJobData>[] = [
  { id: 'indicators-current-month', pattern: '*/15 * * * *', job: { name: 'current-month' } },
  { id: 'indicators-nightly', pattern: '0 2 * * *', job: { name: 'nightly' } },
];

/** `computeIndicators` puts its run on the queue; the run id is the job id (a retry adds nothing). */
export function queueDispatcher(queue: Queue<IndicatorJobData>): RunDispatcher {
  return async (run) => {
    await queue.add('compute', { runId: run.id }, { jobId: run.id });
  };
}

/** A run recorded as the system's, then executed: scheduled work shows in `computationRun` too. */
async function scheduledRun(db: IndicatorsDb, source: MetricsSource, period: string): Promise<void> {
  const [run] = await db
    .insert(computationRuns)
    .values({ period, indicatorCodes: [], requestedBy: 'system:indicators-schedule' })
    .returning();
  await executeRun(db, source, run!.id);
}

/** The worker's processor: runs a queued computation or the periods a schedule stands for. */
export function indicatorJobProcessor(
  db: IndicatorsDb,
  source: MetricsSource,
  now: () => Date = () => new Date(),
) {
  return async (job: Job<IndicatorJobData>): Promise<void> => {
    const name = job.name as IndicatorJobName;
    if (name === 'compute') {
      if (!job.data.runId) throw new Error('compute job without runId');
      await executeRun(db, source, job.data.runId);
    } else if (name === 'current-month') {
      await scheduledRun(db, source, currentMonth(now()));
    } else if (name === 'nightly') {
      for (const period of nightlyPeriods(now())) await scheduledRun(db, source, period);
    } else throw new Error(`unknown indicators job ${job.name}`);
  };
}
