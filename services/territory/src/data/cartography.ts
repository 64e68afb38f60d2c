import { type NewestFirstCursor, newestFirst } from '@participa/db';
import { and, count, eq, type SQL } from 'drizzle-orm';
import type { TerritoryDb } from '../db/index.ts';
import { cartographyFeatures } from '../db/schema.ts';

export interface CartographyQuery {
  networkId?: string;
  territoryId?: string | null;
  kind?: (typeof cartographyFeatures.$inferSelect)['kind'] | null;
}

function conditionsOf(query: CartographyQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkId) conditions.push(eq(cartographyFeatures.networkId, query.networkId));
  if (query.territoryId) conditions.push(eq(cartographyFeatures.territoryId, query.territoryId));
  if (query.kind) conditions.push(eq(cartographyFeatures.kind, query.kind));
  return conditions;
}

const newest = newestFirst(cartographyFeatures.createdAt, cartographyFeatures.id);

export async function findFeaturesPage(
  db: TerritoryDb,
  query: CartographyQuery,
  after: NewestFirstCursor | null,
  limit: number,
) {
  return db
    .select()
    .from(cartographyFeatures)
    .where(and(...conditionsOf(query), newest.after(after)))
    .orderBy(...newest.orderBy)
    .limit(limit);
}

export async function countFeatures(db: TerritoryDb, query: CartographyQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(cartographyFeatures)
    .where(and(...conditionsOf(query)));
  return row?.value ?? 0;
}

export async function insertFeature(db: TerritoryDb, values: typeof cartographyFeatures.$inferInsert) {
  const [row] = await db.insert(cartographyFeatures).values(values).returning();
  if (!row) throw new Error('insert returned no feature');
  return row;
}
