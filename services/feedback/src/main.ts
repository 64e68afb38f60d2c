import { runService } from '@participa/subgraph-kit';
import { readEncryptionKey } from './secrets.ts';
import { feedbackService } from './service.ts';

// Fail at start-up, not at the first PQRS, when production has no encryption key.
readEncryptionKey();
await runService(feedbackService);
