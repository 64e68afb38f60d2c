import { and, asc, count, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { TerritoryDb } from '../db/index.ts';
import { type FacilityRow, facilities, networks, type TerritoryRow, territories } from '../db/schema.ts';

/**
 * Networks, territories and facilities: the places every other record belongs to.
 * Data-access functions are async on purpose: a drizzle query builder is a lazy thenable that runs
 * its SQL again on every `then`, and GraphQL may call `then` more than once on a resolver's result.
 */

export async function listNetworks(db: TerritoryDb) {
  return db.select().from(networks).orderBy(asc(networks.code));
}

export async function findNetworkByCode(db: TerritoryDb, code: string) {
  const [row] = await db.select().from(networks).where(eq(networks.code, code.toUpperCase()));
  return row ?? null;
}

export async function networksByIds(db: TerritoryDb, ids: readonly string[]) {
  return db
    .select()
    .from(networks)
    .where(inArray(networks.id, [...ids]));
}

export async function territoriesByIds(db: TerritoryDb, ids: readonly string[]) {
  return db
    .select()
    .from(territories)
    .where(inArray(territories.id, [...ids]));
}

export async function facilitiesByIds(db: TerritoryDb, ids: readonly string[]) {
  return db
    .select()
    .from(facilities)
    .where(inArray(facilities.id, [...ids]));
}

export interface TerritoryQuery {
  networkIds?: readonly string[];
  parentIds?: readonly string[];
  kind?: TerritoryRow['kind'] | null;
  code?: string;
}

function territoryConditions(query: TerritoryQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkIds) conditions.push(inArray(territories.networkId, [...query.networkIds]));
  if (query.parentIds) conditions.push(inArray(territories.parentId, [...query.parentIds]));
  if (query.kind) conditions.push(eq(territories.kind, query.kind));
  if (query.code) conditions.push(eq(territories.code, query.code));
  return conditions;
}

/** Territories by code; with `page`, the `limit` after the code `afterCode` (keyset pagination). */
export async function findTerritories(
  db: TerritoryDb,
  query: TerritoryQuery,
  page?: { afterCode: string | null; limit: number },
): Promise<TerritoryRow[]> {
  const conditions = territoryConditions(query);
  if (page?.afterCode) conditions.push(gt(territories.code, page.afterCode));
  const rows = db
    .select()
    .from(territories)
    .where(and(...conditions))
    .orderBy(asc(territories.code));
  return page ? rows.limit(page.limit) : rows;
}

export async function countTerritories(db: TerritoryDb, query: TerritoryQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(territories)
    .where(and(...territoryConditions(query)));
  return row?.value ?? 0;
}

export async function facilitiesByNetworkIds(
  db: TerritoryDb,
  networkIds: readonly string[],
): Promise<FacilityRow[]> {
  return db
    .select()
    .from(facilities)
    .where(inArray(facilities.networkId, [...networkIds]))
    .orderBy(asc(facilities.name));
}

/** Moves a comuna or corregimiento, with its barrios or veredas, to another network. */
export async function assignTerritory(db: TerritoryDb, territoryId: string, networkId: string) {
  const [row] = await db
    .update(territories)
    .set({ networkId })
    .where(eq(territories.id, territoryId))
    .returning();
  await db.update(territories).set({ networkId }).where(eq(territories.parentId, territoryId));
  return row ?? null;
}

export async function insertFacility(db: TerritoryDb, values: typeof facilities.$inferInsert) {
  const [row] = await db.insert(facilities).values(values).onConflictDoNothing().returning();
  return row ?? null;
}
