import { runService, startProcessTracing } from '@participa/subgraph-kit';
import { educationService } from './service.ts';

// First: what makes spans decides, when it is set up, whether tracing is on.
startProcessTracing('education');

await runService(educationService);
