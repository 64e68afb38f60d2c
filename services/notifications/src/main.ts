import { runService } from '@participa/subgraph-kit';
import { notificationsService } from './service.ts';

await runService(notificationsService);
