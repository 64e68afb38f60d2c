import { and, count, eq, getTableColumns, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import { type ByNameCursor, byName, nameContains } from '../data/search.ts';
import type { TerritoryDb } from '../db/index.ts';
import { facilities, type ServiceOfferingRow, serviceOfferings, territories } from '../db/schema.ts';
import { searchKey } from '../domain.ts';

/** What a citizen searches the portfolio by; withdrawn services never appear in a list. */
export interface OfferingQuery {
  search?: string | null;
  networkId?: string;
  /** A comuna or corregimiento (its barrios and veredas included), or a barrio. */
  territoryId?: string | null;
  facilityId?: string | null;
  modality?: ServiceOfferingRow['modality'] | null;
}

function offeringConditions(db: TerritoryDb, query: OfferingQuery): SQL[] {
  const conditions: SQL[] = [isNull(serviceOfferings.withdrawnAt)];
  if (query.search) conditions.push(nameContains(serviceOfferings.searchName, query.search));
  if (query.facilityId) conditions.push(eq(serviceOfferings.facilityId, query.facilityId));
  if (query.modality) conditions.push(eq(serviceOfferings.modality, query.modality));
  const facilityFilters: SQL[] = [];
  if (query.networkId) facilityFilters.push(eq(facilities.networkId, query.networkId));
  if (query.territoryId) {
    const children = db
      .select({ id: territories.id })
      .from(territories)
      .where(eq(territories.parentId, query.territoryId));
    facilityFilters.push(
      or(eq(facilities.territoryId, query.territoryId), inArray(facilities.territoryId, children))!,
    );
  }
  if (facilityFilters.length > 0) {
    conditions.push(
      inArray(
        serviceOfferings.facilityId,
        db
          .select({ id: facilities.id })
          .from(facilities)
          .where(and(...facilityFilters)),
      ),
    );
  }
  return conditions;
}

/** One page of the portfolio, alphabetical by service. */
export async function findOfferingsPage(
  db: TerritoryDb,
  query: OfferingQuery,
  after: ByNameCursor | null,
  limit: number,
): Promise<ServiceOfferingRow[]> {
  const order = byName(serviceOfferings.searchName, serviceOfferings.id);
  return db
    .select()
    .from(serviceOfferings)
    .where(and(...offeringConditions(db, query), order.after(after)))
    .orderBy(...order.orderBy)
    .limit(limit);
}

export async function countOfferings(db: TerritoryDb, query: OfferingQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(serviceOfferings)
    .where(and(...offeringConditions(db, query)));
  return row?.value ?? 0;
}

export async function offeringsByIds(db: TerritoryDb, ids: readonly string[]) {
  return db
    .select()
    .from(serviceOfferings)
    .where(inArray(serviceOfferings.id, [...ids]));
}

/** The services each facility offers now, alphabetical. */
export async function activeOfferingsByFacilityIds(db: TerritoryDb, ids: readonly string[]) {
  const order = byName(serviceOfferings.searchName, serviceOfferings.id);
  return db
    .select(getTableColumns(serviceOfferings))
    .from(serviceOfferings)
    .where(and(inArray(serviceOfferings.facilityId, [...ids]), isNull(serviceOfferings.withdrawnAt)))
    .orderBy(...order.orderBy);
}

type OfferingFields = Omit<typeof serviceOfferings.$inferInsert, 'id' | 'searchName' | 'createdAt'>;

/** Null when the facility already offers a service of that name and modality. */
export async function insertOffering(db: TerritoryDb, values: OfferingFields) {
  const [row] = await db
    .insert(serviceOfferings)
    .values({ ...values, searchName: searchKey(values.name) })
    .onConflictDoNothing()
    .returning();
  return row ?? null;
}

/** Whether another service of the facility has that name and modality (a rename must not clash). */
export async function offeringClashes(
  db: TerritoryDb,
  row: Pick<ServiceOfferingRow, 'id' | 'facilityId'>,
  name: string,
  modality: ServiceOfferingRow['modality'],
): Promise<boolean> {
  const [clash] = await db
    .select({ id: serviceOfferings.id })
    .from(serviceOfferings)
    .where(
      and(
        eq(serviceOfferings.facilityId, row.facilityId),
        eq(serviceOfferings.searchName, searchKey(name)),
        eq(serviceOfferings.modality, modality),
        ne(serviceOfferings.id, row.id),
      ),
    );
  return clash !== undefined;
}

export async function updateOffering(
  db: TerritoryDb,
  id: string,
  changes: Partial<OfferingFields>,
): Promise<ServiceOfferingRow> {
  const values: Partial<typeof serviceOfferings.$inferInsert> = { ...changes, updatedAt: new Date() };
  if (changes.name) values.searchName = searchKey(changes.name);
  const [row] = await db.update(serviceOfferings).set(values).where(eq(serviceOfferings.id, id)).returning();
  if (!row) throw new Error(`service offering ${id} vanished`);
  return row;
}
