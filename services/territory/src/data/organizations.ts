import { and, asc, count, eq, exists, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { TerritoryDb } from '../db/index.ts';
import {
  actorRelations,
  type OrganizationRow,
  organizations,
  organizationTerritories,
  representations,
} from '../db/schema.ts';
import { searchKey } from '../domain.ts';
import { type ByNameCursor, byName, nameContains } from './search.ts';

export interface OrganizationQuery {
  networkId?: string;
  kind?: OrganizationRow['kind'] | null;
  territoryId?: string | null;
  search?: string | null;
}

function organizationConditions(query: OrganizationQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkId) conditions.push(eq(organizations.networkId, query.networkId));
  if (query.kind) conditions.push(eq(organizations.kind, query.kind));
  if (query.territoryId) {
    const territoryId = query.territoryId;
    conditions.push(
      exists(
        sql`(SELECT 1 FROM ${organizationTerritories} WHERE ${organizationTerritories.organizationId} = ${organizations.id} AND ${organizationTerritories.territoryId} = ${territoryId})`,
      ),
    );
  }
  if (query.search) conditions.push(nameContains(organizations.searchName, query.search));
  return conditions;
}

/** One page sorted by (search name, id), after the keyset of the previous page. */
export async function findOrganizationsPage(
  db: TerritoryDb,
  query: OrganizationQuery,
  after: ByNameCursor | null,
  limit: number,
) {
  const order = byName(organizations.searchName, organizations.id);
  return db
    .select()
    .from(organizations)
    .where(and(...organizationConditions(query), order.after(after)))
    .orderBy(...order.orderBy)
    .limit(limit);
}

export async function countOrganizations(db: TerritoryDb, query: OrganizationQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(organizations)
    .where(and(...organizationConditions(query)));
  return row?.value ?? 0;
}

export async function organizationsByIds(db: TerritoryDb, ids: readonly string[]) {
  return db
    .select()
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
}

export async function territoryLinksByOrganizationIds(db: TerritoryDb, ids: readonly string[]) {
  return db
    .select()
    .from(organizationTerritories)
    .where(inArray(organizationTerritories.organizationId, [...ids]));
}

export async function representationsByOrganizationIds(db: TerritoryDb, ids: readonly string[]) {
  return db
    .select()
    .from(representations)
    .where(inArray(representations.organizationId, [...ids]))
    .orderBy(asc(representations.startDate));
}

export async function insertOrganization(
  db: TerritoryDb,
  values: Omit<typeof organizations.$inferInsert, 'searchName'>,
  territoryIds: readonly string[],
): Promise<OrganizationRow> {
  const [row] = await db
    .insert(organizations)
    .values({ ...values, searchName: searchKey(values.name) })
    .returning();
  if (!row) throw new Error('insert returned no organization');
  if (territoryIds.length > 0) {
    await db
      .insert(organizationTerritories)
      .values(territoryIds.map((territoryId) => ({ organizationId: row.id, territoryId })));
  }
  return row;
}

export async function updateOrganizationRow(
  db: TerritoryDb,
  id: string,
  changes: Partial<typeof organizations.$inferInsert>,
  territoryIds: readonly string[] | undefined,
): Promise<OrganizationRow | null> {
  const values = { ...changes, updatedAt: new Date() };
  if (changes.name) values.searchName = searchKey(changes.name);
  const [row] = await db.update(organizations).set(values).where(eq(organizations.id, id)).returning();
  if (!row) return null;
  if (territoryIds) {
    await db.delete(organizationTerritories).where(eq(organizationTerritories.organizationId, id));
    if (territoryIds.length > 0) {
      await db
        .insert(organizationTerritories)
        .values(territoryIds.map((territoryId) => ({ organizationId: id, territoryId })));
    }
  }
  return row;
}

/** Creates the relation, or updates its strength if the same pair already has that kind. */
export async function upsertRelation(db: TerritoryDb, values: typeof actorRelations.$inferInsert) {
  const [row] = await db
    .insert(actorRelations)
    .values(values)
    .onConflictDoUpdate({
      target: [actorRelations.fromId, actorRelations.toId, actorRelations.kind],
      set: { strength: values.strength ?? null },
    })
    .returning();
  if (!row) throw new Error('upsert returned no relation');
  return row;
}

/**
 * The actor map of a network: its own actors, plus district-wide actors (no network) that have a
 * relation with one of them, and every relation among those actors.
 */
export async function actorMapOf(db: TerritoryDb, networkId: string) {
  const own = await db.select().from(organizations).where(eq(organizations.networkId, networkId));
  const ownIds = own.map((o) => o.id);
  if (ownIds.length === 0) return { actors: own, relations: [] };
  const relations = await db
    .select()
    .from(actorRelations)
    .where(or(inArray(actorRelations.fromId, ownIds), inArray(actorRelations.toId, ownIds)));
  const ownSet = new Set(ownIds);
  const otherIds = [...new Set(relations.flatMap((r) => [r.fromId, r.toId]).filter((id) => !ownSet.has(id)))];
  const others = otherIds.length > 0 ? await organizationsByIds(db, otherIds) : [];
  // Actors of another network appear only through the relation, not as members of this map.
  const visible = others.filter((o) => o.networkId === null);
  const actorIds = new Set([...ownIds, ...visible.map((o) => o.id)]);
  const actors = [...own, ...visible].sort((a, b) => a.searchName.localeCompare(b.searchName));
  return { actors, relations: relations.filter((r) => actorIds.has(r.fromId) && actorIds.has(r.toId)) };
}

export async function insertRepresentation(db: TerritoryDb, values: typeof representations.$inferInsert) {
  const [row] = await db.insert(representations).values(values).returning();
  if (!row) throw new Error('insert returned no representation');
  return row;
}

export async function findRepresentation(db: TerritoryDb, id: string) {
  const [row] = await db.select().from(representations).where(eq(representations.id, id));
  return row ?? null;
}

export async function setRepresentationEnd(db: TerritoryDb, id: string, endDate: string) {
  const [row] = await db
    .update(representations)
    .set({ endDate })
    .where(eq(representations.id, id))
    .returning();
  return row ?? null;
}
