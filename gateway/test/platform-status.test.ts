import { randomUUID } from 'node:crypto';
import { feedbackService } from '@participa/feedback';
import { type PlatformQueuesReader, platformQueuesReader } from '@participa/queue';
import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph, testRedisUrl } from '@participa/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `platformStatus`: the secretariat's view of every part (subgraphs and their databases, the
 * workers' queues, the services' outboxes), served by the gateway's own subgraph, asked through
 * the gateway as a front end would.
 */
const STATUS = `{
  platformStatus {
    state summary checkedAt
    subgraphs { name ready databaseAnswering }
    queuesAnswering
    queues { name waiting active delayed failed schedulerLagSeconds schedulers { id nextRunAt lagSeconds } }
    outboxes { service pending oldestPendingSeconds }
  }
}`;

interface Status {
  platformStatus: {
    state: string;
    summary: string;
    subgraphs: { name: string; ready: boolean; databaseAnswering: boolean }[];
    queuesAnswering: boolean;
    queues: { name: string; waiting: number; failed: number; schedulerLagSeconds: number }[];
    outboxes: { service: string; pending: number | null; oldestPendingSeconds: number | null }[];
  };
}

const SECRETARIAT = { role: 'secretariat', sub: 'status-secretariat' } as const;
let queues: PlatformQueuesReader;
let graph: TestGraph;

beforeAll(async () => {
  // Queues of a prefix of its own: other test files' jobs in the shared Redis do not count here.
  queues = platformQueuesReader(testRedisUrl(), { prefix: `status-${randomUUID()}` });
  graph = await startTestGraph([territoryService, feedbackService], {
    gateway: { platformStatus: { queues: queues.read } },
  });
});
afterAll(async () => {
  await graph?.stop();
  await queues?.close();
});

describe('platformStatus', () => {
  it('shows the secretariat every part answering, and the outbox backlog', async () => {
    const { platformStatus: status } = await graph.data<Status>(STATUS, {}, SECRETARIAT);
    expect(status.state).toBe('OK');
    expect(status.summary).toBe('Todos los componentes de la plataforma funcionan con normalidad.');
    expect(status.subgraphs).toEqual([
      { name: 'feedback', ready: true, databaseAnswering: true },
      { name: 'territory', ready: true, databaseAnswering: true },
    ]);
    expect(status.queuesAnswering).toBe(true);
    expect(status.queues.map((q) => q.name)).toEqual([
      'notifications',
      'indicators',
      'reminders-education',
      'reminders-feedback',
      'reminders-planning',
    ]);
    expect(status.queues.every((q) => q.waiting === 0 && q.failed === 0)).toBe(true);
    expect(status.outboxes).toEqual([{ service: 'feedback', pending: 0, oldestPendingSeconds: 0 }]);

    // An event waiting in feedback's outbox is counted, with its age.
    const feedback = graph.databases.feedback!.db;
    await feedback.execute(sql`INSERT INTO feedback.outbox_events (id, kind, aggregate, payload, occurred_at)
      VALUES (${randomUUID()}, 'test.status', 'status-test', '{}', now() - interval '90 seconds')`);
    try {
      const { platformStatus: after } = await graph.data<Status>(STATUS, {}, SECRETARIAT);
      expect(after.outboxes[0]).toMatchObject({ service: 'feedback', pending: 1 });
      expect(after.outboxes[0]!.oldestPendingSeconds).toBeGreaterThanOrEqual(90);
      expect(after.state).toBe('OK');
    } finally {
      await feedback.execute(sql`DELETE FROM feedback.outbox_events WHERE aggregate = 'status-test'`);
    }
  });

  it('is refused to staff (FORBIDDEN) and to anonymous callers (UNAUTHENTICATED); workers may read it', async () => {
    const staff = await graph.request(STATUS, {}, { role: 'ese_staff', network: 'CENTRO' });
    expect(errorCodes(staff)).toEqual(['FORBIDDEN']);
    expect(staff.errors?.[0]?.message).toMatch(/Secretaría/);
    expect(errorCodes(await graph.request(STATUS))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graph.request(STATUS, {}, { role: 'citizen' }))).toEqual(['FORBIDDEN']);
    const system = await graph.data<Status>('{ platformStatus { state } }', {}, { role: 'system' });
    expect(system.platformStatus.state).toBe('OK');
  });

  it('shows a stopped subgraph not ready and the platform DEGRADED, the rest answering', async () => {
    const feedback = graph.subgraphs.find((s) => s.name === 'feedback')!;
    await feedback.stop();
    feedback.stop = async () => {};
    const { platformStatus: status } = await graph.data<Status>(STATUS, {}, SECRETARIAT);
    expect(status.state).toBe('DEGRADED');
    expect(status.summary).toBe('Plataforma degradada: no responde feedback.');
    expect(status.subgraphs).toEqual([
      { name: 'feedback', ready: false, databaseAnswering: false },
      { name: 'territory', ready: true, databaseAnswering: true },
    ]);
    expect(status.queuesAnswering).toBe(true);
    expect(status.outboxes).toEqual([{ service: 'feedback', pending: null, oldestPendingSeconds: null }]);
  });
});

describe('platformStatus in production', () => {
  it('names the parts and no URL or host', async () => {
    const production = await startTestGraph([territoryService], {
      production: true,
      gateway: { platformStatus: { queues: queues.read } },
    });
    try {
      const result = await production.request<Status>(STATUS, {}, SECRETARIAT);
      expect(result.errors).toBeUndefined();
      expect(result.data?.platformStatus.state).toBe('OK');
      const text = JSON.stringify(result);
      expect(text).toContain('territory');
      expect(text).not.toMatch(/https?:|redis:|postgres|127\.0\.0\.1|localhost|gateway\.internal|:\d{4,5}\b/);
    } finally {
      await production.stop();
    }
  });

  it('says the queues are missing when the gateway has no Redis', async () => {
    const bare = await startTestGraph([territoryService], { production: true });
    try {
      const { platformStatus: status } = await bare.data<Status>(STATUS, {}, SECRETARIAT);
      expect(status.state).toBe('DEGRADED');
      expect(status.queuesAnswering).toBe(false);
      expect(status.summary).toMatch(/no hay Redis configurado/);
    } finally {
      await bare.stop();
    }
  });
});
