import { runService } from '@participa/subgraph-kit';
import { setRunDispatcher } from './dispatch.ts';
import { inProcessDispatcher } from './runner.ts';
import { indicatorsService } from './service.ts';

await runService(indicatorsService, (db) => setRunDispatcher(inProcessDispatcher(db)));
