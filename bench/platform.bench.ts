/**
 * The whole platform as `npm start` runs it (embedded PostgreSQL server, private Redis, demo data):
 * time to first answer on a cold and on a warm start, idle memory of every process as PSS (RSS
 * would count PostgreSQL's shared memory once per backend), throughput of the networks query
 * sent straight to the territory subgraph and through the gateway, and gateway latency of
 * typical reads. Runs on free ports and its own data folder, never disturbing a running platform.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ANONYMOUS, IDENTITY_HEADER, readSecret, signDevToken, signIdentityHeader } from '@participa/auth';
import { freePort } from '@participa/local-servers';
import autocannon from 'autocannon';
import { SERVICES } from '../gateway/src/catalog.ts';

const root = path.resolve(import.meta.dirname, '..');
const NETWORKS = '{ networks { code name territories { code kind } } }';

interface Ports {
  gateway: number;
  subgraphs: Record<string, number>;
}

async function choosePorts(): Promise<Ports> {
  const subgraphs: Record<string, number> = {};
  for (const definition of SERVICES) subgraphs[definition.name] = await freePort();
  return { gateway: await freePort(), subgraphs };
}

function platformEnv(ports: Ports, dataDir: string): NodeJS.ProcessEnv {
  // The load loops send thousands of requests a minute from one address: no rate limit here.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.gateway),
    PARTICIPA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    RATE_LIMIT_SIGNED_IN_PER_MINUTE: '100000000',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  for (const [name, port] of Object.entries(ports.subgraphs)) {
    env[`${name.toUpperCase()}_PORT`] = String(port);
    delete env[`${name.toUpperCase()}_DATABASE_URL`];
  }
  return env;
}

const running = new Set<ChildProcess>();
// A failed measurement must not leave the platform running.
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

async function startPlatform(ports: Ports, dataDir: string): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: platformEnv(ports, dataDir),
    stdio: 'ignore',
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const gateway = `http://127.0.0.1:${ports.gateway}/graphql`;
  for (;;) {
    try {
      const result = (await post(gateway, '{ networks { code } }')) as { data?: { networks: unknown[] } };
      if (result.data?.networks.length === 5) return { child, ms: performance.now() - started };
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error('platform exited during start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid);
      } catch {
        return false;
      }
    })
    .map(Number);
}
const tree = (pid: number): number[] => [pid, ...childrenOf(pid).flatMap(tree)];

function pssMiB(pids: number[]): number {
  const kib = pids.reduce((sum, pid) => {
    try {
      return sum + Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0);
  return Math.round(kib / 1024);
}

function label(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  // PostgreSQL renames its processes (`postgres: checkpointer`, one per connection…).
  if (path.basename(args[0] ?? '').startsWith('postgres')) return 'postgres (server + backends)';
  if (args[0]?.includes('redis-server')) return 'redis-server';
  const entry = args.find(
    (arg) => /(services\/\w+|gateway|scripts)\/src\/\w+\.ts$/.test(arg) || arg.endsWith('start.ts'),
  );
  if (entry)
    return entry
      .replace(/\/src\//, ' ')
      .replace(/\.ts$/, '')
      .replace(/^services\//, '');
  return path.basename(args[0] ?? String(pid));
}

/**
 * Idle PSS of every process of the platform, by part. The servers run in process groups of their
 * own but are still children of `npm start`, so one walk of its process tree finds everything.
 */
export function memory(start: ChildProcess): Record<string, number> {
  const byPart: Record<string, number> = {};
  for (const pid of tree(start.pid!)) {
    const part = label(pid);
    byPart[part] = (byPart[part] ?? 0) + pssMiB([pid]);
  }
  return byPart;
}

async function stop(child: ChildProcess): Promise<number> {
  const started = performance.now();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  return Math.round(performance.now() - started);
}

/** Requests a second with 20 connections: 3 s warm-up, then a 10 s window. */
async function throughput(url: string, query: string, headers: Record<string, string> = {}): Promise<number> {
  const options = {
    url,
    method: 'POST' as const,
    connections: 20,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  };
  await autocannon({ ...options, duration: 3 });
  const result = await autocannon({ ...options, duration: 10 });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return Math.round(result.requests.average);
}

async function latency(url: string, query: string, headers: Record<string, string> = {}, runs = 200) {
  for (let i = 0; i < 20; i++) await post(url, query, headers);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await post(url, query, headers);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.floor(q * (samples.length - 1))]!.toFixed(2);
  return `${at(0.5)} / ${at(0.95)}`;
}

export default async function platformBench() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'participa-bench-'));
  const ports = await choosePorts();
  const gateway = `http://127.0.0.1:${ports.gateway}/graphql`;
  try {
    const cold = await startPlatform(ports, dataDir);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idle = memory(cold.child);

    const territory = `http://127.0.0.1:${ports.subgraphs.territory}/graphql`;
    // As the gateway calls a subgraph: a signed identity header (an anonymous citizen), valid 2 minutes.
    const identity = await signIdentityHeader(ANONYMOUS, readSecret('GATEWAY_SIGNING_SECRET'));
    const direct = await throughput(territory, NETWORKS, { [IDENTITY_HEADER]: identity });
    const throughGateway = await throughput(gateway, NETWORKS);

    const staff = {
      authorization: `Bearer ${await signDevToken({ sub: 'bench', roles: ['ese_staff'], network: 'CENTRO' }, readSecret('AUTH_JWT_SECRET'))}`,
    };
    const figures = {
      'networks+territories+facilities p50 / p95 (ms)': await latency(
        gateway,
        '{ networks { code name territories { code kind } facilities { name } } }',
      ),
      'organizations search p50 / p95 (ms)': await latency(
        gateway,
        '{ organizations(filter: { search: "asociacion" }, first: 20) { totalCount edges { node { name territories { code } } } } }',
      ),
      'plan 2023 + activities + comunas + organizations + workshops, 4 subgraphs, p50 / p95 (ms)':
        await latency(
          gateway,
          '{ network(code: "CENTRO") { actionPlans(year: 2023) { progress budgetExecuted activities { title territories { name } responsibleOrganizations { name } workshops { title venue { name } } } } } }',
        ),
      'PQRS page of 20 with petitioners (decrypted) + stats, staff p50 / p95 (ms)': await latency(
        gateway,
        '{ pqrsList(filter: { networkCode: "CENTRO" }, first: 20) { totalCount edges { node { radicado status dueAt petitioner { fullName } } } } network(code: "CENTRO") { pqrsStats { received answered answeredOnTime overdue } } }',
        staff,
      ),
    };
    const stopMs = await stop(cold.child);
    const warm = await startPlatform(ports, dataDir);
    await stop(warm.child);

    const total = Object.values(idle).reduce((sum, mib) => sum + mib, 0);
    return {
      'cold start to first answer (ms: initdb, migrations, demo data; target ≤ 8000)': Math.round(cold.ms),
      'warm start to first answer (ms)': Math.round(warm.ms),
      'idle PSS of the whole platform (MiB; target ≤ 700)': total,
      ...Object.fromEntries(Object.entries(idle).map(([part, mib]) => [`idle PSS: ${part} (MiB)`, mib])),
      'networks query straight to the territory subgraph, 20 connections (req/s; target ≥ 800)': direct,
      'networks query through the gateway, 20 connections (req/s)': throughGateway,
      ...figures,
      'graceful stop on Ctrl-C, services then servers (ms)': stopMs,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
