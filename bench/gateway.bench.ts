/**
 * `npm run bench:gateway`: our gateway side by side with Hive Gateway on our own supergraph, one
 * platform (`npm start`: every subgraph on the embedded PostgreSQL server, demo data) behind all of
 * them. Hive runs with its defaults and again with its Rust query planner (`--hive-router-runtime`),
 * installed on demand in bench/hive (its own lockfile, out of the main install). Every reference
 * query must get the same answer from each gateway; then each is loaded in turn (autocannon, 20
 * connections, 3 s warm-up, 10 s window), the whole round twice, keeping each one's better run.
 * Response caches are off on both sides for that. Then the public queries once more against a
 * second gateway of ours with its response cache on, and Hive (both planners) with its own
 * response cache. Last, PQRS intake through our gateway over the five networks, with the radicados
 * checked gap-free.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  type Identity,
  readSecret,
  signDevToken,
  signIdentityHeader,
} from '@participa/auth';
import { composeSupergraph } from '@participa/gateway-kit';
import { freePort } from '@participa/local-servers';
import autocannon from 'autocannon';
import { SERVICES } from '../gateway/src/catalog.ts';
import {
  choosePorts,
  type Load,
  load,
  post,
  startGateway,
  startPlatform,
  stop,
  tree,
} from './platform-process.ts';

const HIVE_DIR = path.resolve(import.meta.dirname, 'hive');

const QUERIES = {
  networks: '{ networks { code name territories { code kind } } }',
  plan: '{ network(code: "CENTRO") { actionPlans(year: 2023) { title progress activities { title territories { name } responsibleOrganizations { name } workshops { title status } } } } }',
  workshops:
    '{ workshops(filter: { from: "2026-01-01T00:00:00Z", hasSeatsLeft: true }, first: 10) { edges { node { title startsAt seatsLeft territory { name network { name } } } } } }',
  staff:
    '{ pqrsList(filter: { networkCode: "CENTRO" }, first: 20) { totalCount edges { node { radicado status dueAt petitioner { fullName } } } } network(code: "CENTRO") { pqrsStats { received answered answeredOnTime overdue } } }',
} as const;
type QueryName = keyof typeof QUERIES;
const PUBLIC_QUERIES: QueryName[] = ['networks', 'plan', 'workshops'];
// Hive's cache keeps an answer this long; ours as long as the subgraphs' hints say (15 s to 5 min).
const HIVE_CACHE_TTL_MS = 15_000;

const STAFF: Identity = { sub: 'bench-staff', name: null, roles: ['ese_staff'], network: 'CENTRO' };

function ensureHive() {
  if (existsSync(path.join(HIVE_DIR, 'node_modules/.bin/hive-gateway'))) return;
  console.log('  installing Hive Gateway in bench/hive (once)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: HIVE_DIR, stdio: 'inherit' });
}

async function startHive(
  supergraph: string,
  port: number,
  rustPlanner: boolean,
  cacheTtlMs = 0,
): Promise<ChildProcess> {
  const args = [
    'supergraph',
    supergraph,
    '--port',
    String(port),
    ...(rustPlanner ? ['--hive-router-runtime'] : []),
  ];
  const child = spawn(path.join(HIVE_DIR, 'node_modules/.bin/hive-gateway'), args, {
    cwd: HIVE_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HIVE_NO_TELEMETRY: '1',
      HIVE_RESPONSE_CACHE_TTL_MS: String(cacheTtlMs),
    },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (child.exitCode !== null) throw new Error('Hive Gateway exited during start');
    try {
      if (((await post(url, '{ __typename }')) as { data?: unknown }).data) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('Hive Gateway did not answer within 60 s');
}

const rssMiB = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      return sum;
    }
  }, 0) >> 10;

/** Our gateway's processes within a process tree (`npm start`'s, or a gateway's own). */
function gatewayPids(root: ChildProcess): number[] {
  return tree(root.pid!).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('gateway/src/main.ts');
    } catch {
      return false;
    }
  });
}

interface Contender {
  name: string;
  url: string;
  /** Headers of an anonymous call and of a staff member of CENTRO. */
  headers(as: 'anonymous' | 'staff'): Promise<Record<string, string>>;
  pids(): number[];
}

const better = (a: Load | undefined, b: Load) => (!a || b.rps > a.rps ? b : a);

/** E-mails the platform has written (development mail: one file each under the data folder). */
const mailsIn = (dataDir: string) => {
  const folder = path.join(dataDir, 'mail');
  return existsSync(folder) ? readdirSync(folder).length : 0;
};

/** Waits for every receipt of `filed` submissions (mails counted from `mailsBefore`); seconds since `since`. */
async function receiptsSent(dataDir: string, mailsBefore: number, filed: number, since = performance.now()) {
  const started = since;
  while (mailsIn(dataDir) - mailsBefore < filed) {
    if (performance.now() - started > 300_000)
      throw new Error(
        `intake: ${mailsIn(dataDir) - mailsBefore} of ${filed} receipts sent 5 min after the burst`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

/**
 * PQRS filed through the gateway over the five networks, as the reference queries are loaded: a 3 s
 * warm-up (its receipts sent before the window opens), then a 10 s window. The radicados must have
 * no gap. The workers (niceness 19) send the receipts on what requests leave: how long after the
 * burst the last one is e-mailed is measured too.
 */
async function intake(gateway: string, secretariat: string, dataDir: string) {
  const networks = ['CENTRO', 'NORTE', 'ORIENTE', 'LADERA', 'SURORIENTE'];
  let n = 0;
  const burst = async (duration: number) => {
    const result = await autocannon({
      url: gateway,
      method: 'POST',
      connections: 20,
      duration,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => {
            n += 1;
            return {
              ...request,
              body: JSON.stringify({
                query: 'mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }',
                variables: {
                  input: {
                    networkCode: networks[n % networks.length],
                    type: 'PETICION',
                    channel: 'WEB',
                    subject: `Solicitud de prueba de carga ${n}`,
                    description: 'Solicito información sobre la entrega de medicamentos.',
                    petitioner: { fullName: 'Persona de prueba', email: `carga${n}@example.org` },
                    idempotencyKey: crypto.randomUUID(),
                  },
                },
              }),
            };
          },
        },
      ],
    });
    if (result.non2xx > 0 || result.errors > 0)
      throw new Error(`intake: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return result;
  };
  const filedSince = async (before: Record<string, number>) =>
    Object.entries(await receivedPerNetwork(gateway, secretariat)).reduce(
      (sum, [network, count]) => sum + count - (before[network] ?? 0),
      0,
    );

  const beforeWarmUp = await receivedPerNetwork(gateway, secretariat);
  const mailsBeforeWarmUp = mailsIn(dataDir);
  await burst(3);
  await receiptsSent(dataDir, mailsBeforeWarmUp, await filedSince(beforeWarmUp));

  const countBefore = await receivedPerNetwork(gateway, secretariat);
  const mailsBefore = mailsIn(dataDir);
  const result = await burst(10);
  const burstEnded = performance.now();
  const filed = await filedSince(countBefore);
  // Every submission gave an address: one receipt each.
  const receiptsSeconds = await receiptsSent(dataDir, mailsBefore, filed, burstEnded);
  // Gap-free: this year's numbers of each network, read back page by page, are exactly 1..n.
  const year = String(new Date().getFullYear());
  for (const network of networks) {
    const numbers = (await radicadosOf(gateway, secretariat, network))
      .filter((radicado) => radicado.split('-')[1] === year)
      .map((radicado) => Number(radicado.split('-')[2]))
      .sort((a, b) => a - b);
    if (numbers.some((number, i) => number !== i + 1))
      throw new Error(`radicados of ${network} ${year} have gaps or repeats (${numbers.length} numbers)`);
  }
  return { perSecond: Math.round(filed / 10), filed, p99: result.latency.p99, receiptsSeconds };
}

async function receivedPerNetwork(gateway: string, secretariat: string) {
  const answer = (await post(gateway, '{ networks { code pqrsStats { received } } }', {
    authorization: secretariat,
  })) as { data: { networks: { code: string; pqrsStats: { received: number } }[] } };
  return Object.fromEntries(answer.data.networks.map((n) => [n.code, n.pqrsStats.received]));
}

async function radicadosOf(gateway: string, secretariat: string, network: string): Promise<string[]> {
  const radicados: string[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: secretariat },
      body: JSON.stringify({
        query: `query ($after: String) { pqrsList(filter: { networkCode: "${network}" }, first: 100, after: $after) { edges { node { radicado } } pageInfo { hasNextPage endCursor } } }`,
        variables: { after },
      }),
    });
    const { data } = (await response.json()) as {
      data: {
        pqrsList: {
          edges: { node: { radicado: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      };
    };
    radicados.push(...data.pqrsList.edges.map((e) => e.node.radicado));
    if (!data.pqrsList.pageInfo.hasNextPage) return radicados;
    after = data.pqrsList.pageInfo.endCursor;
  }
}

export default async function gatewayBench() {
  ensureHive();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'participa-bench-gateway-'));
  const ports = await choosePorts();
  const children: ChildProcess[] = [];
  let platform: Awaited<ReturnType<typeof startPlatform>> | undefined;
  try {
    platform = await startPlatform(ports, dataDir, { RESPONSE_CACHE_MB: '0' });
    const { child: start } = platform;
    const cachedPort = await freePort();
    const oursCached = await startGateway(ports, dataDir, cachedPort, { RESPONSE_CACHE_MB: '64' });
    children.push(oursCached);
    // What coalescing identical queries at the gateway buys: the same gateway without it.
    const plainPort = await freePort();
    const oursPlain = await startGateway(ports, dataDir, plainPort, {
      RESPONSE_CACHE_MB: '0',
      QUERY_COALESCING: 'off',
    });
    children.push(oursPlain);
    const supergraph = path.join(dataDir, 'supergraph.graphql');
    writeFileSync(
      supergraph,
      composeSupergraph(
        SERVICES.map((definition) => ({
          definition,
          url: `http://127.0.0.1:${ports.subgraphs[definition.name]}/graphql`,
        })),
      ),
    );
    const [hivePort, rustPort] = [await freePort(), await freePort()];
    const hive = await startHive(supergraph, hivePort, false);
    children.push(hive);
    const rust = await startHive(supergraph, rustPort, true);
    children.push(rust);
    const [hiveCachedPort, rustCachedPort] = [await freePort(), await freePort()];
    const hiveCached = await startHive(supergraph, hiveCachedPort, false, HIVE_CACHE_TTL_MS);
    children.push(hiveCached);
    const rustCached = await startHive(supergraph, rustCachedPort, true, HIVE_CACHE_TTL_MS);
    children.push(rustCached);

    const signing = readSecret('GATEWAY_SIGNING_SECRET');
    const token = `Bearer ${await signDevToken({ sub: STAFF.sub!, roles: STAFF.roles, network: 'CENTRO' }, readSecret('AUTH_JWT_SECRET'))}`;
    const secretariat = `Bearer ${await signDevToken({ sub: 'bench-secretariat', roles: ['secretariat'] }, readSecret('AUTH_JWT_SECRET'))}`;
    // Hive forwards the identity header the client sends: signed fresh for each run (it lives 2 min).
    const signed = async (as: 'anonymous' | 'staff') => ({
      [IDENTITY_HEADER]: await signIdentityHeader(as === 'staff' ? STAFF : ANONYMOUS, signing),
    });
    const contenders: Contender[] = [
      {
        name: 'ours',
        url: `http://127.0.0.1:${ports.gateway}/graphql`,
        headers: async (as): Promise<Record<string, string>> =>
          as === 'staff' ? { authorization: token } : {},
        pids: () => gatewayPids(start),
      },
      {
        name: 'hive',
        url: `http://127.0.0.1:${hivePort}/graphql`,
        headers: signed,
        pids: () => tree(hive.pid!),
      },
      {
        name: 'hive-rust',
        url: `http://127.0.0.1:${rustPort}/graphql`,
        headers: signed,
        pids: () => tree(rust.pid!),
      },
    ];
    contenders.push({
      ...contenders[0]!,
      name: 'ours-uncoalesced',
      url: `http://127.0.0.1:${plainPort}/graphql`,
      pids: () => gatewayPids(oursPlain),
    });

    const cached: Contender[] = [
      {
        ...contenders[0]!,
        name: 'ours',
        url: `http://127.0.0.1:${cachedPort}/graphql`,
        pids: () => gatewayPids(oursCached),
      },
      {
        ...contenders[1]!,
        url: `http://127.0.0.1:${hiveCachedPort}/graphql`,
        pids: () => tree(hiveCached.pid!),
      },
      {
        ...contenders[2]!,
        url: `http://127.0.0.1:${rustCachedPort}/graphql`,
        pids: () => tree(rustCached.pid!),
      },
    ];

    // Same answers, or the comparison means nothing.
    const everyGateway = [...contenders, ...cached];
    for (const [name, query] of Object.entries(QUERIES)) {
      const as = name === 'staff' ? 'staff' : 'anonymous';
      const answers = await Promise.all(
        everyGateway.map(async (c) => JSON.stringify(await post(c.url, query, await c.headers(as)))),
      );
      for (const [i, answer] of answers.entries())
        if (answer !== answers[0] || answer.includes('"errors"'))
          throw new Error(`${name}: ${everyGateway[i]!.name} answers differently: ${answer.slice(0, 300)}`);
    }

    const best: Record<string, Partial<Record<QueryName | 'direct', Load>>> = {};
    for (let round = 0; round < 2; round++)
      for (const [name, query] of Object.entries(QUERIES) as [QueryName, string][])
        for (const contender of contenders) {
          const as = name === 'staff' ? 'staff' : 'anonymous';
          const measured = await load(contender.url, query, await contender.headers(as));
          best[contender.name] ??= {};
          best[contender.name]![name] = better(best[contender.name]![name], measured);
        }
    const bestCached: Record<string, Partial<Record<QueryName, Load>>> = {};
    for (const name of PUBLIC_QUERIES)
      for (const contender of cached) {
        const measured = await load(contender.url, QUERIES[name], await contender.headers('anonymous'));
        bestCached[contender.name] = { ...bestCached[contender.name], [name]: measured };
      }
    const territory = `http://127.0.0.1:${ports.subgraphs.territory}/graphql`;
    const direct = await load(territory, QUERIES.networks, await signed('anonymous'));
    const rss = Object.fromEntries(contenders.map((c) => [c.name, rssMiB(c.pids())]));
    const intakeFigures = await intake(contenders[0]!.url, secretariat, dataDir);

    const figures: Record<string, number | string> = {};
    for (const name of Object.keys(QUERIES) as QueryName[]) {
      const [ours, hiveDefault, hiveRust] = contenders.map((c) => best[c.name]![name]!) as [Load, Load, Load];
      figures[`${name}: req/s ours / hive / hive-rust`] =
        `${ours.rps} / ${hiveDefault.rps} / ${hiveRust.rps}`;
      figures[`${name}: p50, p99 ms ours / hive / hive-rust`] =
        `${ours.p50}, ${ours.p99} / ${hiveDefault.p50}, ${hiveDefault.p99} / ${hiveRust.p50}, ${hiveRust.p99}`;
      figures[`${name}: ours ÷ hive, ours ÷ hive-rust`] =
        `${(ours.rps / hiveDefault.rps).toFixed(2)}, ${(ours.rps / hiveRust.rps).toFixed(2)}`;
      const plain = best['ours-uncoalesced']![name]!;
      figures[`${name}: ours without coalescing req/s, ÷ hive`] =
        `${plain.rps}, ${(plain.rps / hiveDefault.rps).toFixed(2)}`;
    }
    for (const name of PUBLIC_QUERIES) {
      const [ours, hiveDefault, hiveRust] = cached.map((c) => bestCached[c.name]![name]!) as [
        Load,
        Load,
        Load,
      ];
      figures[`${name}, response caches on: req/s ours / hive / hive-rust`] =
        `${ours.rps} / ${hiveDefault.rps} / ${hiveRust.rps}`;
      figures[`${name}, response caches on: ours ÷ hive, ours ÷ hive-rust`] =
        `${(ours.rps / hiveDefault.rps).toFixed(2)}, ${(ours.rps / hiveRust.rps).toFixed(2)}`;
    }
    figures['pass-through (networks): subgraph directly req/s'] = direct.rps;
    figures['pass-through (networks): ours ÷ subgraph directly'] = (
      best.ours!.networks!.rps / direct.rps
    ).toFixed(2);
    figures['RSS after the runs, MiB ours / hive / hive-rust'] =
      `${rss.ours} / ${rss.hive} / ${rss['hive-rust']}`;
    figures['response caches on: RSS after the runs, MiB ours / hive / hive-rust'] = cached
      .map((c) => rssMiB(c.pids()))
      .join(' / ');
    figures['PQRS intake through ours, 5 networks, 20 connections (submissions/s; target ≥ 500)'] =
      intakeFigures.perSecond;
    figures['PQRS intake p99 (ms), radicados gap-free'] = intakeFigures.p99;
    figures['PQRS intake: every receipt e-mailed, seconds after the burst'] = intakeFigures.receiptsSeconds;
    return figures;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    // Stopped before its data folder goes: the workers write mail files into it until then.
    if (platform && platform.child.exitCode === null) await stop(platform.child);
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}
