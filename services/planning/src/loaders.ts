import { createAuditTrailLoaders } from '@participa/audit-trail';
import { loaderById, loaderGroupedBy, loaderGroupedByMany } from '@participa/subgraph-kit';
import DataLoader from 'dataloader';
import {
  activitiesByIds,
  activitiesByOrganizationIds,
  activitiesByPlanIds,
  activitiesByTerritoryIds,
  evidenceByActivityIds,
  progressByActivityIds,
} from './data/activities.ts';
import {
  budgetItemsByActivityIds,
  budgetItemsByIds,
  budgetTotalsByPlanIds,
  executionsByItemIds,
} from './data/budget.ts';
import {
  actsByIds,
  commitmentsByActIds,
  commitmentsByIds,
  commitmentsByOrganizationIds,
  followUpsByCommitmentIds,
  signatoriesByActIds,
} from './data/commitments.ts';
import { plansByIds, plansByNetworkIds } from './data/plans.ts';
import { linesByAxisCodes, linesByIds, listAxes } from './data/reference.ts';
import type { PlanningDb } from './db/index.ts';
import { auditEvents } from './db/schema.ts';

/** Per-request loaders: every list or reference costs one SQL query per type, whatever its size. */
export function createLoaders(db: PlanningDb) {
  return {
    /** The five axes, read once per request. */
    axes: new DataLoader<'all', Awaited<ReturnType<typeof listAxes>>>(async (keys) => {
      const rows = await listAxes(db);
      return keys.map(() => rows);
    }),
    linesOfAxis: loaderGroupedBy(
      (codes) => linesByAxisCodes(db, codes),
      (l) => l.axisCode,
    ),
    line: loaderById((ids) => linesByIds(db, ids)),
    plan: loaderById((ids) => plansByIds(db, ids)),
    plansOfNetwork: loaderGroupedBy(
      (ids) => plansByNetworkIds(db, ids),
      (p) => p.networkId,
    ),
    activity: loaderById((ids) => activitiesByIds(db, ids)),
    activitiesOfPlan: loaderGroupedBy(
      (ids) => activitiesByPlanIds(db, ids),
      (a) => a.planId,
    ),
    activitiesOfTerritory: loaderGroupedByMany(
      (ids) => activitiesByTerritoryIds(db, ids),
      (a) => a.territoryIds,
    ),
    activitiesOfOrganization: loaderGroupedByMany(
      (ids) => activitiesByOrganizationIds(db, ids),
      (a) => a.organizationIds,
    ),
    progressOfActivity: loaderGroupedBy(
      (ids) => progressByActivityIds(db, ids),
      (p) => p.activityId,
    ),
    evidenceOfActivity: loaderGroupedBy(
      (ids) => evidenceByActivityIds(db, ids),
      (e) => e.activityId,
    ),
    budgetItem: loaderById((ids) => budgetItemsByIds(db, ids)),
    budgetOfActivity: loaderGroupedBy(
      (ids) => budgetItemsByActivityIds(db, ids),
      (b) => b.activityId,
    ),
    budgetTotalsOfPlan: loaderById((ids) => budgetTotalsByPlanIds(db, ids)),
    executionsOfItem: loaderGroupedBy(
      (ids) => executionsByItemIds(db, ids),
      (e) => e.budgetItemId,
    ),
    act: loaderById((ids) => actsByIds(db, ids)),
    commitment: loaderById((ids) => commitmentsByIds(db, ids)),
    commitmentsOfAct: loaderGroupedBy(
      (ids) => commitmentsByActIds(db, ids),
      (c) => c.actId,
    ),
    signatoriesOfAct: loaderGroupedBy(
      (ids) => signatoriesByActIds(db, ids),
      (s) => s.actId,
    ),
    commitmentsOfOrganization: loaderGroupedBy(
      (ids) => commitmentsByOrganizationIds(db, ids),
      (c) => c.responsibleOrganizationId,
    ),
    followUpsOfCommitment: loaderGroupedBy(
      (ids) => followUpsByCommitmentIds(db, ids),
      (f) => f.commitmentId,
    ),
    auditTrail: createAuditTrailLoaders(db, auditEvents),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
