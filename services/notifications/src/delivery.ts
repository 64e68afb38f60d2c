import type { PublishedEvent } from '@participa/outbox';
import { createQueue, createWorker, NOTIFICATIONS_QUEUE, type QueueSettings } from '@participa/queue';
import type { Job, Queue, Worker, WorkerOptions } from 'bullmq';
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { SendEmail } from './channels/email.ts';
import type { NotificationsDb } from './db/index.ts';
import { deliveries, notifications, receivedEvents } from './db/schema.ts';
import { route } from './routing.ts';

/** Job `deliver`: one outbound delivery, by id. Every other job name is a published event. */
export const DELIVER_JOB = 'deliver';

interface DeliverJob {
  deliveryId: string;
}

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
    const inApp: (typeof notifications.$inferInsert)[] = [];
    const outbound: (typeof deliveries.$inferInsert)[] = [];
    for (const event of events.filter((e) => freshIds.has(e.id))) {
      const routed = route(event);
      for (const { inbox, message } of routed.inApp)
        inApp.push({ eventId: event.id, inbox, kind: event.kind, title: message.title, body: message.text });
      for (const { recipient, channel, address, message } of routed.outbound)
        outbound.push({
          eventId: event.id,
          recipient,
          channel,
          address,
          kind: event.kind,
          subject: message.title,
          text: message.text,
          html: message.html,
        });
    }
    if (inApp.length) await tx.insert(notifications).values(inApp).onConflictDoNothing();
    const created = outbound.length
      ? await tx
          .insert(deliveries)
          .values(outbound)
          .onConflictDoNothing()
          .returning({ id: deliveries.id, eventId: deliveries.eventId })
      : [];
    const toSend = new Map<string, string[]>();
    for (const { id, eventId } of [...pending, ...created])
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

/**
 * Sends one delivery unless it was sent already. A failure is recorded and rethrown so BullMQ
 * retries with exponential backoff; the last failure leaves the delivery FAILED for operators.
 */
export async function sendDelivery(
  db: NotificationsDb,
  sendEmail: SendEmail,
  deliveryId: string,
  lastAttempt: boolean,
): Promise<void> {
  const [delivery] = await db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!delivery || delivery.status === 'SENT' || !delivery.address) return;
  try {
    await sendEmail({
      id: delivery.id,
      to: delivery.address,
      subject: delivery.subject,
      text: delivery.text,
      html: delivery.html,
    });
  } catch (error) {
    await db
      .update(deliveries)
      .set({
        attempts: delivery.attempts + 1,
        lastError: (error as Error).message.slice(0, 500),
        status: lastAttempt ? 'FAILED' : 'PENDING',
      })
      .where(eq(deliveries.id, deliveryId));
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

export interface NotificationsWorkerOptions extends QueueSettings {
  db: NotificationsDb;
  sendEmail: SendEmail;
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
  const { db, sendEmail, connection, prefix } = options;
  const queue = createQueue(NOTIFICATIONS_QUEUE, { connection, prefix });
  const enqueue = (ids: string[]) =>
    queue.addBulk(
      ids.map((deliveryId) => ({ name: DELIVER_JOB, data: { deliveryId }, opts: { jobId: deliveryId } })),
    );
  const record = eventBatcher(db);
  const worker = createWorker(
    NOTIFICATIONS_QUEUE,
    async (job: Job) => {
      if (job.name === DELIVER_JOB) {
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return sendDelivery(db, sendEmail, (job.data as DeliverJob).deliveryId, lastAttempt);
      }
      const ids = await record(job.data as PublishedEvent);
      if (ids.length) await enqueue(ids);
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
      const lost = pending.filter((_, i) => states[i] === 'unknown').map((d) => d.id);
      if (lost.length) await enqueue(lost);
      return lost.length;
    },
  };
}
