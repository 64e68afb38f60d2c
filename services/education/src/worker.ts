import { runOutboxRelay, runReminderScans } from '@participa/outbox';
import { announceReady, startWorkerProcess } from '@participa/subgraph-kit';
import { outboxEvents } from './db/schema.ts';
import { emitWorkshopReminders } from './reminders.ts';
import { educationService } from './service.ts';

// First: tracing decides, when what makes spans is set up, whether it is on.
await startWorkerProcess(educationService);
await runOutboxRelay('education', outboxEvents);
// Every 5 minutes; the scan is idempotent, so a late or doubled run sends nothing twice.
await runReminderScans(educationService, (db) => [
  { id: 'workshop-reminders', every: 300_000, run: () => emitWorkshopReminders(db) },
]);
// npm start waits for every process to say it is ready.
announceReady('education-worker', '');
