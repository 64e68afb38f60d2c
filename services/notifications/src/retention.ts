import { daysBefore, RETENTION } from '@participa/db';
import { lt } from 'drizzle-orm';
import type { NotificationsDb } from './db/index.ts';
import { deliveries, notifications, receivedEvents } from './db/schema.ts';

/**
 * Notification contents and delivery addresses live at most 30 days: in-app messages, deliveries
 * (sent or failed) and the record of events received all go after that.
 */
export async function purgeExpired(db: NotificationsDb, now: Date): Promise<Record<string, number>> {
  const before = daysBefore(now, RETENTION.notificationDays);
  const [messages, sent, events] = await Promise.all([
    db.delete(notifications).where(lt(notifications.createdAt, before)).returning({ id: notifications.id }),
    db.delete(deliveries).where(lt(deliveries.createdAt, before)).returning({ id: deliveries.id }),
    db
      .delete(receivedEvents)
      .where(lt(receivedEvents.receivedAt, before))
      .returning({ id: receivedEvents.id }),
  ]);
  return { notifications: messages.length, deliveries: sent.length, receivedEvents: events.length };
}
