/**
 * The whole platform as `npm start` runs it (embedded PostgreSQL server, private Redis, demo data):
 * time to first answer on a cold and on a warm start, idle memory of every process as PSS (RSS
 * would count PostgreSQL's shared memory once per backend), throughput of the networks query
 * sent straight to the territory subgraph and through the gateway, and gateway latency of
 * typical reads. Runs on free ports and its own data folder, never disturbing a running platform.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ANONYMOUS, IDENTITY_HEADER, readSecret, signDevToken, signIdentityHeader } from '@participa/auth';
import { choosePorts, memory, post, startPlatform, stop, throughput } from './platform-process.ts';

const NETWORKS = '{ networks { code name territories { code kind } } }';

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
