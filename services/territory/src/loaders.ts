import { createAuditTrailLoaders, createPersonalDataReadLog } from '@participa/audit-trail';
import type { Identity } from '@participa/auth';
import { loaderById, loaderGroupedBy } from '@participa/subgraph-kit';
import {
  organizationsByIds,
  representationsByOrganizationIds,
  territoryLinksByOrganizationIds,
} from './data/organizations.ts';
import {
  facilitiesByIds,
  facilitiesByNetworkIds,
  findTerritories,
  networksByIds,
  territoriesByIds,
} from './data/places.ts';
import type { TerritoryDb } from './db/index.ts';
import { auditEvents } from './db/schema.ts';
import { activeOfferingsByFacilityIds, offeringsByIds } from './portfolio/data.ts';

export function createLoaders(db: TerritoryDb, identity: Identity) {
  return {
    network: loaderById((ids) => networksByIds(db, ids)),
    territory: loaderById((ids) => territoriesByIds(db, ids)),
    facility: loaderById((ids) => facilitiesByIds(db, ids)),
    organization: loaderById((ids) => organizationsByIds(db, ids)),
    territoriesOfNetwork: loaderGroupedBy(
      (ids) => findTerritories(db, { networkIds: ids }),
      (t) => t.networkId,
    ),
    childrenOfTerritory: loaderGroupedBy(
      (ids) => findTerritories(db, { parentIds: ids }),
      (t) => t.parentId,
    ),
    facilitiesOfNetwork: loaderGroupedBy(
      (ids) => facilitiesByNetworkIds(db, ids),
      (f) => f.networkId,
    ),
    territoryLinksOfOrganization: loaderGroupedBy(
      (ids) => territoryLinksByOrganizationIds(db, ids),
      (l) => l.organizationId,
    ),
    representationsOfOrganization: loaderGroupedBy(
      (ids) => representationsByOrganizationIds(db, ids),
      (r) => r.organizationId,
    ),
    auditTrail: createAuditTrailLoaders(db, auditEvents),
    personalDataReads: createPersonalDataReadLog(db, auditEvents, identity),
    serviceOffering: loaderById((ids) => offeringsByIds(db, ids)),
    servicesOfFacility: loaderGroupedBy(
      (ids) => activeOfferingsByFacilityIds(db, ids),
      (o) => o.facilityId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
