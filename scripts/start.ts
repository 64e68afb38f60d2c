/**
 * `npm start`: every subgraph as its own process, then the gateway (and, as they arrive, the
 * workers). Demo data is loaded by each service on start (idempotent). Ctrl-C stops everything.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { SERVICES, subgraphUrl } from '../gateway/src/catalog.ts';

const children: ChildProcess[] = [];
const gatewayPort = Number(process.env.PORT ?? 4000);
const startedAt = Date.now();

function run(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SERVICE_NAME: name },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} stopped (${signal ?? `exit ${code}`}); stopping the platform.`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForHealth(name: string, url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

let stopping = false;
async function stop(code: number): Promise<never> {
  stopping = true;
  const exits = children
    .filter((child) => child.exitCode === null && child.signalCode === null)
    .map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children) child.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 12_000))]);
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const healthUrl = (url: string) => url.replace(/\/graphql$/, '/health');
  for (const { definition, entry } of SERVICES) run(definition.name, entry);
  await Promise.all(
    SERVICES.map(({ definition }) => waitForHealth(definition.name, healthUrl(subgraphUrl(definition)))),
  );
  run('gateway', 'gateway/src/main.ts');
  await waitForHealth('gateway', `http://127.0.0.1:${gatewayPort}/health`);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(
    `\nParticipa Salud is up in ${seconds}s: http://127.0.0.1:${gatewayPort}/graphql (GraphiQL in a browser)`,
  );
  console.log(
    'Development token: npm run token -- --role ese_staff --network CENTRO. Ctrl-C stops everything.\n',
  );
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
  await stop(1);
}
