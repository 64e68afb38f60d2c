import { asc, eq, inArray } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import { workshopServices } from '../db/schema.ts';

/** The services many workshops present, in one query. */
export async function servicesByWorkshopIds(db: EducationDb, workshopIds: readonly string[]) {
  return db
    .select()
    .from(workshopServices)
    .where(inArray(workshopServices.workshopId, [...workshopIds]))
    .orderBy(asc(workshopServices.serviceOfferingId));
}

/** Replaces the services a workshop presents. */
export async function setWorkshopServices(
  db: EducationDb,
  workshopId: string,
  serviceOfferingIds: readonly string[],
): Promise<void> {
  await db.delete(workshopServices).where(eq(workshopServices.workshopId, workshopId));
  if (serviceOfferingIds.length === 0) return;
  await db
    .insert(workshopServices)
    .values(serviceOfferingIds.map((serviceOfferingId) => ({ workshopId, serviceOfferingId })));
}
