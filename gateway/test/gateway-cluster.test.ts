import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@participa/local-servers';
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

/**
 * `GATEWAY_WORKERS=2`: the gateway process forks two whole gateways that share its port, serves
 * the cluster's metrics and status on its internal port, replaces a worker that dies, and leaves
 * none behind when it stops, over a real subgraph.
 */
const root = path.resolve(import.meta.dirname, '../..');
let graph: TestGraph;
let primary: ChildProcess;
let port = 0;
let metricsPort = 0;

beforeAll(async () => {
  graph = await startTestGraph([territoryService]);
  port = await freePort();
  // Two free ports asked in a row can be the same one.
  do metricsPort = await freePort();
  while (metricsPort === port);
  primary = spawn(process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      GATEWAY_WORKERS: '2',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      TERRITORY_URL: graph.subgraphs.find((s) => s.name === 'territory')!.url,
      GATEWAY_SIGNING_SECRET: 'test-gateway-signing-secret',
      AUTH_JWT_SECRET: 'test-jwt-secret',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    },
    stdio: 'ignore',
  });
  await answering();
}, 150_000);
afterAll(async () => {
  if (primary.exitCode === null) primary.kill('SIGKILL');
  await graph?.stop();
});

/** The live node processes the primary forked (its cluster workers), from /proc. */
function workers(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        // After `) `: state, then parent pid. A killed worker not yet reaped is a zombie (Z).
        const [state, parent] = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return parent === String(primary.pid) && state !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function networks(): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ networks { code } }' }),
  });
  const body = (await response.json()) as { data?: { networks: unknown[] } };
  return body.data?.networks.length ?? 0;
}

async function answering(deadlineMs = 120_000) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (primary.exitCode !== null) throw new Error(`gateway exited with ${primary.exitCode}`);
    const internal = await fetch(`http://127.0.0.1:${metricsPort}/health`).catch(() => null);
    if (internal?.ok && workers().length === 2 && (await networks().catch(() => 0)) === 5) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the gateway cluster did not answer in time');
}

it('answers on one port from two worker processes, with the cluster’s metrics and status', async () => {
  expect(workers()).toHaveLength(2);
  const answers = await Promise.all(Array.from({ length: 40 }, networks));
  expect(answers.every((count) => count === 5)).toBe(true);
  expect(answers).toHaveLength(40);

  const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const served = [...metrics.matchAll(/^graphql_requests_total\{[^}]*\} (\d+)/gm)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
  expect(served).toBeGreaterThanOrEqual(40);
  const status = (await (await fetch(`http://127.0.0.1:${metricsPort}/status`)).json()) as {
    subgraphs: { name: string; ready: boolean }[];
  };
  expect(status.subgraphs.find((s) => s.name === 'territory')?.ready).toBe(true);
});

it('replaces a worker that dies, and stops with every worker on SIGTERM', async () => {
  const [first] = workers();
  process.kill(first!, 'SIGKILL');
  await answering(60_000);
  expect(workers()).not.toContain(first);

  const remaining = workers();
  const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
  primary.kill('SIGTERM');
  expect(await exited).toBe(0);
  for (const pid of remaining) expect(() => process.kill(pid, 0)).toThrow();
}, 120_000);
