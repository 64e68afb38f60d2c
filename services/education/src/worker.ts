import { serveWorkerEndpoints } from '@participa/monitoring';
import { runOutboxRelay, runReminderScans } from '@participa/outbox';
import { announceReady, onShutdown, startProcessTracing } from '@participa/subgraph-kit';
import { outboxEvents } from './db/schema.ts';
import { emitWorkshopReminders } from './reminders.ts';
import { educationService } from './service.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('education-worker');

const endpoints = await serveWorkerEndpoints(educationService);
onShutdown(endpoints.close);
await runOutboxRelay('education', outboxEvents);
// Every 5 minutes; the scan is idempotent, so a late or doubled run sends nothing twice.
await runReminderScans(educationService, (db) => [
  { id: 'workshop-reminders', every: 300_000, run: () => emitWorkshopReminders(db) },
]);
// npm start waits for every process to say it is ready.
announceReady('education-worker', '');
