import { and, count, desc, eq, lt, or, type SQL } from 'drizzle-orm';
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

/** Newest first; keyset on (created_at, id). */
export async function findFeaturesPage(
  db: TerritoryDb,
  query: CartographyQuery,
  after: { createdAt: Date; id: string } | null,
  limit: number,
) {
  const conditions = conditionsOf(query);
  if (after) {
    conditions.push(
      or(
        lt(cartographyFeatures.createdAt, after.createdAt),
        and(eq(cartographyFeatures.createdAt, after.createdAt), lt(cartographyFeatures.id, after.id)),
      )!,
    );
  }
  return db
    .select()
    .from(cartographyFeatures)
    .where(and(...conditions))
    .orderBy(desc(cartographyFeatures.createdAt), desc(cartographyFeatures.id))
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
