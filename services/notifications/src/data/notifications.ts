import { type NewestFirstCursor, newestFirst } from '@participa/db';
import { and, count, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { NotificationsDb } from '../db/index.ts';
import { notifications } from '../db/schema.ts';

const newest = newestFirst(notifications.createdAt, notifications.id);

function visible(inboxes: string[], unreadOnly: boolean): SQL | undefined {
  return and(inArray(notifications.inbox, inboxes), unreadOnly ? isNull(notifications.readAt) : undefined);
}

export async function findNotificationsPage(
  db: NotificationsDb,
  inboxes: string[],
  unreadOnly: boolean,
  after: NewestFirstCursor | null,
  limit: number,
) {
  return db
    .select()
    .from(notifications)
    .where(and(visible(inboxes, unreadOnly), newest.after(after)))
    .orderBy(...newest.orderBy)
    .limit(limit);
}

export async function countNotifications(db: NotificationsDb, inboxes: string[], unreadOnly: boolean) {
  const [row] = await db.select({ value: count() }).from(notifications).where(visible(inboxes, unreadOnly));
  return row?.value ?? 0;
}

/** Marks one message read if it is in one of the inboxes; the row, or undefined if not visible. */
export async function markRead(db: NotificationsDb, inboxes: string[], id: string) {
  const [updated] = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), inArray(notifications.inbox, inboxes), isNull(notifications.readAt)))
    .returning();
  if (updated) return updated;
  const [existing] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), inArray(notifications.inbox, inboxes)));
  return existing;
}

export async function markAllRead(db: NotificationsDb, inboxes: string[]): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(visible(inboxes, true))
    .returning({ id: notifications.id });
  return rows.length;
}
