import { type NewestFirstCursor, newestFirst } from '@participa/db';
import { and, count, eq, type SQL } from 'drizzle-orm';
import type { NotificationsDb } from '../db/index.ts';
import { type DeliveryRow, deliveries } from '../db/schema.ts';

const newest = newestFirst(deliveries.createdAt, deliveries.id);
type Status = DeliveryRow['status'];

const withStatus = (status: Status | null): SQL | undefined =>
  status ? eq(deliveries.status, status) : undefined;

export function findDeliveriesPage(
  db: NotificationsDb,
  status: Status | null,
  after: NewestFirstCursor | null,
  limit: number,
) {
  return db
    .select()
    .from(deliveries)
    .where(and(withStatus(status), newest.after(after)))
    .orderBy(...newest.orderBy)
    .limit(limit);
}

export async function countDeliveries(db: NotificationsDb, status: Status | null) {
  const [row] = await db.select({ value: count() }).from(deliveries).where(withStatus(status));
  return row?.value ?? 0;
}

/**
 * Sets a FAILED delivery PENDING again with a fresh count of attempts; the worker's sweep sends
 * it within a minute. A delivery in any other state is returned unchanged.
 */
export async function requeueFailed(db: NotificationsDb, id: string): Promise<DeliveryRow | undefined> {
  const [updated] = await db
    .update(deliveries)
    .set({ status: 'PENDING', attempts: 0 })
    .where(and(eq(deliveries.id, id), eq(deliveries.status, 'FAILED')))
    .returning();
  if (updated) return updated;
  const [row] = await db.select().from(deliveries).where(eq(deliveries.id, id));
  return row;
}
