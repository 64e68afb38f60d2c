import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

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
/**
 * PENDING → SENT, or FAILED once retries are exhausted (an operator may set it PENDING again).
 * HELD waits for the recipient's daily or weekly digest, then becomes DIGESTED.
 */
export const deliveryStatus = notificationsSchema.enum('delivery_status', [
  'PENDING',
  'SENT',
  'FAILED',
  'HELD',
  'DIGESTED',
]);

/** How a recipient wants e-mail: each message, a daily or weekly digest, or none (in-app always gets all). */
export const digestMode = notificationsSchema.enum('digest_mode', ['IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE']);

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
    /** The digest a HELD delivery waits for. */
    digest: digestMode().notNull().default('IMMEDIATE'),
    attempts: integer().notNull().default(0),
    lastError: text('last_error'),
    // Milliseconds, like the cursors of operators' pages.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deliveries_event_recipient_channel_key').on(t.eventId, t.recipient, t.channel),
    index('deliveries_status_idx').on(t.status, t.createdAt),
  ],
);

/**
 * The platform's small directory of where a role within a network hears of events beyond the
 * in-app inbox (the identity provider gives no addresses): e-mail boxes and webhooks (SMS or
 * WhatsApp gateways), managed by the network's admins (`*`: district roles, by the secretariat).
 */
export const contactPoints = notificationsSchema.table(
  'contact_points',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkCode: text('network_code').notNull(),
    role: text().notNull(),
    channel: deliveryChannel().notNull(),
    address: text().notNull(),
    /** A webhook's HMAC key, sealed (shown once, when created). */
    secret: text(),
    /** Event kinds it hears of; empty: every kind routed to the role. */
    kinds: text().array().notNull().default(sql`'{}'::text[]`),
    digest: digestMode().notNull().default('IMMEDIATE'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contact_points_role_channel_address_key').on(t.networkCode, t.role, t.channel, t.address),
  ],
);

/** A signed-in person's e-mail (sealed) and digest choice; without a row, in-app only. */
export const personSettings = notificationsSchema.table('person_settings', {
  sub: text().primaryKey(),
  email: text(),
  digest: digestMode().notNull().default('IMMEDIATE'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Kinds a recipient no longer wants on a channel (`*`: all). The recipient is `user:<sub>`,
 * `contact:<id>`, or `email:<keyed hash>` for a citizen without an account (no address kept).
 */
export const optOuts = notificationsSchema.table(
  'opt_outs',
  {
    recipient: text().notNull(),
    kind: text().notNull(),
    channel: deliveryChannel().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.recipient, t.kind, t.channel] })],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type ContactPointRow = typeof contactPoints.$inferSelect;
export type DigestMode = (typeof digestMode.enumValues)[number];
