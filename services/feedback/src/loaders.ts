import { createAuditTrailLoaders } from '@participa/audit-trail';
import { loaderById, loaderGroupedBy } from '@participa/subgraph-kit';
import { eventsByPqrsIds, pqrsByIds } from './data/pqrs.ts';
import type { FeedbackDb } from './db/index.ts';
import { auditEvents } from './db/schema.ts';
import { participationLoaders } from './participation/loaders.ts';

export function createLoaders(db: FeedbackDb) {
  return {
    pqrs: loaderById((ids) => pqrsByIds(db, ids)),
    eventsOfPqrs: loaderGroupedBy(
      (ids) => eventsByPqrsIds(db, ids),
      (event) => event.pqrsId,
    ),
    auditTrail: createAuditTrailLoaders(db, auditEvents),
    ...participationLoaders(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
