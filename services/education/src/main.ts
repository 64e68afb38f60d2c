import { runService } from '@participa/subgraph-kit';
import { educationService } from './service.ts';

await runService(educationService);
