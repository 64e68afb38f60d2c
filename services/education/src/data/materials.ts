import { type NewestFirstCursor, newestFirst } from '@participa/db';
import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import { type MaterialRow, materials, workshopMaterials, workshops } from '../db/schema.ts';

export interface MaterialQuery {
  networkId?: string;
  topic?: MaterialRow['topic'] | null;
  kind?: MaterialRow['kind'] | null;
}

function conditionsOf(query: MaterialQuery): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkId) conditions.push(eq(materials.networkId, query.networkId));
  if (query.topic) conditions.push(eq(materials.topic, query.topic));
  if (query.kind) conditions.push(eq(materials.kind, query.kind));
  return conditions;
}

const newest = newestFirst(materials.createdAt, materials.id);

export async function findMaterialsPage(
  db: EducationDb,
  query: MaterialQuery,
  after: NewestFirstCursor | null,
  limit: number,
) {
  return db
    .select()
    .from(materials)
    .where(and(...conditionsOf(query), newest.after(after)))
    .orderBy(...newest.orderBy)
    .limit(limit);
}

export async function countMaterials(db: EducationDb, query: MaterialQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(materials)
    .where(and(...conditionsOf(query)));
  return row?.value ?? 0;
}

export function materialsByIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(materials)
    .where(inArray(materials.id, [...ids]));
}

export async function insertMaterial(db: EducationDb, values: typeof materials.$inferInsert) {
  const [row] = await db.insert(materials).values(values).returning();
  if (!row) throw new Error('insert returned no material');
  return row;
}

/** Materials of many workshops in one query. */
export function materialsByWorkshopIds(db: EducationDb, workshopIds: readonly string[]) {
  return db
    .select({ workshopId: workshopMaterials.workshopId, material: materials })
    .from(workshopMaterials)
    .innerJoin(materials, eq(materials.id, workshopMaterials.materialId))
    .where(inArray(workshopMaterials.workshopId, [...workshopIds]));
}

/** Workshops of many materials in one query. */
export function workshopsByMaterialIds(db: EducationDb, materialIds: readonly string[]) {
  return db
    .select({ materialId: workshopMaterials.materialId, workshop: workshops })
    .from(workshopMaterials)
    .innerJoin(workshops, eq(workshops.id, workshopMaterials.workshopId))
    .where(inArray(workshopMaterials.materialId, [...materialIds]));
}
