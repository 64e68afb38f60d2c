import type { PublishedEvent } from '@participa/outbox';
import { inArray } from 'drizzle-orm';
import type { NotificationsDb } from './db/index.ts';
import {
  type ContactPointRow,
  contactPoints,
  type DigestMode,
  type deliveries,
  optOuts,
  personSettings,
} from './db/schema.ts';
import { emailRecipient } from './links.ts';
import { openPersonEmail } from './person-settings.ts';
import type { Routed } from './routing.ts';

type Tx = Parameters<Parameters<NotificationsDb['transaction']>[0]>[0];
type DeliveryInsert = typeof deliveries.$inferInsert;
type Channel = 'EMAIL' | 'WEBHOOK';

const ROLE_INBOX = /^role:([^:]+):(.+)$/;
const USER_INBOX = /^user:(.+)$/;

/** Who, beyond the in-app inboxes, hears of a batch of events: loaded once per batch. */
interface Audience {
  contactPointsOf(inbox: string): ContactPointRow[];
  personEmail(sub: string): { address: string; digest: DigestMode } | undefined;
  optedOut(recipient: string, kind: string, channel: Channel): boolean;
}

async function loadAudience(tx: Tx, routed: Routed[]): Promise<Audience> {
  const inboxes = new Set(routed.flatMap((r) => r.inApp.map((m) => m.inbox)));
  const networks = new Set<string>();
  const subs = new Set<string>();
  for (const inbox of inboxes) {
    const role = ROLE_INBOX.exec(inbox);
    if (role) networks.add(role[1]!);
    const user = USER_INBOX.exec(inbox);
    if (user) subs.add(user[1]!);
  }
  const points = networks.size
    ? await tx
        .select()
        .from(contactPoints)
        .where(inArray(contactPoints.networkCode, [...networks]))
    : [];
  const settings = subs.size
    ? await tx
        .select()
        .from(personSettings)
        .where(inArray(personSettings.sub, [...subs]))
    : [];
  const recipients = [
    ...points.map((p) => `contact:${p.id}`),
    ...[...subs].map((sub) => `user:${sub}`),
    ...routed.flatMap((r) => r.outbound.map((o) => emailRecipient(o.address))),
  ];
  const refusals = recipients.length
    ? await tx.select().from(optOuts).where(inArray(optOuts.recipient, recipients))
    : [];
  const refused = new Set(refusals.map((o) => `${o.recipient}|${o.kind}|${o.channel}`));
  const emails = new Map(
    settings
      .filter((s) => s.email && s.digest !== 'NONE')
      .map((s) => [s.sub, { address: openPersonEmail(s.sub, s.email!), digest: s.digest }]),
  );
  return {
    contactPointsOf(inbox) {
      const role = ROLE_INBOX.exec(inbox);
      return role ? points.filter((p) => p.networkCode === role[1] && p.role === role[2]) : [];
    },
    personEmail: (sub) => emails.get(sub),
    optedOut: (recipient, kind, channel) =>
      refused.has(`${recipient}|${kind}|${channel}`) || refused.has(`${recipient}|*|${channel}`),
  };
}

const statusFor = (digest: DigestMode) => (digest === 'IMMEDIATE' ? 'PENDING' : 'HELD');

/**
 * The outbound deliveries of routed events: the role's contact points (for the kinds each wants),
 * the signed-in person's own e-mail (with their digest choice), and the contact a citizen gave,
 * leaving out whoever unsubscribed from the kind on that channel.
 */
export async function outboundDeliveries(
  tx: Tx,
  items: { event: PublishedEvent; routed: Routed }[],
): Promise<DeliveryInsert[]> {
  const audience = await loadAudience(
    tx,
    items.map((i) => i.routed),
  );
  const rows: DeliveryInsert[] = [];
  for (const { event, routed } of items) {
    const base = { eventId: event.id, kind: event.kind };
    const emailed = new Set<string>();
    for (const { inbox, message } of routed.inApp) {
      const content = { subject: message.title, text: message.text, html: message.html };
      for (const point of audience.contactPointsOf(inbox)) {
        const recipient = `contact:${point.id}`;
        if (point.kinds.length && !point.kinds.includes(event.kind)) continue;
        if (point.digest === 'NONE' || audience.optedOut(recipient, event.kind, point.channel)) continue;
        // Webhooks feed machines (SMS gateways): always one call per message.
        const digest = point.channel === 'WEBHOOK' ? 'IMMEDIATE' : point.digest;
        rows.push({
          ...base,
          ...content,
          recipient,
          channel: point.channel,
          address: point.address,
          digest,
          status: statusFor(digest),
        });
      }
      const sub = USER_INBOX.exec(inbox)?.[1];
      const email = sub ? audience.personEmail(sub) : undefined;
      if (sub && email && !audience.optedOut(`user:${sub}`, event.kind, 'EMAIL')) {
        emailed.add(email.address.toLowerCase());
        rows.push({
          ...base,
          ...content,
          recipient: `user:${sub}`,
          channel: 'EMAIL',
          address: email.address,
          digest: email.digest,
          status: statusFor(email.digest),
        });
      }
    }
    for (const { recipient, address, message } of routed.outbound) {
      if (emailed.has(address.toLowerCase())) continue;
      if (audience.optedOut(emailRecipient(address), event.kind, 'EMAIL')) continue;
      rows.push({
        ...base,
        recipient,
        channel: 'EMAIL',
        address,
        subject: message.title,
        text: message.text,
        html: message.html,
      });
    }
  }
  return rows;
}
