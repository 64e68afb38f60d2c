import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, isRunning } from '@participa/local-servers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVICES } from '../src/catalog.ts';

/**
 * The README's quick start, as a new user runs it: `npm start` with no DATABASE_URL (the embedded
 * PostgreSQL server, demo data), here on free ports and its own data folder; a query through the
 * gateway, Ctrl-C that leaves no process behind, a second start that loads nothing twice, and a
 * start after `kill -9` of the whole process group that recovers.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'participa-start-'));
const env: NodeJS.ProcessEnv = { ...process.env, PARTICIPA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
// As a user runs it: vitest's NODE_ENV=test would hide what differs outside tests (Apollo Server's
// own signal handlers, for one, which killed the processes before their shutdown steps ran).
delete env.NODE_ENV;
for (const definition of SERVICES) delete env[`${definition.name.toUpperCase()}_DATABASE_URL`];
let port = 0;
/** Services with a worker process (`src/worker.ts`), found as `npm start` finds them. */
const WORKERS = SERVICES.map((d) => d.name).filter((name) =>
  existsSync(path.join(root, 'services', name, 'src', 'worker.ts')),
);

beforeAll(async () => {
  port = await freePort();
  env.PORT = String(port);
  for (const definition of SERVICES) env[`${definition.name.toUpperCase()}_PORT`] = String(await freePort());
  env.QUEUES_PORT = String(await freePort());
  for (const name of WORKERS) env[`${name.toUpperCase()}_WORKER_PORT`] = String(await freePort());
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(): Promise<ChildProcess> {
  // Its own process group, like a terminal's foreground job, so the test can kill the whole group.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env,
    stdio: 'ignore',
    detached: true,
  });
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  process.kill(-child.pid!, 'SIGKILL');
  throw new Error('npm start did not answer in time');
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Ctrl-C in a terminal: SIGINT to every process of the foreground group.
  process.kill(-child.pid!, 'SIGINT');
  return exited;
}

/** The embedded server's pid while it runs (PostgreSQL's own lock file). */
function postgresPid(): number {
  return Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** Niceness of each process of this platform (Linux's /proc) whose command line ends in `suffix`. */
function nicenessOf(suffix: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
        if (!args.at(-1)?.endsWith(suffix) || !environ.includes(`PARTICIPA_DATA_DIR=${dataDir}`)) return [];
        // Field 19 of stat, counted after the command name (which may hold spaces) closes.
        return [Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16])];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function query<T>(body: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: body }),
  });
  return ((await response.json()) as { data: T }).data;
}

const scrape = async (url: string) => {
  const response = await fetch(url);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
};

/** Prometheus's view: every process of the platform answers /metrics with its series. */
async function scrapeEveryProcess() {
  await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ nope }' }),
  });
  const gateway = await scrape(`http://127.0.0.1:${port}/metrics`);
  expect(gateway).toMatch(/graphql_requests_total\{[^}]*outcome="ok"[^}]*process="gateway"/);
  expect(gateway).toMatch(/graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"/);
  expect(gateway).toContain('graphql_request_duration_seconds_bucket');
  expect(gateway).toContain('# TYPE rate_limit_refusals_total counter');
  expect(gateway).toContain('process_cpu_user_seconds_total');
  // The networks query reached territory.
  const territory = await scrape(`http://127.0.0.1:${env.TERRITORY_PORT}/metrics`);
  expect(territory).toMatch(/graphql_requests_total\{[^}]*outcome="ok"[^}]*process="territory"/);
  for (const definition of SERVICES) {
    const subgraph = await scrape(`http://127.0.0.1:${env[`${definition.name.toUpperCase()}_PORT`]}/metrics`);
    expect(subgraph, definition.name).toContain('# TYPE graphql_requests_total counter');
    expect(subgraph, definition.name).toMatch(
      new RegExp(`db_connections\\{[^}]*service="${definition.name}"`),
    );
  }
  for (const name of WORKERS) {
    const worker = await scrape(`http://127.0.0.1:${env[`${name.toUpperCase()}_WORKER_PORT`]}/metrics`);
    expect(worker, name).toContain(`process="${name}-worker"`);
    if (['education', 'feedback', 'planning'].includes(name)) {
      expect(worker, name).toMatch(new RegExp(`outbox_pending_events\\{[^}]*service="${name}"`));
      expect(worker, name).toMatch(new RegExp(`outbox_oldest_pending_seconds\\{[^}]*service="${name}"`));
    }
  }
  const queues = await scrape(`http://127.0.0.1:${env.NOTIFICATIONS_WORKER_PORT}/metrics`);
  expect(queues).toMatch(/queue_jobs\{[^}]*queue="notifications"[^}]*state="failed"/);
  expect(queues).toMatch(/queue_scheduler_lag_seconds\{[^}]*scheduler="digest-daily"/);
}

const COUNTS = `{
  networks { code territories { code } }
  organizations(first: 1) { totalCount }
  workshops(first: 1) { totalCount }
  actionPlans { id }
}`;
interface Counts {
  networks: { code: string; territories: { code: string }[] }[];
  organizations: { totalCount: number };
  workshops: { totalCount: number };
  actionPlans: { id: string }[];
}

it('starts every subgraph and the gateway on the embedded server with demo data, stops on Ctrl-C leaving nothing behind, restarts without duplicating, and recovers after kill -9', async () => {
  const first = await start();
  const before = await query<Counts>(COUNTS);
  await scrapeEveryProcess();
  if (process.platform === 'linux') {
    // The workers take only what requests leave (npm start's niceness 19); the subgraphs do not.
    expect(nicenessOf('src/worker.ts')).toEqual(WORKERS.map(() => 19));
    expect(nicenessOf('src/main.ts')).toEqual([...SERVICES.map(() => 0), 0]);
  }
  const firstPostgres = postgresPid();
  expect(isRunning(firstPostgres, 'postgres')).toBe(true);
  expect(await stop(first)).toBe(0);
  expect(isRunning(firstPostgres, 'postgres')).toBe(false);
  expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
  expect(before.networks.find((n) => n.code === 'CENTRO')?.territories.map((t) => t.code)).toEqual([
    'C08',
    'C09',
    'C10',
    'C11',
    'C12',
  ]);
  expect(before.organizations.totalCount).toBeGreaterThan(0);
  expect(before.workshops.totalCount).toBeGreaterThan(0);
  expect(before.actionPlans.length).toBeGreaterThan(0);

  const second = await start();
  expect(await query<Counts>(COUNTS)).toEqual(before);
  // A crash: the whole group killed at once. The server (its own group) is left behind.
  const orphan = postgresPid();
  const exited = new Promise((resolve) => second.once('exit', resolve));
  process.kill(-second.pid!, 'SIGKILL');
  await exited;
  expect(isRunning(orphan, 'postgres')).toBe(true);

  const third = await start();
  expect(isRunning(orphan, 'postgres')).toBe(false);
  expect(await query<Counts>(COUNTS)).toEqual(before);
  expect(await stop(third)).toBe(0);
}, 400_000);
