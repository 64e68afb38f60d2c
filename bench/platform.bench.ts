/**
 * The whole platform as `npm start` runs it (embedded PGlite, demo data): time to first answer on
 * a cold and on a warm start, idle memory of every process, and gateway latency of typical reads.
 * Runs on its own ports (offset by 1000) and data folder so it never disturbs a running platform.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSecret, signDevToken } from '@participa/auth';
import { SERVICES } from '../gateway/src/catalog.ts';

const root = path.resolve(import.meta.dirname, '..');
const PORT = 5000;
const url = `http://127.0.0.1:${PORT}/graphql`;

function portEnv(): Record<string, string> {
  // The latency loops send thousands of requests a minute from one address: no rate limit here.
  const env: Record<string, string> = {
    PORT: String(PORT),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    RATE_LIMIT_SIGNED_IN_PER_MINUTE: '1000000',
  };
  for (const definition of SERVICES)
    env[`${definition.name.toUpperCase()}_PORT`] = String(definition.defaultPort + 1000);
  return env;
}

/** Bearer token for the staff-only reads; anonymous otherwise. */
let authorization: string | undefined;

async function query(body: string): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(url, { method: 'POST', headers, body });
  return response.json();
}

const running = new Set<ChildProcess>();
// A failed measurement must not leave the platform running.
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

async function startPlatform(dataDir: string): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, ...portEnv(), PARTICIPA_DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  for (;;) {
    try {
      const result = (await query('{"query":"{ networks { code } }"}')) as { data?: { networks: unknown[] } };
      if (result.data?.networks.length === 5) return { child, ms: performance.now() - started };
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error('platform exited during start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function descendants(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
  return [pid, ...children.flatMap(descendants)];
}

function rssMiB(pids: number[]): number {
  const kib = pids.reduce((sum, pid) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0);
  return Math.round(kib / 1024);
}

async function stop(child: ChildProcess): Promise<number> {
  const started = performance.now();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  return Math.round(performance.now() - started);
}

async function latency(body: string, runs = 200): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await query(body);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query(body);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => Number(samples[Math.floor(q * (samples.length - 1))]!.toFixed(2));
  return { p50: at(0.5), p95: at(0.95) };
}

export default async function platformBench() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'participa-bench-'));
  try {
    const cold = await startPlatform(dataDir);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const processes = descendants(cold.child.pid!);
    const idleRss = rssMiB(processes);
    const networks = await latency(
      JSON.stringify({ query: '{ networks { code name territories { code kind } facilities { name } } }' }),
    );
    const search = await latency(
      JSON.stringify({
        query:
          '{ organizations(filter: { search: "asociacion" }, first: 20) { totalCount edges { node { name territories { code } } } } }',
      }),
    );
    const actorMap = await latency(
      JSON.stringify({
        query:
          '{ actorMap(networkCode: "CENTRO") { actors { name quadrant } relations { from { name } to { name } strength } } }',
      }),
    );
    const plan = await latency(
      JSON.stringify({
        query:
          '{ network(code: "CENTRO") { actionPlans(year: 2023) { progress budgetExecuted activities { title territories { name } responsibleOrganizations { name } workshops { title venue { name } } } } } }',
      }),
    );
    const upcoming = await latency(
      JSON.stringify({
        query:
          '{ workshops(filter: { networkCode: "CENTRO", hasSeatsLeft: true }, first: 10) { totalCount edges { node { title startsAt seatsLeft territory { name } } } } }',
      }),
    );
    authorization = `Bearer ${await signDevToken({ sub: 'bench', roles: ['ese_staff'], network: 'CENTRO' }, readSecret('AUTH_JWT_SECRET'))}`;
    const pqrsPage = await latency(
      JSON.stringify({
        query:
          '{ pqrsList(filter: { networkCode: "CENTRO" }, first: 20) { totalCount edges { node { radicado status dueAt petitioner { fullName } } } } network(code: "CENTRO") { pqrsStats { received answered answeredOnTime overdue } } }',
      }),
    );
    authorization = undefined;
    const stopMs = await stop(cold.child);
    const warm = await startPlatform(dataDir);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const warmRss = rssMiB(descendants(warm.child.pid!));
    await stop(warm.child);
    return {
      'cold start to first answer (ms, migrations + demo data)': Math.round(cold.ms),
      'warm start to first answer (ms)': Math.round(warm.ms),
      'processes (node and esbuild)': processes.length,
      'idle RSS after the first start, all processes (MiB)': idleRss,
      'idle RSS after a restart, all processes (MiB)': warmRss,
      'networks+territories+facilities p50 / p95 (ms)': `${networks.p50} / ${networks.p95}`,
      'organizations search p50 / p95 (ms)': `${search.p50} / ${search.p95}`,
      'actorMap CENTRO p50 / p95 (ms)': `${actorMap.p50} / ${actorMap.p95}`,
      'plan 2023 + activities + comunas + organizations + workshops, 4 subgraphs, p50 / p95 (ms)': `${plan.p50} / ${plan.p95}`,
      'upcoming workshops with seats left p50 / p95 (ms)': `${upcoming.p50} / ${upcoming.p95}`,
      'PQRS page of 20 with petitioners (decrypted) + stats, staff p50 / p95 (ms)': `${pqrsPage.p50} / ${pqrsPage.p95}`,
      'graceful stop on Ctrl-C (ms)': stopMs,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
