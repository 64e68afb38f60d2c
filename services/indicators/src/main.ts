import { runService } from '@participa/subgraph-kit';
import { indicatorsService } from './service.ts';

await runService(indicatorsService);
