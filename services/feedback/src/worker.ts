import { runOutboxRelay } from '@participa/outbox';
import { announceReady } from '@participa/subgraph-kit';
import { outboxEvents } from './db/schema.ts';

await runOutboxRelay('feedback', outboxEvents);
// npm start waits for every process to say it is ready.
announceReady('feedback-worker', '');
