import { feedbackService } from '@participa/feedback';
import type { TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationsService } from '../src/service.ts';
import { eventually, type NotifiedGraph, startNotifiedGraph } from './harness.ts';

const CENTRO_STAFF = { role: 'ese_staff', network: 'CENTRO', sub: 'handler-centro' } as const;
const NORTE_STAFF = { role: 'ese_staff', network: 'NORTE', sub: 'handler-norte' } as const;
const { outboxEvents } = await import('../../feedback/src/db/schema.ts');

const SUBMIT = `mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }`;
const INBOX = `query ($unreadOnly: Boolean) {
  myNotifications(unreadOnly: $unreadOnly, first: 100) { totalCount edges { node { id kind title body readAt } } }
  unreadNotificationCount
}`;

interface Inbox {
  myNotifications: {
    totalCount: number;
    edges: { node: { id: string; kind: string; title: string; body: string } }[];
  };
  unreadNotificationCount: number;
}

const petition = (n: number) => ({
  networkCode: 'CENTRO',
  type: 'PETICION',
  subject: `Solicitud ${n}`,
  description: 'Solicito copia de mi historia clínica.',
  channel: 'WEB',
  petitioner: {
    fullName: 'María Fernanda Ocoró',
    documentType: 'CC',
    documentNumber: '31987654',
    email: `persona${n}@example.com`,
    preferredChannel: 'EMAIL',
  },
});

let graph: TestGraph;
let redis: NotifiedGraph['redis'];
let smtp: NotifiedGraph['smtp'];
let running: NotifiedGraph | undefined;

beforeAll(async () => {
  running = await startNotifiedGraph([feedbackService, notificationsService], outboxEvents);
  ({ graph, redis, smtp } = running);
});

afterAll(async () => {
  await running?.stop();
});

describe('PQRS received', () => {
  it("reaches CENTRO's handlers in-app and the petitioner by e-mail, never another network", async () => {
    const { submitPqrs } = await graph.data<{ submitPqrs: { radicado: string } }>(SUBMIT, {
      input: petition(0),
    });
    const inbox = await eventually(async () => {
      const data = await graph.data<Inbox>(INBOX, {}, CENTRO_STAFF);
      return data.myNotifications.totalCount === 1 && data;
    });
    const [{ node }] = inbox.myNotifications.edges as [
      { node: Inbox['myNotifications']['edges'][0]['node'] },
    ];
    expect(node).toMatchObject({ kind: 'pqrs.received', title: `Nueva PQRS ${submitPqrs.radicado}` });
    expect(node.body).not.toContain('Ocoró');
    expect(node.body).not.toContain('31987654');
    expect(inbox.unreadNotificationCount).toBe(1);

    const mail = await eventually(async () =>
      smtp.received.find((m) => m.to.includes('persona0@example.com')),
    );
    expect(mail.raw).toContain(submitPqrs.radicado);
    expect(mail.raw).not.toContain('31987654');

    const norte = await graph.data<Inbox>(INBOX, {}, NORTE_STAFF);
    expect(norte.myNotifications.totalCount).toBe(0);
    const refused = await graph.request(
      'mutation ($id: ID!) { markNotificationRead(id: $id) { id } }',
      { id: node.id },
      NORTE_STAFF,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    const read = await graph.data<{ markNotificationRead: { readAt: string | null } }>(
      'mutation ($id: ID!) { markNotificationRead(id: $id) { readAt } }',
      { id: node.id },
      CENTRO_STAFF,
    );
    expect(read.markNotificationRead.readAt).not.toBeNull();
    const after = await graph.data<Inbox>(INBOX, { unreadOnly: true }, CENTRO_STAFF);
    expect(after).toMatchObject({ unreadNotificationCount: 0, myNotifications: { totalCount: 0 } });
  });

  it('anonymous callers have no inbox', async () => {
    const result = await graph.request(INBOX, {});
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('fault: Redis stopped and emptied while 100 PQRS are submitted', () => {
  it('delivers every receipt exactly once after Redis returns', async () => {
    await graph.data('mutation { markAllNotificationsRead }', {}, CENTRO_STAFF);
    const mailsBefore = smtp.received.length;
    await redis.stop();
    const radicados: string[] = [];
    for (let n = 1; n <= 100; n++) {
      const { submitPqrs } = await graph.data<{ submitPqrs: { radicado: string } }>(SUBMIT, {
        input: petition(n),
      });
      radicados.push(submitPqrs.radicado);
    }
    await redis.start();
    const inbox = await eventually(async () => {
      const data = await graph.data<Inbox>(INBOX, { unreadOnly: true }, CENTRO_STAFF);
      // The page and the count are two reads, not one snapshot: a batch recorded between them
      // shows in one only. Wait until the page itself holds all 100.
      return data.myNotifications.edges.length === 100 && data.unreadNotificationCount === 100 && data;
    }, 60_000);
    const titles = new Set(inbox.myNotifications.edges.map((e) => e.node.title));
    expect(titles).toEqual(new Set(radicados.map((r) => `Nueva PQRS ${r}`)));
    await eventually(async () => smtp.received.length - mailsBefore >= 100, 60_000);
    // Let the relay's confirmation pass run; nothing more may arrive.
    await eventually(async () => {
      const pending = await graph.databases.feedback!.db.execute(
        `SELECT count(*)::int AS n FROM feedback.outbox_events WHERE done_at IS NULL`,
      );
      return (pending as unknown as { n: number }[])[0]!.n === 0;
    }, 30_000);
    expect(smtp.received.length - mailsBefore).toBe(100);
    const recipients = smtp.received.slice(mailsBefore).flatMap((m) => m.to);
    expect(new Set(recipients).size).toBe(100);
  });
});
