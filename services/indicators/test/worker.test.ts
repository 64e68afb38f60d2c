import { randomUUID } from 'node:crypto';
import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { currentMonth } from '@participa/metrics';
import { planningService } from '@participa/planning';
import {
  closeGracefully,
  connectRedis,
  createQueue,
  createWorker,
  INDICATORS_QUEUE,
  upsertSchedulers,
} from '@participa/queue';
import { territoryService } from '@participa/territory';
import { startTestGraph, TEST_SIGNING_SECRET, type TestGraph } from '@participa/testing';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IndicatorsDb } from '../src/db/index.ts';
import { setRunDispatcher } from '../src/dispatch.ts';
import { type IndicatorJobData, indicatorJobProcessor, queueDispatcher } from '../src/jobs.ts';
import { gatewayMetricsSource } from '../src/metrics-source.ts';
import { indicatorsService } from '../src/service.ts';

/** The `indicators` queue and its worker on the machine's Redis, with a key prefix of this file's own. */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `test-indicators-${randomUUID()}`;
let graph: TestGraph;
let connection: Redis;
let queue: Queue<IndicatorJobData>;
let worker: Worker;

beforeAll(async () => {
  graph = await startTestGraph(
    [territoryService, planningService, educationService, feedbackService, indicatorsService],
    { demoData: true },
  );
  const db = graph.databases.indicators!.db as unknown as IndicatorsDb;
  const source = gatewayMetricsSource({ gatewayUrl: graph.gatewayUrl, signingSecret: TEST_SIGNING_SECRET });
  connection = connectRedis(REDIS_URL, { role: 'worker' });
  queue = createQueue<IndicatorJobData>(INDICATORS_QUEUE, { connection, prefix });
  setRunDispatcher(queueDispatcher(queue));
  worker = createWorker(INDICATORS_QUEUE, indicatorJobProcessor(db, source), {
    connection: connection.duplicate(),
    prefix,
  });
});
afterAll(async () => {
  setRunDispatcher(null);
  await queue?.obliterate({ force: true });
  await closeGracefully({
    workers: worker ? [worker] : [],
    queues: queue ? [queue] : [],
    connections: [connection],
  });
  await graph?.stop();
});

const SECRETARIAT = { role: 'secretariat' } as const;
const CENTRO = { role: 'ese_staff', network: 'CENTRO' } as const;

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

it('computeIndicators queues a run that the worker carries out', async () => {
  const { computeIndicators } = await graph.data<{ computeIndicators: { id: string; status: string } }>(
    `mutation { computeIndicators(input: { period: "2026Q3", indicatorCodes: ["PQRS_OPORTUNIDAD"] }) { id status } }`,
    {},
    SECRETARIAT,
  );
  expect(computeIndicators.status).toBe('QUEUED');
  const run = await eventually(
    async () =>
      (
        await graph.data<{
          computationRun: {
            status: string;
            valuesChanged: number | null;
            startedAt: string | null;
            finishedAt: string | null;
          };
        }>(
          `query ($id: ID!) { computationRun(id: $id) { status valuesChanged startedAt finishedAt } }`,
          { id: computeIndicators.id },
          SECRETARIAT,
        )
      ).computationRun,
    (r) => r.status === 'SUCCEEDED' || r.status === 'FAILED',
  );
  expect(run.status).toBe('SUCCEEDED');
  expect(run.valuesChanged).toBeGreaterThan(0);
  expect(new Date(run.finishedAt!) >= new Date(run.startedAt!)).toBe(true);
});

it('shows a PQRS answered through the gateway in the current month within one scheduled cycle', async () => {
  const month = currentMonth(new Date());
  const district = async () =>
    (
      await graph.data<{ indicatorValues: { scope: string; denominator: number | null }[] }>(
        `query ($period: String!) { indicatorValues(filter: { period: $period, indicatorCode: "PQRS_OPORTUNIDAD", scope: DISTRICT }) { scope denominator } }`,
        { period: month },
        SECRETARIAT,
      )
    ).indicatorValues[0];
  // The 15-minute cycle shortened to one second.
  await upsertSchedulers(queue, [
    { id: 'indicators-current-month', every: 1_000, job: { name: 'current-month' } },
  ]);
  const before = await eventually(district, (v) => v !== undefined);
  expect(before).toBeDefined();

  const { pqrsList } = await graph.data<{ pqrsList: { edges: { node: { id: string } }[] } }>(
    `{ pqrsList(filter: { networkCode: "CENTRO", status: RECEIVED }, first: 1) { edges { node { id } } } }`,
    {},
    CENTRO,
  );
  const pqrsId = pqrsList.edges[0]!.node.id;
  await graph.data(
    `mutation ($input: AssignPqrsInput!) { assignPqrs(input: $input) { id } }`,
    { input: { pqrsId, assignee: 'Oficina SIAU' } },
    CENTRO,
  );
  await graph.data(
    `mutation ($input: RespondToPqrsInput!) { respondToPqrs(input: $input) { id } }`,
    { input: { pqrsId, response: 'Respuesta de fondo con las acciones tomadas por la red.' } },
    CENTRO,
  );
  const after = await eventually(district, (v) => v?.denominator === (before!.denominator ?? 0) + 1);
  expect(after?.denominator).toBe((before!.denominator ?? 0) + 1);
  await queue.removeJobScheduler('indicators-current-month');
});
