import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { feedbackService } from '@participa/feedback';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@participa/local-servers';
import { notificationsService } from '@participa/notifications';
import { startTestGraph, type TestGraph } from '@participa/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmailSender } from '../../services/notifications/src/channels/email.ts';
import type { NotificationsDb } from '../../services/notifications/src/db/index.ts';
import {
  eventually,
  sleep,
  startPipeline,
  startScratchRedis,
  startSmtpReceiver,
} from '../../services/notifications/test/harness.ts';

/**
 * Operations: PostgreSQL (the embedded server, fast shutdown then a start on the same data folder
 * and port) and later Redis (killed, emptied, started on the same port) restart while ten clients
 * submit PQRS through the gateway. Nothing is restarted but the two servers: the subgraphs, the
 * gateway, the outbox relay and the notifications worker must recover by themselves.
 *   - no acknowledged write is lost: every radicado handed out is in the database with its petitioner;
 *   - a submission during the outage fails fast and clearly, with no internal detail (production);
 *     the client retries it with the same idempotency key and gets one radicado, never two;
 *   - requests succeed again soon after each restart; `/ready` of feedback is 503 while PostgreSQL
 *     is down and 200 after;
 *   - every radicado gets exactly one receipt in CENTRO staff's inbox once Redis is back.
 */
const { outboxEvents } = await import('../../services/feedback/src/db/schema.ts');

const CLIENTS = 10;
/** No request may wait longer than this, outage or not. */
const ANSWER_BOUND_MS = 15_000;
/** After a restart, submissions succeed again within this. */
const RECOVERY_BOUND_MS = 10_000;
const CENTRO_STAFF = { role: 'ese_staff', network: 'CENTRO', sub: 'handler-centro' } as const;
const SUBMIT = `mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }`;

const root = mkdtempSync(path.join(tmpdir(), 'participa-restarts-'));
let server: EmbeddedPostgres;
let graph: TestGraph;
let redis: Awaited<ReturnType<typeof startScratchRedis>>;
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let pipeline: Awaited<ReturnType<typeof startPipeline>>;
let databaseUrl: string;

beforeAll(async () => {
  server = await startEmbeddedPostgres({ root });
  await server.ensureDatabases(['participa']);
  databaseUrl = server.url('participa');
  graph = await startTestGraph([feedbackService, notificationsService], { databaseUrl, production: true });
  redis = await startScratchRedis();
  smtp = await startSmtpReceiver();
  pipeline = await startPipeline({
    redisUrl: redis.url,
    prefix: `test-${randomUUID()}`,
    databaseUrl,
    outbox: outboxEvents,
    db: graph.databases.notifications!.db as NotificationsDb,
    sendEmail: createEmailSender({ SMTP_URL: smtp.url }),
  });
}, 120_000);

afterAll(async () => {
  await pipeline?.stop();
  await smtp?.close();
  await redis?.stop();
  await graph?.stop();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

interface Attempt {
  key: string;
  at: number;
  ms: number;
  radicado?: string;
  /** `code: message` of each error, or `HANG`/`NETWORK` when no GraphQL answer came. */
  errors: string[];
}

const petition = (key: string) => ({
  networkCode: 'CENTRO',
  type: 'PETICION',
  subject: `Solicitud ${key.slice(0, 8)}`,
  description: 'Solicito copia de mi historia clínica.',
  channel: 'WEB',
  idempotencyKey: key,
  petitioner: {
    fullName: 'María Fernanda Ocoró',
    documentType: 'CC',
    documentNumber: '31987654',
    email: `persona-${key.slice(0, 8)}@example.com`,
    preferredChannel: 'EMAIL',
  },
});

/** One submission as a browser makes it, bounded: a hang counts as a failure, not a wait. */
async function submit(key: string): Promise<Attempt> {
  const started = Date.now();
  const attempt: Attempt = { key, at: started, ms: 0, errors: [] };
  try {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SUBMIT, variables: { input: petition(key) } }),
      signal: AbortSignal.timeout(ANSWER_BOUND_MS + 5_000),
    });
    const body = (await response.json()) as {
      data?: { submitPqrs?: { radicado: string } | null } | null;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (body.data?.submitPqrs) attempt.radicado = body.data.submitPqrs.radicado;
    attempt.errors = (body.errors ?? []).map((e) => `${e.extensions?.code}: ${e.message}`);
  } catch (error) {
    attempt.errors = [
      (error as Error).name === 'TimeoutError' ? 'HANG' : `NETWORK: ${(error as Error).message}`,
    ];
  }
  attempt.ms = Date.now() - started;
  return attempt;
}

async function ready(url: string): Promise<number> {
  try {
    return (await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 0;
  }
}

it('survives PostgreSQL and Redis restarts under load: no acknowledged write or event lost', async () => {
  const attempts: Attempt[] = [];
  /** Keys whose submission was acknowledged (a radicado), and the radicado each got. */
  const acknowledged = new Map<string, string>();
  const keys: string[] = [];
  let stopLoad = false;
  let stoppedAt = 0;
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (!stopLoad) {
      const key = randomUUID();
      keys.push(key);
      // A client whose submission failed retries it with the same idempotency key until it is
      // acknowledged: a write that committed but whose answer was lost must not be filed twice.
      for (;;) {
        const attempt = await submit(key);
        attempts.push(attempt);
        if (attempt.radicado) {
          acknowledged.set(key, attempt.radicado);
          break;
        }
        // Bounded: a service that never recovers fails the test below instead of hanging it.
        if (stopLoad && Date.now() - stoppedAt > 20_000) break;
        await sleep(200);
      }
      await sleep(50);
    }
  });
  const succeededSince = (t: number) => attempts.some((a) => a.at >= t && a.radicado);
  const feedbackUrl = graph.subgraphs[0]!.url;

  try {
    await eventually(async () => attempts.filter((a) => a.radicado).length >= 20, 20_000);
    expect(await ready(feedbackUrl)).toBe(200);

    // PostgreSQL: fast shutdown (open transactions rolled back, connections cut), then back on the
    // same data folder and port after a few seconds.
    const port = server.port;
    const pgDown = Date.now();
    await server.stop();
    await eventually(async () => (await ready(feedbackUrl)) === 503, 10_000);
    await sleep(3_000);
    server = await startEmbeddedPostgres({ root, port });
    const pgUp = Date.now();
    await eventually(async () => succeededSince(pgUp), RECOVERY_BOUND_MS);
    const pgRecoveredMs = Date.now() - pgUp;
    await eventually(async () => (await ready(feedbackUrl)) === 200, RECOVERY_BOUND_MS);
    const duringPgOutage = attempts.filter((a) => a.at >= pgDown && a.at < pgUp && !a.radicado);

    // Redis: killed (it keeps nothing on disk: every queued job is gone), back on the same port.
    await sleep(2_000);
    await redis.stop();
    await sleep(3_000);
    await redis.start();
    const redisUp = Date.now();
    await eventually(async () => succeededSince(redisUp), RECOVERY_BOUND_MS);
    await sleep(2_000);

    stopLoad = true;
    stoppedAt = Date.now();
    await Promise.all(clients);

    console.log(
      `[restarts] ${attempts.length} attempts, ${acknowledged.size} acknowledged; ` +
        `${duringPgOutage.length} refused while PostgreSQL was down; submissions succeeded ` +
        `${pgRecoveredMs} ms after it restarted; slowest answer ${Math.max(...attempts.map((a) => a.ms))} ms; ` +
        `errors seen: ${JSON.stringify([...new Set(attempts.flatMap((a) => a.errors))].slice(0, 10))}`,
    );

    // The outage was seen, and answered fast and clearly.
    expect(duringPgOutage.length).toBeGreaterThan(0);
    expect(Math.max(...attempts.map((a) => a.ms))).toBeLessThan(ANSWER_BOUND_MS);
    // A database that does not answer is an outage, said as one (DB_CONNECT_TIMEOUT_S, not a bug).
    for (const attempt of duringPgOutage)
      for (const error of attempt.errors)
        expect(error, JSON.stringify(attempt)).toMatch(/^SERVICE_UNAVAILABLE: /);
    for (const attempt of attempts.filter((a) => !a.radicado)) {
      expect(attempt.errors.length, JSON.stringify(attempt)).toBeGreaterThan(0);
      for (const error of attempt.errors) {
        expect(error).not.toMatch(/HANG|NETWORK/);
        // Production: no SQL, host, port, driver or server detail.
        expect(error).not.toMatch(
          new RegExp(`select|insert|update|postgres|ECONN|127\\.0\\.0\\.1|localhost|${port}|terminat`, 'i'),
        );
      }
    }
    // Every key was acknowledged once, with its own radicado.
    expect(acknowledged.size).toBe(keys.length);
    const radicados = [...acknowledged.values()];
    expect(new Set(radicados).size).toBe(radicados.length);

    // No acknowledged write lost, none filed twice: the database holds exactly these, with petitioners.
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ radicado: string; petitioner: boolean }[]>`
        SELECT radicado, petitioner_sealed IS NOT NULL AS petitioner FROM feedback.pqrs`;
      expect(new Set(rows.map((r) => r.radicado))).toEqual(new Set(radicados));
      expect(rows.length).toBe(radicados.length);
      expect(rows.every((r) => r.petitioner)).toBe(true);

      // No event lost, none duplicated: one receipt per radicado in CENTRO's staff inbox.
      const expected = new Set(radicados.map((r) => `Nueva PQRS ${r}`));
      await eventually(async () => {
        const [row] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM notifications.notifications
          WHERE kind = 'pqrs.received' AND inbox = 'role:CENTRO:ese_staff'`;
        return row!.n >= expected.size;
      }, 45_000);
      await eventually(async () => {
        const [row] = await sql<{ n: number }[]>`
          SELECT count(*)::int AS n FROM feedback.outbox_events WHERE done_at IS NULL`;
        return row!.n === 0;
      }, 30_000);
      const staffInbox = await sql<{ title: string; n: number }[]>`
        SELECT title, count(*)::int AS n FROM notifications.notifications
        WHERE kind = 'pqrs.received' AND inbox = 'role:CENTRO:ese_staff' GROUP BY 1`;
      expect(new Set(staffInbox.map((r) => r.title))).toEqual(expected);
      expect(staffInbox.every((r) => r.n === 1)).toBe(true);
    } finally {
      await sql.end();
    }
    // And CENTRO staff see them through the graph (which runs on the restarted server).
    const seen = await graph.data<{ myNotifications: { totalCount: number } }>(
      '{ myNotifications(first: 1) { totalCount } }',
      {},
      CENTRO_STAFF,
    );
    expect(seen.myNotifications.totalCount).toBe(radicados.length);
  } finally {
    stopLoad = true;
    stoppedAt = Date.now();
    await Promise.all(clients);
  }
}, 150_000);
