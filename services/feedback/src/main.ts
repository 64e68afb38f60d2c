import { runService, startProcessTracing } from '@participa/subgraph-kit';
import { readEncryptionKey } from './secrets.ts';
import { feedbackService } from './service.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('feedback');

// Fail at start-up, not at the first PQRS, when production has no encryption key.
readEncryptionKey();
await runService(feedbackService);
