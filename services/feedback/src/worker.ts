import { runOutboxRelay } from '@participa/outbox';
import { outboxEvents } from './db/schema.ts';

await runOutboxRelay('feedback', outboxEvents);
