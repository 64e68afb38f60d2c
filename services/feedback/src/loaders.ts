import { createAuditTrailLoaders, createPersonalDataReadLog } from '@participa/audit-trail';
import type { Identity } from '@participa/auth';
import { loaderById, loaderGroupedBy } from '@participa/subgraph-kit';
import { eventsByPqrsIds, pqrsByIds } from './data/pqrs.ts';
import type { FeedbackDb } from './db/index.ts';
import { auditEvents } from './db/schema.ts';
import { participationLoaders } from './participation/loaders.ts';

export function createLoaders(db: FeedbackDb, identity: Identity) {
  return {
    pqrs: loaderById((ids) => pqrsByIds(db, ids)),
    eventsOfPqrs: loaderGroupedBy(
      (ids) => eventsByPqrsIds(db, ids),
      (event) => event.pqrsId,
    ),
    auditTrail: createAuditTrailLoaders(db, auditEvents),
    personalDataReads: createPersonalDataReadLog(db, auditEvents, identity),
    ...participationLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
