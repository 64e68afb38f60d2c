import { randomUUID } from 'node:crypto';
import { feedbackService } from '@participa/feedback';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../feedback/src/db/schema.ts';
import { createEmailSender, type SendEmail } from '../src/channels/email.ts';
import type { NotificationsDb } from '../src/db/index.ts';
import { deliveries } from '../src/db/schema.ts';
import { notificationsService } from '../src/service.ts';
import { eventually, startPipeline, startScratchRedis, startSmtpReceiver } from './harness.ts';

const SUBMIT = `mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }`;
const petition = (email: string) => ({
  networkCode: 'CENTRO',
  type: 'QUEJA',
  subject: 'Demora en la asignación de citas',
  description: 'Llevo tres semanas esperando una cita de medicina general.',
  channel: 'WEB',
  petitioner: { fullName: 'Jhon Jairo Riascos', documentType: 'CC', documentNumber: '16789012', email },
});

let graph: TestGraph;
let redis: Awaited<ReturnType<typeof startScratchRedis>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
const pipelines: Awaited<ReturnType<typeof startPipeline>>[] = [];

beforeAll(async () => {
  graph = await startTestGraph([feedbackService, notificationsService]);
  redis = await startScratchRedis();
  smtp = await startSmtpReceiver();
});

afterAll(async () => {
  for (const pipeline of pipelines) await pipeline.stop();
  await smtp?.close();
  await redis?.stop();
  await graph?.stop();
});

const notificationsDb = () => graph.databases.notifications!.db as NotificationsDb;
const pipelineWith = async (
  prefix: string,
  sendEmail: SendEmail,
  timings?: { lockDuration: number; stalledInterval: number },
) => {
  const pipeline = await startPipeline({
    redisUrl: redis.url,
    prefix,
    databaseUrl: graph.databaseUrl,
    outbox: outboxEvents,
    db: notificationsDb(),
    sendEmail,
    timings,
  });
  pipelines.push(pipeline);
  return pipeline;
};

async function outboxDrained() {
  await eventually(async () => {
    const rows = (await graph.databases.feedback!.db.execute(
      'SELECT count(*)::int AS n FROM feedback.outbox_events WHERE done_at IS NULL',
    )) as unknown as { n: number }[];
    return rows[0]!.n === 0;
  }, 60_000);
}

describe('faults on real Redis and PostgreSQL', () => {
  it('two relays and two workers deliver each of 60 receipts once', async () => {
    const prefix = `test-${randomUUID()}`;
    const sender = createEmailSender({ SMTP_URL: smtp.url });
    await pipelineWith(prefix, sender);
    await pipelineWith(prefix, sender);
    const before = smtp.received.length;
    await Promise.all(
      Array.from({ length: 60 }, (_, n) => graph.data(SUBMIT, { input: petition(`doble${n}@example.org`) })),
    );
    await eventually(async () => smtp.received.length - before >= 60, 60_000);
    await outboxDrained();
    const to = smtp.received.slice(before).flatMap((m) => m.to);
    expect(to).toHaveLength(60);
    expect(new Set(to).size).toBe(60);
    while (pipelines.length) await pipelines.pop()!.stop();
  });

  it('a worker that dies mid-delivery: another takes the job over and the message goes out once', async () => {
    const prefix = `test-${randomUUID()}`;
    const timings = { lockDuration: 1_000, stalledInterval: 500 };
    let started!: () => void;
    const inHand = new Promise<void>((resolve) => {
      started = resolve;
    });
    // The first worker hangs inside the send, as a killed process would never finish it.
    const dying = await pipelineWith(
      prefix,
      () => {
        started();
        return new Promise<void>(() => {});
      },
      timings,
    );
    await graph.data(SUBMIT, { input: petition('muerte@example.org') });
    await inHand;
    await dying.worker.worker.close(true);
    await dying.relay.stop();
    pipelines.splice(pipelines.indexOf(dying), 1);

    await pipelineWith(prefix, createEmailSender({ SMTP_URL: smtp.url }), timings);
    await eventually(async () => smtp.received.some((m) => m.to.includes('muerte@example.org')), 30_000);
    await outboxDrained();
    expect(smtp.received.filter((m) => m.to.includes('muerte@example.org'))).toHaveLength(1);
    const stuck = await notificationsDb().select().from(deliveries).where(eq(deliveries.status, 'PENDING'));
    expect(stuck).toEqual([]);
    while (pipelines.length) await pipelines.pop()!.stop();
  });

  it('an SMTP server that refuses one address does not delay the others', async () => {
    const prefix = `test-${randomUUID()}`;
    await pipelineWith(prefix, createEmailSender({ SMTP_URL: smtp.url }));
    smtp.refused.add('rechazo@example.org');
    await graph.data(SUBMIT, { input: petition('rechazo@example.org') });
    await Promise.all(
      Array.from({ length: 10 }, (_, n) => graph.data(SUBMIT, { input: petition(`normal${n}@example.org`) })),
    );
    await eventually(
      async () =>
        Array.from({ length: 10 }, (_, n) => `normal${n}@example.org`).every((a) =>
          smtp.received.some((m) => m.to.includes(a)),
        ),
      30_000,
    );
    const refused = await eventually(async () => {
      const rows = await notificationsDb().select().from(deliveries).where(eq(deliveries.status, 'PENDING'));
      return rows.find((d) => d.address === 'rechazo@example.org' && d.attempts >= 1);
    });
    expect(refused.lastError).toContain('Buzón no disponible');
    expect(smtp.received.some((m) => m.to.includes('rechazo@example.org'))).toBe(false);
  });
});
