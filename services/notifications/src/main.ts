import { runService } from '@participa/subgraph-kit';
import { sealer } from './sealing.ts';
import { notificationsService } from './service.ts';

// A missing or malformed key stops the service at start.
sealer.key();

await runService(notificationsService);
