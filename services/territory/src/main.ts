import { runService, startProcessTracing } from '@participa/subgraph-kit';
import { territoryService } from './service.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('territory');

await runService(territoryService);
