import { type NewestFirstCursor, newestFirst } from '@participa/db';
import { and, asc, count, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import {
  type CampaignPieceRow,
  campaignPieceMaterials,
  campaignPieces,
  campaigns,
  materials,
} from '../db/schema.ts';

export interface CampaignQuery {
  networkId?: string;
  activityId?: string | null;
  /** Campaigns running some day of [from, to] (YYYY-MM-DD). */
  from?: string | null;
  to?: string | null;
}

function campaignConditions(query: CampaignQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkId) conditions.push(eq(campaigns.networkId, query.networkId));
  if (query.activityId) conditions.push(eq(campaigns.activityId, query.activityId));
  if (query.from) conditions.push(gte(campaigns.endsOn, query.from));
  if (query.to) conditions.push(lte(campaigns.startsOn, query.to));
  return conditions;
}

const newest = newestFirst(campaigns.createdAt, campaigns.id);

export async function findCampaignsPage(
  db: EducationDb,
  query: CampaignQuery,
  after: NewestFirstCursor | null,
  limit: number,
) {
  return db
    .select()
    .from(campaigns)
    .where(and(...campaignConditions(query), newest.after(after)))
    .orderBy(...newest.orderBy)
    .limit(limit);
}

export async function countCampaigns(db: EducationDb, query: CampaignQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(campaigns)
    .where(and(...campaignConditions(query)));
  return row?.value ?? 0;
}

export async function campaignsByIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(campaigns)
    .where(inArray(campaigns.id, [...ids]));
}

export async function campaignsByActivityIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(campaigns)
    .where(inArray(campaigns.activityId, [...ids]))
    .orderBy(asc(campaigns.startsOn), asc(campaigns.id));
}

export async function piecesByCampaignIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(campaignPieces)
    .where(inArray(campaignPieces.campaignId, [...ids]))
    .orderBy(asc(campaignPieces.startsOn), asc(campaignPieces.id));
}

export async function piecesByIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(campaignPieces)
    .where(inArray(campaignPieces.id, [...ids]));
}

export async function materialsByPieceIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select({ pieceId: campaignPieceMaterials.pieceId, material: materials })
    .from(campaignPieceMaterials)
    .innerJoin(materials, eq(materials.id, campaignPieceMaterials.materialId))
    .where(inArray(campaignPieceMaterials.pieceId, [...ids]));
}

export async function insertCampaign(db: EducationDb, values: typeof campaigns.$inferInsert) {
  const [row] = await db.insert(campaigns).values(values).returning();
  if (!row) throw new Error('insert returned no campaign');
  return row;
}

export async function insertPiece(
  db: EducationDb,
  values: typeof campaignPieces.$inferInsert,
  materialIds: readonly string[],
): Promise<CampaignPieceRow> {
  const [row] = await db.insert(campaignPieces).values(values).returning();
  if (!row) throw new Error('insert returned no piece');
  if (materialIds.length > 0) {
    await db
      .insert(campaignPieceMaterials)
      .values(materialIds.map((materialId) => ({ pieceId: row.id, materialId })));
  }
  return row;
}

export async function setPieceReach(
  db: EducationDb,
  id: string,
  reach: Pick<CampaignPieceRow, 'peopleReached' | 'impressions' | 'listeners'>,
): Promise<CampaignPieceRow> {
  const [row] = await db
    .update(campaignPieces)
    .set({ ...reach, reachReportedAt: new Date() })
    .where(eq(campaignPieces.id, id))
    .returning();
  if (!row) throw new Error(`campaign piece ${id} vanished`);
  return row;
}

// ---- reach totals (aggregates for reports and indicators) ----------------------------------------

export interface ReachScope {
  networkId?: string;
  /** Pieces that started within [from, to] (YYYY-MM-DD, Bogotá days). */
  from?: string | null;
  to?: string | null;
}

const reachSums = {
  pieces: sql<number>`count(*)::int`,
  peopleReached: sql<number>`coalesce(sum(${campaignPieces.peopleReached}), 0)::int`,
  impressions: sql<number>`coalesce(sum(${campaignPieces.impressions}), 0)::int`,
  listeners: sql<number>`coalesce(sum(${campaignPieces.listeners}), 0)::int`,
};

function reachConditions(scope: ReachScope): SQL | undefined {
  const conditions: SQL[] = [];
  if (scope.networkId) conditions.push(eq(campaigns.networkId, scope.networkId));
  if (scope.from) conditions.push(gte(campaignPieces.startsOn, scope.from));
  if (scope.to) conditions.push(lte(campaignPieces.startsOn, scope.to));
  return and(...conditions);
}

/** Reach summed by channel and by network (district campaigns under a null network). */
export async function reachTotals(db: EducationDb, scope: ReachScope) {
  const [byChannel, byNetwork] = await Promise.all([
    db
      .select({ channel: campaignPieces.channel, ...reachSums })
      .from(campaignPieces)
      .innerJoin(campaigns, eq(campaigns.id, campaignPieces.campaignId))
      .where(reachConditions(scope))
      .groupBy(campaignPieces.channel)
      .orderBy(campaignPieces.channel),
    db
      .select({ networkId: campaigns.networkId, ...reachSums })
      .from(campaignPieces)
      .innerJoin(campaigns, eq(campaigns.id, campaignPieces.campaignId))
      .where(reachConditions(scope))
      .groupBy(campaigns.networkId),
  ]);
  return { byChannel, byNetwork };
}
