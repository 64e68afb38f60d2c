import { randomUUID } from 'node:crypto';
import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { territoryByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents as educationOutbox } from '../../education/src/db/schema.ts';
import { outboxEvents as feedbackOutbox } from '../../feedback/src/db/schema.ts';
import { createEmailSender } from '../src/channels/email.ts';
import {
  createWebhookPoster,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  webhookSignature,
} from '../src/channels/webhook.ts';
import type { NotificationsDb } from '../src/db/index.ts';
import { DIGEST_JOB } from '../src/delivery.ts';
import { notificationsService } from '../src/service.ts';
import {
  eventually,
  startPipeline,
  startScratchRedis,
  startSmtpReceiver,
  startWebhookReceiver,
} from './harness.ts';

const CENTRO_ADMIN: Caller = { role: 'ese_admin', network: 'CENTRO', sub: 'admin-centro' };
const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'staff-centro' };
const NORTE_ADMIN: Caller = { role: 'ese_admin', network: 'NORTE', sub: 'admin-norte' };
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretaria-1' };
const ANA: Caller = { role: 'citizen', sub: 'ciudadana-ana' };
const HOUR = 3_600_000;

let graph: TestGraph;
let redis: Awaited<ReturnType<typeof startScratchRedis>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let webhook: Awaited<ReturnType<typeof startWebhookReceiver>>;
const pipelines: Awaited<ReturnType<typeof startPipeline>>[] = [];

beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService, feedbackService, notificationsService]);
  redis = await startScratchRedis();
  smtp = await startSmtpReceiver();
  webhook = await startWebhookReceiver();
  const prefix = `test-${randomUUID()}`;
  for (const outbox of [feedbackOutbox, educationOutbox])
    pipelines.push(
      await startPipeline({
        redisUrl: redis.url,
        prefix,
        databaseUrl: graph.databaseUrl,
        outbox,
        db: graph.databases.notifications!.db as NotificationsDb,
        sendEmail: createEmailSender({ SMTP_URL: smtp.url }),
        // Short, so the hanging endpoint's attempts end within the test.
        postWebhook: createWebhookPoster(1_000),
      }),
    );
});

afterAll(async () => {
  for (const pipeline of pipelines) await pipeline.stop();
  await webhook?.close();
  await smtp?.close();
  await redis?.stop();
  await graph?.stop();
});

const worker = () => pipelines[0]!.worker;

const CREATE_POINT = `mutation ($input: CreateNotificationContactPointInput!) {
  createNotificationContactPoint(input: $input) {
    contactPoint { id networkCode role channel address kinds digest }
    webhookSecret
  }
}`;
const DELETE_POINT = `mutation ($id: ID!) { deleteNotificationContactPoint(id: $id) }`;

async function createPoint(input: Record<string, unknown>, as: Caller = CENTRO_ADMIN) {
  const data = await graph.data<{
    createNotificationContactPoint: {
      contactPoint: { id: string; role: string };
      webhookSecret: string | null;
    };
  }>(CREATE_POINT, { input }, as);
  return data.createNotificationContactPoint;
}

const SUBMIT = `mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }`;
async function submitPqrs(email: string): Promise<string> {
  const data = await graph.data<{ submitPqrs: { radicado: string } }>(SUBMIT, {
    input: {
      networkCode: 'CENTRO',
      type: 'RECLAMO',
      subject: 'Cobro de cuota moderadora a población exenta',
      description: 'En el puesto de salud de El Calvario me cobraron la cuota moderadora siendo Sisbén A.',
      channel: 'WEB',
      petitioner: { fullName: 'Jhon Jairo Riascos', documentType: 'CC', documentNumber: '16789012', email },
    },
  });
  return data.submitPqrs.radicado;
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
/** Raw messages fold long headers and wrap quoted-printable lines; unfold before matching. */
const unfolded = (raw: string) => raw.replace(/\r?\n[ \t]+/g, ' ').replace(/=\r?\n/g, '');

describe('contact points of a network', () => {
  it('are managed by the network admins only, with Spanish errors for bad input', async () => {
    const created = await createPoint({
      networkCode: 'CENTRO',
      role: 'ESE_STAFF',
      channel: 'WEBHOOK',
      address: `${webhook.url}/ok`,
      kinds: ['pqrs.received'],
    });
    expect(created.contactPoint).toMatchObject({
      networkCode: 'CENTRO',
      role: 'ESE_STAFF',
      digest: 'IMMEDIATE',
    });
    expect(created.webhookSecret).toMatch(/^[\w-]{40,}$/);
    const listed = await graph.data<{ notificationContactPoints: { id: string }[] }>(
      `{ notificationContactPoints(networkCode: "CENTRO") { id } }`,
      {},
      CENTRO_ADMIN,
    );
    expect(listed.notificationContactPoints.map((p) => p.id)).toContain(created.contactPoint.id);

    const input = {
      networkCode: 'CENTRO',
      role: 'ESE_ADMIN',
      channel: 'EMAIL',
      address: 'gerencia@example.org',
    };
    const refusals: [Caller | undefined, string][] = [
      [NORTE_ADMIN, 'FORBIDDEN'],
      [CENTRO_STAFF, 'FORBIDDEN'],
      [SECRETARIAT, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ];
    for (const [caller, code] of refusals)
      expect(errorCodes(await graph.request(CREATE_POINT, { input }, caller))).toEqual([code]);
    expect(
      errorCodes(
        await graph.request(`{ notificationContactPoints(networkCode: "CENTRO") { id } }`, {}, NORTE_ADMIN),
      ),
    ).toEqual(['FORBIDDEN']);

    const bad = [
      { ...input, address: 'no-es-un-correo' },
      { ...input, networkCode: 'centro' },
      { ...input, role: 'SECRETARIAT' },
      { ...input, channel: 'WEBHOOK', address: 'ftp://example.org/hook' },
      { ...input, kinds: ['PQRS RECIBIDA'] },
    ];
    for (const wrong of bad) {
      const result = await graph.request(CREATE_POINT, { input: wrong }, CENTRO_ADMIN);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message).toMatch(/^Campo "/);
    }
    const district = await createPoint(
      { networkCode: '*', role: 'SECRETARIAT', channel: 'EMAIL', address: 'participacion@example.org' },
      SECRETARIAT,
    );
    expect(district.webhookSecret).toBeNull();
    expect(errorCodes(await graph.request(CREATE_POINT, { input: { ...input } }, CENTRO_ADMIN))).toEqual([]);
    expect(errorCodes(await graph.request(CREATE_POINT, { input: { ...input } }, CENTRO_ADMIN))).toEqual([
      'CONFLICT',
    ]);
  });

  it("sends a CENTRO PQRS to the staff's webhook signed with its key, and to an e-mail box in its daily digest", async () => {
    const hook = await createPoint({
      networkCode: 'CENTRO',
      role: 'ESE_STAFF',
      channel: 'WEBHOOK',
      address: `${webhook.url}/firmado`,
      kinds: ['pqrs.received'],
    });
    await createPoint({
      networkCode: 'CENTRO',
      role: 'ESE_STAFF',
      channel: 'EMAIL',
      address: 'pqrs-centro@example.org',
      digest: 'DAILY',
    });
    const radicados = [
      await submitPqrs('jhon.riascos@example.org'),
      await submitPqrs('maria.cuero@example.org'),
    ];

    const calls = await eventually(async () => {
      const found = webhook.received.filter((c) => c.path === '/firmado');
      return found.length === 2 && found;
    });
    for (const call of calls) {
      const timestamp = call.headers[TIMESTAMP_HEADER] as string;
      expect(call.headers[SIGNATURE_HEADER]).toBe(
        webhookSignature(hook.webhookSecret!, timestamp, call.body),
      );
      expect(call.headers[SIGNATURE_HEADER]).not.toBe(webhookSignature('otra-clave', timestamp, call.body));
      expect(JSON.parse(call.body)).toMatchObject({ kind: 'pqrs.received' });
      expect(call.body).not.toMatch(/16789012|Riascos|jhon\.riascos/);
    }
    expect(calls.map((c) => JSON.parse(c.body).title).sort()).toEqual(
      radicados.map((r) => `Nueva PQRS ${r}`).sort(),
    );
    // The e-mail box asked for a daily digest: nothing yet.
    expect(mailsTo('pqrs-centro@example.org')).toEqual([]);
    const held = await graph.data<{
      notificationDeliveries: { totalCount: number; edges: { node: { recipientKind: string } }[] };
    }>(
      `{ notificationDeliveries(status: HELD) { totalCount edges { node { recipientKind } } } }`,
      {},
      SECRETARIAT,
    );
    expect(held.notificationDeliveries.totalCount).toBe(2);
    expect(held.notificationDeliveries.edges.map((e) => e.node.recipientKind)).toEqual([
      'CONTACT_POINT',
      'CONTACT_POINT',
    ]);

    await worker().queue.add(DIGEST_JOB, { mode: 'DAILY' });
    const [digest] = await eventually(
      async () => mailsTo('pqrs-centro@example.org').length > 0 && mailsTo('pqrs-centro@example.org'),
    );
    const body = unfolded(digest!.raw);
    for (const radicado of radicados) expect(body).toContain(radicado);
    expect(body).toContain('List-Unsubscribe');
    // A second run (a retried job, a second worker) finds nothing left to gather.
    await worker().queue.add(DIGEST_JOB, { mode: 'DAILY' });
    await submitPqrs('control@example.org');
    await eventually(async () => mailsTo('control@example.org').length > 0);
    expect(mailsTo('pqrs-centro@example.org')).toHaveLength(1);
  });

  it('a webhook that answers 500 or hangs does not hold up the other deliveries', async () => {
    const failing = [
      await createPoint({
        networkCode: 'CENTRO',
        role: 'ESE_STAFF',
        channel: 'WEBHOOK',
        address: `${webhook.url}/500`,
      }),
      await createPoint({
        networkCode: 'CENTRO',
        role: 'ESE_STAFF',
        channel: 'WEBHOOK',
        address: `${webhook.url}/hang`,
      }),
    ];
    const before = webhook.received.filter((c) => c.path === '/ok').length;
    await submitPqrs('paciente.uno@example.org');
    await eventually(async () => webhook.received.filter((c) => c.path === '/ok').length === before + 1);
    await eventually(async () => mailsTo('paciente.uno@example.org').length === 1);
    expect(webhook.received.some((c) => c.path === '/500')).toBe(true);
    for (const point of failing) await graph.data(DELETE_POINT, { id: point.contactPoint.id }, CENTRO_ADMIN);
  });
});

describe('one-click unsubscribe', () => {
  it('stops that kind of message to that address from the link in the e-mail, with no login', async () => {
    await submitPqrs('baja@example.org');
    const [mail] = await eventually(
      async () => mailsTo('baja@example.org').length > 0 && mailsTo('baja@example.org'),
    );
    const headers = unfolded(mail!.raw);
    expect(headers).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const link = /List-Unsubscribe: <([^>]+)>/.exec(headers)![1]!;
    const token = new URL(link).searchParams.get('token')!;
    const page = new URL(`/baja?token=${encodeURIComponent(token)}`, graph.gatewayUrl);

    // Opening the link changes nothing (mail scanners open links); it offers a button.
    const opened = await fetch(page);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Dejar de recibir este tipo de mensajes');
    await submitPqrs('baja@example.org');
    await eventually(async () => mailsTo('baja@example.org').length === 2);

    const forged = await fetch(new URL(`/baja?token=${token.slice(0, -2)}xx`, graph.gatewayUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('no es válido');

    const clicked = await fetch(page, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(200);
    expect(await clicked.text()).toContain('ya no recibirá estos mensajes');

    await submitPqrs('baja@example.org');
    await submitPqrs('sigue@example.org');
    await eventually(async () => mailsTo('sigue@example.org').length === 1);
    await eventually(async () => {
      const [row] = (await graph.databases.feedback!.db.execute(
        'SELECT count(*)::int AS n FROM feedback.outbox_events WHERE done_at IS NULL',
      )) as unknown as { n: number }[];
      return row!.n === 0;
    });
    expect(mailsTo('baja@example.org')).toHaveLength(2);
    // Nothing waits to be sent there either (an address is kept only while its delivery is pending).
    const waiting = (await graph.databases.notifications!.db.execute(
      `SELECT count(*)::int AS n FROM notifications.deliveries WHERE address = 'baja@example.org'`,
    )) as unknown as { n: number }[];
    expect(waiting[0]!.n).toBe(0);

    const invalid = await graph.request(`mutation { unsubscribeNotifications(token: "abc.def") { kind } }`);
    expect(errorCodes(invalid)).toEqual(['BAD_USER_INPUT']);
    expect(invalid.errors![0]!.message).toContain('enlace para darse de baja no es válido');
  });
});

describe("a signed-in person's settings", () => {
  const SETTINGS = `{ myNotificationSettings { email digest mutedKinds } }`;
  const UPDATE = `mutation ($input: NotificationSettingsInput!) {
    updateMyNotificationSettings(input: $input) { email digest mutedKinds }
  }`;

  async function scheduleWorkshop(): Promise<string> {
    const startsAt = new Date(Date.now() + 6 * 24 * HOUR);
    const data = await graph.data<{ scheduleWorkshop: { id: string } }>(
      `mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { id } }`,
      {
        input: {
          networkCode: 'CENTRO',
          title: 'Mecanismos de participación social en salud',
          topic: 'HEALTH_RIGHTS',
          modality: 'IN_PERSON',
          address: 'Centro de Salud Obrero',
          territoryId: territoryByCode('C09')!.id,
          capacity: 20,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
        },
      },
      CENTRO_STAFF,
    );
    return data.scheduleWorkshop.id;
  }

  const register = (workshopId: string, email: string) =>
    graph.data(
      `mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { id } }`,
      {
        input: {
          workshopId,
          dataConsent: true,
          participant: {
            fullName: 'Ana Milena Caicedo',
            documentType: 'CC',
            documentNumber: '31456789',
            email,
            birthYear: 1980,
            sex: 'MUJER',
          },
        },
      },
      ANA,
    );

  it('are read and written by the person only, validated in Spanish', async () => {
    expect(await graph.data(SETTINGS, {}, ANA)).toEqual({
      myNotificationSettings: { email: null, digest: 'IMMEDIATE', mutedKinds: [] },
    });
    expect(errorCodes(await graph.request(SETTINGS))).toEqual(['UNAUTHENTICATED']);
    const bad = await graph.request(UPDATE, { input: { email: 'ana-en-gmail' } }, ANA);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.message).toContain('correo electrónico válido');
    const updated = await graph.data(
      UPDATE,
      { input: { email: 'ana.caicedo@example.org', digest: 'WEEKLY' } },
      ANA,
    );
    expect(updated).toEqual({
      updateMyNotificationSettings: { email: 'ana.caicedo@example.org', digest: 'WEEKLY', mutedKinds: [] },
    });
    // Another person sees their own (empty) settings, never Ana's.
    expect(await graph.data(SETTINGS, {}, { role: 'citizen', sub: 'otro-ciudadano' })).toEqual({
      myNotificationSettings: { email: null, digest: 'IMMEDIATE', mutedKinds: [] },
    });
    const sealed = (await graph.databases.notifications!.db.execute(
      `SELECT email FROM notifications.person_settings WHERE sub = 'ciudadana-ana'`,
    )) as unknown as { email: string }[];
    expect(sealed[0]!.email).not.toContain('ana.caicedo');
  });

  it("hold the person's messages for the weekly digest, once, and leave out muted kinds", async () => {
    await graph.data(
      UPDATE,
      { input: { email: 'ana.caicedo@example.org', digest: 'WEEKLY', mutedKinds: [] } },
      ANA,
    );
    // The registration gives the same address as the settings: one message, in the digest.
    await register(await scheduleWorkshop(), 'ana.caicedo@example.org');
    await eventually(async () => {
      const inbox = await graph.data<{ unreadNotificationCount: number }>(
        `{ unreadNotificationCount }`,
        {},
        ANA,
      );
      return inbox.unreadNotificationCount === 1;
    });
    expect(mailsTo('ana.caicedo@example.org')).toEqual([]);
    await worker().queue.add(DIGEST_JOB, { mode: 'WEEKLY' });
    const [digest] = await eventually(
      async () => mailsTo('ana.caicedo@example.org').length > 0 && mailsTo('ana.caicedo@example.org'),
    );
    expect(unfolded(digest!.raw)).toContain('Mecanismos de participaci');

    await graph.data(UPDATE, { input: { digest: 'IMMEDIATE', mutedKinds: ['registration.confirmed'] } }, ANA);
    await register(await scheduleWorkshop(), 'ana.otra@example.org');
    // The contact given at registration still gets the confirmation; the muted account e-mail does not.
    await eventually(async () => mailsTo('ana.otra@example.org').length === 1);
    await eventually(async () => {
      const inbox = await graph.data<{ unreadNotificationCount: number }>(
        `{ unreadNotificationCount }`,
        {},
        ANA,
      );
      return inbox.unreadNotificationCount === 2;
    });
    expect(mailsTo('ana.caicedo@example.org')).toHaveLength(1);
    // Recorded with the in-app message, in one transaction: the muted kind made no delivery at all.
    const toAna = (await graph.databases.notifications!.db.execute(
      `SELECT kind, status FROM notifications.deliveries WHERE recipient = 'user:ciudadana-ana' ORDER BY kind`,
    )) as unknown as { kind: string; status: string }[];
    expect(toAna).toEqual([
      { kind: 'digest', status: 'SENT' },
      { kind: 'registration.confirmed', status: 'DIGESTED' },
    ]);
  });
});

describe('operators', () => {
  it('see failed deliveries without addresses and send them again once the cause is fixed', async () => {
    smtp.refused.add('rebota@example.org');
    await submitPqrs('rebota@example.org');
    const FAILED = `{ notificationDeliveries(status: FAILED) { edges { node { id kind status recipientKind attempts lastError } } } }`;
    type Page = {
      notificationDeliveries: {
        edges: { node: { id: string; lastError: string; recipientKind: string; attempts: number } }[];
      };
    };
    // Five attempts with exponential backoff (1 + 2 + 4 + 8 s).
    const failed = await eventually(async () => {
      const page = await graph.data<Page>(FAILED, {}, SECRETARIAT);
      // Webhooks of earlier tests may have failed too: this is the petitioner's.
      return page.notificationDeliveries.edges.find((e) => e.node.recipientKind === 'PETITIONER')?.node;
    }, 60_000);
    expect(failed).toMatchObject({ recipientKind: 'PETITIONER', attempts: 5 });
    expect(failed.lastError).toContain('Buzón no disponible');
    expect(failed.lastError).not.toContain('rebota@');
    expect(errorCodes(await graph.request(FAILED, {}, CENTRO_STAFF))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graph.request(FAILED))).toEqual(['UNAUTHENTICATED']);

    smtp.refused.delete('rebota@example.org');
    const retried = await graph.data<{ retryNotificationDelivery: { status: string } }>(
      `mutation ($id: ID!) { retryNotificationDelivery(id: $id) { status } }`,
      { id: failed.id },
      SECRETARIAT,
    );
    expect(retried.retryNotificationDelivery.status).toBe('PENDING');
    expect(await worker().sweep(0)).toBeGreaterThanOrEqual(1);
    await eventually(async () => mailsTo('rebota@example.org').length === 1, 30_000);
    const sent = await graph.data<{ notificationDeliveries: { edges: { node: { id: string } }[] } }>(
      `{ notificationDeliveries(status: SENT, first: 100) { edges { node { id } } } }`,
      {},
      SECRETARIAT,
    );
    expect(sent.notificationDeliveries.edges.map((e) => e.node.id)).toContain(failed.id);
  });
});
