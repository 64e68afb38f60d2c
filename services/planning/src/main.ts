import { runService, startProcessTracing } from '@participa/subgraph-kit';
import { planningService } from './service.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('planning');

await runService(planningService);
