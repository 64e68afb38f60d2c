import { runService, startProcessTracing } from '@participa/subgraph-kit';
import { sealer } from './sealing.ts';
import { notificationsService } from './service.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('notifications');

// A missing or malformed key stops the service at start.
sealer.key();

await runService(notificationsService);
