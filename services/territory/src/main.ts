import { runService } from '@participa/subgraph-kit';
import { territoryService } from './service.ts';

await runService(territoryService);
