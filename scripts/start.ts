/**
 * `npm start`: PostgreSQL and Redis when none is configured (packages/local-servers), every subgraph
 * as its own process, the workers, then the gateway. Processes are found by convention —
 * `services/<name>/src/main.ts` and `services/<name>/src/worker.ts` — and report readiness over
 * IPC, so this script loads none of their code. Ctrl-C stops the processes, then the servers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { type LocalPlatform, startLocalPlatform } from '@participa/local-servers';

const root = path.resolve(import.meta.dirname, '..');
/**
 * The lowest priority, as `nice -n 19` would start them: the workers run on what requests leave.
 * Under a burst of PQRS, niceness 10 still let them take a quarter of this 2-core machine (intake
 * 220–264/s); at 19 intake filed 286–319/s, and the receipts go out once the burst ends.
 */
const WORKER_NICENESS = 19;
/** V8's semi-space (`--max-semi-space-size`) of the processes on the hot paths; the rest get 2 MiB. */
const YOUNG_GENERATION_MIB: Record<string, number> = { gateway: 16, feedback: 8 };
const children: ChildProcess[] = [];
const names = new Map<ChildProcess, string>();
const startedAt = Date.now();
let stopping = false;
let platform: LocalPlatform | undefined;

/** Starts a process and resolves with its URL once it says it is ready. */
function run(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<string> {
  // A small young generation: idle memory of the whole platform 787 → ~620 MiB PSS, measured by
  // bench/platform.bench.ts (production images size their heaps by their own limits). Not for the
  // gateway, which every request crosses: with 2 MiB, garbage collection took 14 % of its CPU under
  // load, 3 % with V8's default of 16 MiB (for about 60 MiB more when idle). Nor for feedback, which
  // files every PQRS: with 8 MiB it spent 2.0 instead of 2.6 ms of CPU per submission under a burst.
  const youngGeneration = YOUNG_GENERATION_MIB[name] ?? 2;
  const child = spawn(
    process.execPath,
    [`--max-semi-space-size=${youngGeneration}`, '--import', 'tsx', entry],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  children.push(child);
  names.set(child, name);
  // One machine runs everything here: requests come first, the queues drain in the time left
  // (under a burst of PQRS the workers had taken more CPU than the subgraph filing them).
  if (name.endsWith(' worker') && child.pid) setPriority(child.pid, WORKER_NICENESS);
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready') resolve(message.url ?? '');
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`${name} stopped (${signal ?? `exit ${code}`})`));
      if (!stopping) {
        console.error(`[start] ${name} stopped (${signal ?? `exit ${code}`}); stopping the platform.`);
        void stop(1);
      }
    });
  });
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  const exits = running.map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of running) child.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 12_000))]);
  // A process that was killed, or whose shutdown failed, may have left work half done: say so.
  const unclean = running.filter((child) => child.exitCode !== 0);
  for (const child of unclean)
    console.error(
      `[start] ${names.get(child)} did not stop cleanly (${child.signalCode ?? (child.exitCode === null ? 'still running' : `exit ${child.exitCode}`)}).`,
    );
  // The servers go last: the services close their connections first.
  await platform?.stop();
  process.exit(unclean.length > 0 ? Math.max(code, 1) : code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

const services = readdirSync(path.join(root, 'services')).filter((name) =>
  existsSync(path.join(root, 'services', name, 'src', 'main.ts')),
);
const processes = (file: string) =>
  services
    .map((name) => ({ name, entry: path.join('services', name, 'src', file) }))
    .filter(({ entry }) => existsSync(path.join(root, entry)));

try {
  platform = await startLocalPlatform({
    dataDir: path.resolve(root, process.env.PARTICIPA_DATA_DIR ?? '.data'),
    services,
    log: (line) => console.log(`[start] ${line}`),
  });
  const env = { ...process.env, ...platform.env };
  await Promise.all(processes('main.ts').map(({ name, entry }) => run(name, entry, env)));
  if (platform.redis) {
    await Promise.all(processes('worker.ts').map(({ name, entry }) => run(`${name} worker`, entry, env)));
  }
  const url = await run('gateway', 'gateway/src/main.ts', env);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nParticipa Salud is up in ${seconds}s: ${url} (open it in a browser for GraphiQL)`);
  console.log(
    'Development token: npm run token -- --role ese_staff --network CENTRO. Ctrl-C stops everything.\n',
  );
} catch (error) {
  if (!stopping) {
    console.error(`[start] ${(error as Error).message}`);
    await stop(1);
  }
}
