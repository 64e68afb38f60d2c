import { runOutboxRelay, runReminderScans } from '@participa/outbox';
import { announceReady, startWorkerProcess } from '@participa/subgraph-kit';
import { outboxEvents } from './db/schema.ts';
import { emitCommitmentReminders } from './reminders.ts';
import { planningService } from './service.ts';

// First: tracing decides, when what makes spans is set up, whether it is on.
await startWorkerProcess(planningService);
await runOutboxRelay('planning', outboxEvents);
// Hourly is plenty for day-granular dates; the scan is idempotent (reminders_sent).
await runReminderScans(planningService, (db) => [
  { id: 'commitment-reminders', every: 3_600_000, run: () => emitCommitmentReminders(db) },
]);
// npm start waits for every process to say it is ready.
announceReady('planning-worker', '');
