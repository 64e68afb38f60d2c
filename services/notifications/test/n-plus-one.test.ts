import { randomUUID } from 'node:crypto';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import { entityTypesOf, expectFlatStatements } from '@participa/testing/n-plus-one';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationsDb } from '../src/db/index.ts';
import { contactPoints, deliveries, notifications } from '../src/db/schema.ts';
import { userInbox } from '../src/inboxes.ts';
import { notificationsService } from '../src/service.ts';

// No N+1: pages of 5 and of 50 messages, contact points and deliveries cost the same number of SQL
// statements. Records are written with the service's own tables (the pipeline that writes them is
// tested by the other notification tests).
let graph: TestGraph;
const reader = (count: number): Caller => ({ role: 'citizen', sub: `lectora-${count}` });
const admin = (network: string): Caller => ({ role: 'ese_admin', network, sub: `admin-${network}` });
const OPERATOR: Caller = { role: 'secretariat', sub: 'secretaria-n1' };
const SMALL = 'NORTE';
const LARGE = 'ORIENTE';

async function seed(db: NotificationsDb, count: number, network: string, status: 'FAILED' | 'SENT') {
  await db.insert(notifications).values(
    Array.from({ length: count }, (_, i) => ({
      eventId: randomUUID(),
      inbox: userInbox(reader(count).sub!),
      kind: 'pqrs.answered',
      title: `Su PQRS ${i + 1} fue respondida`,
      body: 'La Red de Salud respondió su petición; consulte la respuesta con su código de seguimiento.',
    })),
  );
  await db.insert(contactPoints).values(
    Array.from({ length: count }, (_, i) => ({
      networkCode: network,
      role: 'ese_staff',
      channel: 'EMAIL' as const,
      address: `siau${i + 1}@red${network.toLowerCase()}.example.org`,
      kinds: ['pqrs.received'],
      createdBy: `admin-${network}`,
    })),
  );
  await db.insert(deliveries).values(
    Array.from({ length: count }, (_, i) => ({
      eventId: randomUUID(),
      recipient: `contact:${network}:${i + 1}`,
      channel: 'EMAIL' as const,
      address: `siau${i + 1}@red${network.toLowerCase()}.example.org`,
      kind: 'pqrs.received',
      subject: `Nueva PQRS radicada ${i + 1}`,
      text: 'Se radicó una nueva PQRS en su red.',
      status,
      attempts: 1,
      lastError: status === 'FAILED' ? 'Buzón lleno' : null,
      sentAt: status === 'SENT' ? new Date() : null,
    })),
  );
}

beforeAll(async () => {
  graph = await startTestGraph([notificationsService]);
  const db = graph.databases.notifications!.db as unknown as NotificationsDb;
  await seed(db, 5, SMALL, 'FAILED');
  await seed(db, 50, LARGE, 'SENT');
}, 60_000);
afterAll(() => graph?.stop());

type Edges<K extends string> = Record<K, { edges: { cursor: string; node: Record<string, unknown> }[] }>;

describe('no N+1 in the notifications subgraph: as many SQL statements for 50 entities as for 5', () => {
  it('myNotifications (NotificationEdge)', async () => {
    await expectFlatStatements<Edges<'myNotifications'>>(graph, {
      query: `{ myNotifications(first: 50) { totalCount pageInfo { hasNextPage }
        edges { cursor node { id kind title body createdAt readAt } } } unreadNotificationCount }`,
      five: {},
      fifty: {},
      as: reader(5),
      asFifty: reader(50),
      size: (data) => data.myNotifications.edges.length,
      bound: 3,
    });
  });

  it('notificationContactPoints (NotificationContactPoint)', async () => {
    await expectFlatStatements<{ notificationContactPoints: unknown[] }>(graph, {
      query: `query ($network: String!) {
        notificationContactPoints(networkCode: $network) { id networkCode role channel address kinds digest createdAt }
      }`,
      five: { network: SMALL },
      fifty: { network: LARGE },
      as: admin(SMALL),
      asFifty: admin(LARGE),
      size: (data) => data.notificationContactPoints.length,
      bound: 1,
    });
  });

  it('notificationDeliveries (NotificationDeliveryEdge)', async () => {
    await expectFlatStatements<Edges<'notificationDeliveries'>>(graph, {
      query: `query ($status: DeliveryStatus) {
        notificationDeliveries(status: $status, first: 50) { totalCount
          edges { cursor node { id kind channel status recipientKind attempts lastError createdAt sentAt } } }
      }`,
      five: { status: 'FAILED' },
      fifty: { status: 'SENT' },
      as: OPERATOR,
      size: (data) => {
        expect(data.notificationDeliveries.edges.every((e) => !('address' in e.node))).toBe(true);
        return data.notificationDeliveries.edges.length;
      },
      bound: 2,
    });
  });

  it('has a case for every entity type of the SDL', () => {
    const covered = ['NotificationEdge', 'NotificationContactPoint', 'NotificationDeliveryEdge'];
    expect([...new Set(covered)].sort()).toEqual(entityTypesOf(notificationsService));
  });
});
