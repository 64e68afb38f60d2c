import { runService } from '@participa/subgraph-kit';
import { planningService } from './service.ts';

await runService(planningService);
