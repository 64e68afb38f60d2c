import { sql } from 'drizzle-orm';
import { index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const notificationsSchema = pgSchema('notifications');

/** Events already turned into messages: a republished event is recognised and ignored. */
export const receivedEvents = notificationsSchema.table('received_events', {
  id: uuid().primaryKey(),
  source: text().notNull(),
  kind: text().notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * In-app messages. `inbox` is `user:<sub>` for a signed-in person, or `role:<NETWORK>:<role>`
 * (`role:*:secretariat`) for an inbox every holder of that role sees.
 */
export const notifications = notificationsSchema.table(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    inbox: text().notNull(),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_event_inbox_key').on(t.eventId, t.inbox),
    index('notifications_inbox_idx').on(t.inbox, t.createdAt, t.id),
    index('notifications_unread_idx').on(t.inbox).where(sql`${t.readAt} IS NULL`),
  ],
);

export const deliveryChannel = notificationsSchema.enum('delivery_channel', ['EMAIL', 'WEBHOOK']);
export const deliveryStatus = notificationsSchema.enum('delivery_status', ['PENDING', 'SENT', 'FAILED']);

/**
 * Messages that leave the platform: one per (event, recipient, channel). The address is kept only
 * while the delivery is pending or failed; it is erased once sent.
 */
export const deliveries = notificationsSchema.table(
  'deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    recipient: text().notNull(),
    channel: deliveryChannel().notNull(),
    address: text(),
    kind: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    status: deliveryStatus().notNull().default('PENDING'),
    attempts: integer().notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deliveries_event_recipient_channel_key').on(t.eventId, t.recipient, t.channel),
    index('deliveries_status_idx').on(t.status, t.createdAt),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
