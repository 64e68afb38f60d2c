import { createAuditTrailLoaders, createPersonalDataReadLog } from '@participa/audit-trail';
import type { Identity } from '@participa/auth';
import { loaderById, loaderGroupedBy, loaderOfOne } from '@participa/subgraph-kit';
import {
  countPqrsOf,
  eventsByPqrsIds,
  findPqrsPagesOf,
  type PqrsOrder,
  type PqrsParentColumn,
  type PqrsQuery,
  pqrsByIds,
} from './data/pqrs.ts';
import type { FeedbackDb } from './db/index.ts';
import { auditEvents } from './db/schema.ts';
import { participationLoaders } from './participation/loaders.ts';

/**
 * `Network.pqrs`, `Facility.pqrs` and `Territory.pqrs` for every parent of a request in one query
 * (and one count), per distinct set of arguments.
 */
function pqrsPagesLoaders(db: FeedbackDb) {
  const bySignature = new Map<string, ReturnType<typeof pagesFor>>();
  const pagesFor = (
    column: PqrsParentColumn,
    query: PqrsQuery,
    order: PqrsOrder,
    after: [string, string] | null,
    limit: number,
  ) => ({
    page: loaderGroupedBy(
      (parents) => findPqrsPagesOf(db, column, parents, query, order, after, limit),
      (entry) => entry.parent,
    ),
    count: loaderOfOne(
      (parents) => countPqrsOf(db, column, parents, query),
      (row) => row.parent,
      { parent: '', value: 0 },
    ),
  });
  return (...args: Parameters<typeof pagesFor>) => {
    // `now` differs by milliseconds between the parents of one request: not part of the arguments.
    const [column, { now: _now, ...query }, ...rest] = args;
    const signature = JSON.stringify([column, query, ...rest]);
    let loaders = bySignature.get(signature);
    if (!loaders) {
      loaders = pagesFor(...args);
      bySignature.set(signature, loaders);
    }
    return loaders;
  };
}

export function createLoaders(db: FeedbackDb, identity: Identity) {
  return {
    pqrs: loaderById((ids) => pqrsByIds(db, ids)),
    pqrsPagesOf: pqrsPagesLoaders(db),
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
