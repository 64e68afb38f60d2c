import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SERVICES } from '../src/catalog.ts';

/**
 * The README's quick start, as a new user runs it: `npm start` on embedded PGlite with demo data
 * (here on its own ports and data folder), a query through the gateway, Ctrl-C, and a second
 * start on the same data that loads nothing twice.
 */
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'participa-start-'));
const PORT = 5700;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(PORT),
  PARTICIPA_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
};
for (const definition of SERVICES)
  env[`${definition.name.toUpperCase()}_PORT`] = String(definition.defaultPort + 1600);
delete env.DATABASE_URL;

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error('npm start did not answer in time');
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

async function query<T>(body: string): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: body }),
  });
  return ((await response.json()) as { data: T }).data;
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

it('starts every subgraph and the gateway with demo data, stops on Ctrl-C, and restarts without duplicating', async () => {
  const first = await start();
  const before = await query<Counts>(COUNTS);
  expect(await stop(first)).toBe(0);
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
  const after = await query<Counts>(COUNTS);
  expect(await stop(second)).toBe(0);
  expect(after).toEqual(before);
}, 300_000);
