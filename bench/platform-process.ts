/**
 * The platform as `npm start` runs it, for benchmarks: free ports, its own data folder, a process
 * tree to measure, and an autocannon load. Shared by the platform and gateway benchmarks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@participa/local-servers';
import autocannon from 'autocannon';
import { SERVICES } from '../gateway/src/catalog.ts';

const root = path.resolve(import.meta.dirname, '..');

export interface Ports {
  gateway: number;
  subgraphs: Record<string, number>;
  /** Each worker's /health and /metrics, and the queue dashboard: free ones, not the defaults. */
  workers: Record<string, number>;
  queues: number;
}

export async function choosePorts(): Promise<Ports> {
  const subgraphs: Record<string, number> = {};
  const workers: Record<string, number> = {};
  for (const definition of SERVICES) {
    subgraphs[definition.name] = await freePort();
    workers[definition.name] = await freePort();
  }
  return { gateway: await freePort(), subgraphs, workers, queues: await freePort() };
}

export function platformEnv(
  ports: Ports,
  dataDir: string,
  overrides: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  // The load loops send thousands of requests a minute from one address: no rate limit here.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.gateway),
    PARTICIPA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    RATE_LIMIT_SIGNED_IN_PER_MINUTE: '100000000',
    RATE_LIMIT_COST_PER_MINUTE: '100000000000',
    ...overrides,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  env.QUEUES_PORT = String(ports.queues);
  for (const [name, port] of Object.entries(ports.workers))
    env[`${name.toUpperCase()}_WORKER_PORT`] = String(port);
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

export async function post(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

/** `npm start` on these ports and data folder; `overrides` set more of its environment. */
export function startPlatform(
  ports: Ports,
  dataDir: string,
  overrides: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; ms: number }> {
  return startAnswering('scripts/start.ts', ports.gateway, platformEnv(ports, dataDir, overrides));
}

/** One more gateway of ours, on `port`, over the subgraphs of a running platform. */
export async function startGateway(
  ports: Ports,
  dataDir: string,
  port: number,
  overrides: NodeJS.ProcessEnv = {},
): Promise<ChildProcess> {
  const env = platformEnv(ports, dataDir, { ...overrides, PORT: String(port) });
  return (await startAnswering('gateway/src/main.ts', port, env)).child;
}

async function startAnswering(
  entry: string,
  port: number,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env, stdio: 'ignore' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const gateway = `http://127.0.0.1:${port}/graphql`;
  for (;;) {
    try {
      const result = (await post(gateway, '{ networks { code } }')) as { data?: { networks: unknown[] } };
      if (result.data?.networks.length === 5) return { child, ms: performance.now() - started };
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`${entry} exited during start`);
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
export const tree = (pid: number): number[] => [pid, ...childrenOf(pid).flatMap(tree)];

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

export async function stop(child: ChildProcess): Promise<number> {
  const started = performance.now();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  return Math.round(performance.now() - started);
}

export interface Load {
  /** Requests a second, averaged over the window. */
  rps: number;
  p50: number;
  p99: number;
}

/** 20 connections: 3 s warm-up, then a 10 s window; any non-2xx answer or error fails the run. */
export async function load(url: string, query: string, headers: Record<string, string> = {}): Promise<Load> {
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
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

/** Requests a second with 20 connections (see `load`). */
export const throughput = async (url: string, query: string, headers: Record<string, string> = {}) =>
  (await load(url, query, headers)).rps;
