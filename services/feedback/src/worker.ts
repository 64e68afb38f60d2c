import { runOutboxRelay, runReminderScans } from '@participa/outbox';
import { announceReady, startWorkerProcess } from '@participa/subgraph-kit';
import { outboxEvents } from './db/schema.ts';
import { emitDeadlineReminders, emitOverdueDigests } from './reminders.ts';
import { feedbackService } from './service.ts';

// First: tracing decides, when what makes spans is set up, whether it is on.
await startWorkerProcess(feedbackService);
await runOutboxRelay('feedback', outboxEvents);
// Both scans are idempotent (reminders_sent): a late, doubled or restarted run sends nothing twice.
await runReminderScans(feedbackService, (db) => [
  { id: 'pqrs-deadlines', every: 300_000, run: () => emitDeadlineReminders(db) },
  // Daily at 7:00 in Cali; the catch-up at start sends today's digest if it is missing.
  { id: 'pqrs-overdue-digest', pattern: '0 7 * * *', run: () => emitOverdueDigests(db) },
]);
// npm start waits for every process to say it is ready.
announceReady('feedback-worker', '');
