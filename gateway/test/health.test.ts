import { educationService } from '@participa/education';
import { composeSupergraph, startGateway } from '@participa/gateway-kit';
import { freePort } from '@participa/local-servers';
import { type AnyServiceDefinition, startSubgraph } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';
import { startTestGraph, TEST_SIGNING_SECRET, type TestGraph } from '@participa/testing';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Liveness says a process runs; readiness says it can do its work now. */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService]);
});
afterAll(() => graph?.stop());

describe('readiness of a subgraph', () => {
  it('is ready while its database answers', async () => {
    const response = await fetch(new URL('/ready', graph.subgraphs[0]!.url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, database: 'ok' });
  });

  it('is alive but not ready when its database does not answer', async () => {
    // A pool aimed at a port where no PostgreSQL listens.
    const client = postgres(`postgres://postgres@127.0.0.1:${await freePort()}/nada`, {
      max: 1,
      connect_timeout: 1,
    });
    const subgraph = await startSubgraph(territoryService as AnyServiceDefinition, {
      db: drizzle(client) as never,
      port: 0,
      signingSecret: TEST_SIGNING_SECRET,
    });
    try {
      expect((await fetch(new URL('/health', subgraph.url))).status).toBe(200);
      const ready = await fetch(new URL('/ready', subgraph.url));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ ready: false, database: 'no responde' });
    } finally {
      await subgraph.stop();
      await client.end({ timeout: 1 });
    }
  });
});

describe('status of the platform at the gateway', () => {
  it('stays ready with a subgraph down and names the subgraph that is not ready', async () => {
    const down = `http://127.0.0.1:${await freePort()}/graphql`;
    const gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { definition: territoryService, url: graph.subgraphs[0]!.url },
        { definition: educationService, url: down },
      ]),
      port: 0,
      signingSecret: TEST_SIGNING_SECRET,
      jwtSecret: 'health-test-secret',
      rateLimit: false,
    });
    try {
      expect((await fetch(new URL('/ready', gateway.url))).status).toBe(200);
      const expected = {
        status: 'degraded',
        subgraphs: [
          { name: 'education', ready: false },
          { name: 'territory', ready: true },
        ],
      };
      expect(await gateway.status()).toEqual(expected);
      // Development serves it on the gateway's port; production on the internal one (METRICS_PORT).
      expect(await (await fetch(new URL('/status', gateway.url))).json()).toEqual(expected);
    } finally {
      await gateway.close();
    }
  });
});
