import type { PublishedEvent } from '@participa/outbox';
import {
  createQueue,
  createWorker,
  NOTIFICATIONS_QUEUE,
  type QueueSettings,
  type SchedulerSpec,
} from '@participa/queue';
import { currentTraceparent } from '@participa/tracing';
import type { Job, Queue, Worker, WorkerOptions } from 'bullmq';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { outboundDeliveries } from './audiences.ts';
import type { SendEmail } from './channels/email.ts';
import { createWebhookPoster, type PostWebhook } from './channels/webhook.ts';
import { findContactPoint, openWebhookSecret } from './contact-points.ts';
import type { NotificationsDb } from './db/index.ts';
import { type DeliveryRow, deliveries, notifications, receivedEvents } from './db/schema.ts';
import { composeDigests } from './digests.ts';
import { eventAttributes, jobTracer } from './job-tracing.ts';
import { emailRecipient, unsubscribeToken, unsubscribeUrl } from './links.ts';
import { route } from './routing.ts';

/** Job `deliver`: one outbound delivery, by id. Job `digest`: gather HELD deliveries. Any other: a published event. */
export const DELIVER_JOB = 'deliver';
export const DIGEST_JOB = 'digest';
const DIGEST_KIND = 'digest';

interface DeliverJob {
  deliveryId: string;
  /** The span of the event that made the delivery: its sending continues the event's trace. */
  traceparent?: string;
}

interface DigestJob {
  mode: 'DAILY' | 'WEEKLY';
}

/** Daily digests at 7:00 and weekly ones on Monday at 7:00, Cali time. */
export const DIGEST_SCHEDULERS: SchedulerSpec[] = [
  { id: 'digest-daily', pattern: '0 7 * * *', job: { name: DIGEST_JOB, data: { mode: 'DAILY' } } },
  { id: 'digest-weekly', pattern: '0 7 * * 1', job: { name: DIGEST_JOB, data: { mode: 'WEEKLY' } } },
];

/**
 * Records events once each: their in-app messages and pending deliveries in one transaction. A
 * republished event (Redis lost the job, or a worker died before completing it) adds nothing.
 * Returns, per event, the deliveries to send (also those of a republished event still pending).
 */
export async function recordEvents(
  db: NotificationsDb,
  events: PublishedEvent[],
): Promise<Map<string, string[]>> {
  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(receivedEvents)
      .values(events.map((event) => ({ id: event.id, source: event.source, kind: event.kind })))
      .onConflictDoNothing()
      .returning({ id: receivedEvents.id });
    const freshIds = new Set(fresh.map((row) => row.id));
    const repeated = events.filter((event) => !freshIds.has(event.id)).map((event) => event.id);
    const pending = repeated.length
      ? await tx
          .select({ id: deliveries.id, eventId: deliveries.eventId })
          .from(deliveries)
          .where(and(inArray(deliveries.eventId, repeated), eq(deliveries.status, 'PENDING')))
      : [];
    const items = events.filter((e) => freshIds.has(e.id)).map((event) => ({ event, routed: route(event) }));
    const inApp = items.flatMap(({ event, routed }) =>
      routed.inApp.map(({ inbox, message }) => ({
        eventId: event.id,
        inbox,
        kind: event.kind,
        title: message.title,
        body: message.text,
      })),
    );
    const outbound = await outboundDeliveries(tx, items);
    if (inApp.length) await tx.insert(notifications).values(inApp).onConflictDoNothing();
    const created = outbound.length
      ? await tx
          .insert(deliveries)
          .values(outbound)
          .onConflictDoNothing()
          .returning({ id: deliveries.id, eventId: deliveries.eventId, status: deliveries.status })
      : [];
    const toSend = new Map<string, string[]>();
    // HELD deliveries wait for their digest.
    for (const { id, eventId } of [...pending, ...created.filter((d) => d.status === 'PENDING')])
      toSend.set(eventId, [...(toSend.get(eventId) ?? []), id]);
    return toSend;
  });
}

/**
 * Gathers the events that concurrent jobs hand in within a few milliseconds and records them in
 * one transaction: one commit (one disk flush) for many events instead of one each.
 */
function eventBatcher(db: NotificationsDb, maxBatch = 200, waitMs = 5) {
  let batch: { event: PublishedEvent; done: (ids: string[]) => void; fail: (error: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const taken = batch;
    batch = [];
    recordEvents(
      db,
      taken.map((item) => item.event),
    ).then(
      (toSend) => {
        for (const item of taken) item.done(toSend.get(item.event.id) ?? []);
      },
      (error) => {
        for (const item of taken) item.fail(error);
      },
    );
  };
  return (event: PublishedEvent) =>
    new Promise<string[]>((done, fail) => {
      batch.push({ event, done, fail });
      if (batch.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, waitMs);
    });
}

/** A delivery that no retry can send (its contact point was removed): FAILED at once. */
class Undeliverable extends Error {}

/** The channels deliveries leave by (tests give their own). */
export interface Channels {
  sendEmail: SendEmail;
  postWebhook?: PostWebhook;
}

// An SMTP refusal may quote the address: operators see the error, never the address.
export const redactAddresses = (text: string) =>
  text.replace(/[^\s<>"']+@[^\s<>"']+/g, '<dirección>').slice(0, 500);

/** Who a link in this delivery unsubscribes: the account, the contact point, or the address's hash. */
function optOutRecipient(delivery: DeliveryRow, address: string): string {
  return /^(user|contact):/.test(delivery.recipient) ? delivery.recipient : emailRecipient(address);
}

async function dispatch(db: NotificationsDb, channels: Channels, delivery: DeliveryRow, address: string) {
  if (delivery.channel === 'WEBHOOK') {
    const pointId = delivery.recipient.replace(/^contact:/, '');
    const point = await findContactPoint(db, pointId);
    const secret = point && openWebhookSecret(point);
    if (!secret) throw new Undeliverable('el punto de contacto ya no existe');
    const post = channels.postWebhook ?? defaultWebhook;
    return post({
      id: delivery.id,
      url: address,
      secret,
      kind: delivery.kind,
      title: delivery.subject,
      text: delivery.text,
    });
  }
  const token = unsubscribeToken({
    recipient: optOutRecipient(delivery, address),
    kind: delivery.kind === DIGEST_KIND ? '*' : delivery.kind,
    channel: 'EMAIL',
  });
  return channels.sendEmail({
    id: delivery.id,
    to: address,
    subject: delivery.subject,
    text: delivery.text,
    html: delivery.html,
    unsubscribeUrl: unsubscribeUrl(token),
  });
}

const defaultWebhook = createWebhookPoster();

/**
 * Sends one delivery unless it was sent already. A failure is recorded and rethrown so BullMQ
 * retries with exponential backoff; the last failure leaves the delivery FAILED for operators.
 */
export async function sendDelivery(
  db: NotificationsDb,
  channels: Channels,
  deliveryId: string,
  lastAttempt: boolean,
): Promise<void> {
  const [delivery] = await db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
  if (delivery?.status !== 'PENDING' || !delivery.address) return;
  try {
    await dispatch(db, channels, delivery, delivery.address);
  } catch (error) {
    const final = lastAttempt || error instanceof Undeliverable;
    await db
      .update(deliveries)
      .set({
        attempts: delivery.attempts + 1,
        lastError: redactAddresses((error as Error).message),
        status: final ? 'FAILED' : 'PENDING',
      })
      .where(eq(deliveries.id, deliveryId));
    if (error instanceof Undeliverable) return;
    throw error;
  }
  // Sent: the address is no longer needed here.
  await db
    .update(deliveries)
    .set({
      status: 'SENT',
      sentAt: new Date(),
      attempts: delivery.attempts + 1,
      address: null,
      lastError: null,
    })
    .where(eq(deliveries.id, deliveryId));
}

export interface NotificationsWorkerOptions extends QueueSettings, Channels {
  db: NotificationsDb;
  concurrency?: number;
  /** Lock and stall timings (tests shorten them to see a dead worker's job taken over). */
  timings?: Pick<WorkerOptions, 'lockDuration' | 'stalledInterval'>;
}

export interface NotificationsWorker {
  worker: Worker;
  queue: Queue;
  /** Re-enqueues pending deliveries whose job Redis lost (job id = delivery id, so never twice). */
  sweep(olderThanMs?: number): Promise<number>;
}

export function startNotificationsWorker(options: NotificationsWorkerOptions): NotificationsWorker {
  const { db, connection, prefix } = options;
  const queue = createQueue(NOTIFICATIONS_QUEUE, { connection, prefix });
  const enqueue = (ids: string[], traceparent?: string) =>
    queue.addBulk(
      ids.map((deliveryId) => ({
        name: DELIVER_JOB,
        data: traceparent ? { deliveryId, traceparent } : { deliveryId },
        opts: { jobId: deliveryId },
      })),
    );
  const record = eventBatcher(db);
  const traced = jobTracer();
  const worker = createWorker(
    NOTIFICATIONS_QUEUE,
    async (job: Job) => {
      if (job.name === DELIVER_JOB) {
        const { deliveryId, traceparent } = job.data as DeliverJob;
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return traced(
          'send delivery',
          traceparent,
          { 'notifications.delivery.id': deliveryId, 'messaging.bullmq.job.attempts': job.attemptsMade + 1 },
          () => sendDelivery(db, options, deliveryId, lastAttempt),
        );
      }
      if (job.name === DIGEST_JOB) {
        const { mode } = job.data as DigestJob;
        return traced('compose digests', undefined, { 'notifications.digest.mode': mode }, async () => {
          const ids = await composeDigests(db, mode);
          if (ids.length) await enqueue(ids, currentTraceparent());
        });
      }
      const event = job.data as PublishedEvent;
      // Events recorded in one batch share its transaction; its SQL spans sit under the first one's.
      return traced(`record ${event.kind}`, event.traceparent, eventAttributes(event), async () => {
        const ids = await record(event);
        if (ids.length) await enqueue(ids, currentTraceparent());
      });
    },
    // Slow endpoints hold one slot each; the others keep delivering.
    { connection, prefix, concurrency: options.concurrency ?? 200, ...options.timings },
  );
  return {
    worker,
    queue,
    async sweep(olderThanMs = 30_000) {
      const pending = await db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(eq(deliveries.status, 'PENDING'), lt(deliveries.createdAt, new Date(Date.now() - olderThanMs))),
        )
        .limit(1_000);
      const states = await Promise.all(pending.map((d) => queue.getJobState(d.id)));
      // Unknown: Redis lost the job. Failed or completed: an operator set the delivery PENDING again.
      const ended = pending.filter((_, i) => states[i] === 'failed' || states[i] === 'completed');
      await Promise.all(ended.map((d) => queue.remove(d.id)));
      const lost = [...ended, ...pending.filter((_, i) => states[i] === 'unknown')];
      if (lost.length) await enqueue(lost.map((d) => d.id));
      return lost.length;
    },
  };
}
