import { createAuditTrailLoaders, createPersonalDataReadLog } from '@participa/audit-trail';
import type { Identity } from '@participa/auth';
import { loaderById, loaderGroupedBy, loaderOfOne } from '@participa/subgraph-kit';
import { campaignLoaders } from './campaigns/loaders.ts';
import { evaluationSummariesByWorkshopIds } from './data/evaluations.ts';
import { materialsByIds, materialsByWorkshopIds, workshopsByMaterialIds } from './data/materials.ts';
import { characterizationByWorkshopIds } from './data/participation.ts';
import { servicesByWorkshopIds } from './data/portfolio.ts';
import { registrationsByIds, waitlistsByWorkshopIds } from './data/registrations.ts';
import {
  countsByWorkshopIds,
  countWorkshopsOf,
  findWorkshopPagesOf,
  type ParentColumn,
  type ParentMember,
  scheduleChangesByWorkshopIds,
  type WorkshopQuery,
  workshopsByActivityIds,
  workshopsByIds,
} from './data/workshops.ts';
import type { EducationDb } from './db/index.ts';
import { auditEvents } from './db/schema.ts';
import { territoryWithChildren } from './domain.ts';

/**
 * `Network.workshops` and `Territory.workshops` for every parent of a request in one query (and one
 * count), per distinct set of arguments.
 */
function workshopPagesLoaders(db: EducationDb) {
  const bySignature = new Map<string, ReturnType<typeof pagesFor>>();
  const membersOf = (column: ParentColumn, parents: readonly string[]): ParentMember[] =>
    parents.flatMap((parent) =>
      (column === 'territoryId' ? territoryWithChildren(parent) : [parent]).map((value) => ({
        parent,
        value,
      })),
    );
  const pagesFor = (
    column: ParentColumn,
    query: WorkshopQuery,
    after: { startsAt: Date; id: string } | null,
    limit: number,
  ) => ({
    page: loaderGroupedBy(
      (parents) => findWorkshopPagesOf(db, column, membersOf(column, parents), query, after, limit),
      (row) => row.parent,
    ),
    count: loaderOfOne(
      (parents) => countWorkshopsOf(db, column, membersOf(column, parents), query),
      (row) => row.parent,
      { parent: '', value: 0 },
    ),
  });
  return (...args: Parameters<typeof pagesFor>) => {
    const signature = JSON.stringify(args);
    let loaders = bySignature.get(signature);
    if (!loaders) {
      loaders = pagesFor(...args);
      bySignature.set(signature, loaders);
    }
    return loaders;
  };
}

export function createLoaders(db: EducationDb, identity: Identity) {
  return {
    auditTrail: createAuditTrailLoaders(db, auditEvents),
    personalDataReads: createPersonalDataReadLog(db, auditEvents, identity),
    ...campaignLoaders(db),
    workshopPagesOf: workshopPagesLoaders(db),
    workshop: loaderById((ids) => workshopsByIds(db, ids)),
    registration: loaderById((ids) => registrationsByIds(db, ids)),
    material: loaderById((ids) => materialsByIds(db, ids)),
    workshopsOfActivity: loaderGroupedBy(
      (ids) => workshopsByActivityIds(db, ids),
      (w) => w.activityId,
    ),
    scheduleChanges: loaderGroupedBy(
      (ids) => scheduleChangesByWorkshopIds(db, ids),
      (c) => c.workshopId,
    ),
    waitlist: loaderGroupedBy(
      (ids) => waitlistsByWorkshopIds(db, ids),
      (r) => r.workshopId,
    ),
    materialsOfWorkshop: loaderGroupedBy(
      (ids) => materialsByWorkshopIds(db, ids),
      (l) => l.workshopId,
    ),
    workshopsOfMaterial: loaderGroupedBy(
      (ids) => workshopsByMaterialIds(db, ids),
      (l) => l.materialId,
    ),
    counts: loaderOfOne(
      (ids) => countsByWorkshopIds(db, ids),
      (c) => c.workshopId,
      { workshopId: '', registered: 0, waitlisted: 0, attended: 0 },
    ),
    servicesOfWorkshop: loaderGroupedBy(
      (ids) => servicesByWorkshopIds(db, ids),
      (l) => l.workshopId,
    ),
    characterization: loaderGroupedBy(
      (ids) => characterizationByWorkshopIds(db, ids),
      (c) => c.workshopId,
    ),
    evaluationSummary: loaderOfOne(
      (ids) => evaluationSummariesByWorkshopIds(db, ids),
      (e) => e.workshopId,
      {
        workshopId: '',
        count: 0,
        averageSatisfaction: null as number | null,
        positive: 0,
        averagePreTestScore: null as number | null,
        averagePostTestScore: null as number | null,
      },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
