import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { connectTimeoutSeconds, openDatabase } from '@participa/db';
import { composeSupergraph, startGateway } from '@participa/gateway-kit';
import { freePort } from '@participa/local-servers';
import { type AnyServiceDefinition, startSubgraph } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';
import { errorCodes, type GraphQLResult, TEST_JWT_SECRET, TEST_SIGNING_SECRET } from '@participa/testing';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A database that does not answer: connections fail within `DB_CONNECT_TIMEOUT_S` (not the
 * gateway's 10 s subgraph timeout), and the client reads SERVICE_UNAVAILABLE in Spanish, with no
 * driver or server detail, in production.
 */

/** Accepts TCP connections and never says a word: a host that is there but whose PostgreSQL hangs. */
let silent: net.Server;
const sockets = new Set<net.Socket>();
let silentUrl: string;
beforeAll(async () => {
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `postgres://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/nada`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('DB_CONNECT_TIMEOUT_S', () => {
  it('defaults to 5 s and refuses nonsense', () => {
    expect(connectTimeoutSeconds({})).toBe(5);
    expect(connectTimeoutSeconds({ DB_CONNECT_TIMEOUT_S: '2' })).toBe(2);
    expect(() => connectTimeoutSeconds({ DB_CONNECT_TIMEOUT_S: 'pronto' })).toThrow(/DB_CONNECT_TIMEOUT_S/);
  });

  it("bounds how long a service's pool waits for a connection", async () => {
    const before = process.env.DB_CONNECT_TIMEOUT_S;
    process.env.DB_CONNECT_TIMEOUT_S = '1';
    const started = performance.now();
    try {
      await expect(
        openDatabase({
          service: 'territory',
          schema: {},
          migrationsFolder: territoryService.migrationsFolder,
          url: silentUrl,
        }),
      ).rejects.toMatchObject({ code: 'CONNECT_TIMEOUT' });
    } finally {
      if (before === undefined) delete process.env.DB_CONNECT_TIMEOUT_S;
      else process.env.DB_CONNECT_TIMEOUT_S = before;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`[database-outage] openDatabase gave up after ${seconds.toFixed(2)} s (timeout 1 s)`);
    expect(seconds).toBeLessThan(5);
  });
});

describe('a request while the database does not answer', () => {
  for (const [what, url] of [
    ['hangs', () => silentUrl],
    ['refuses connections', async () => `postgres://postgres@127.0.0.1:${await freePort()}/nada`],
  ] as const) {
    it(`answers SERVICE_UNAVAILABLE in Spanish, fast, when the database ${what} (production)`, async () => {
      const client = postgres(await url(), { max: 2, connect_timeout: 1, onnotice: () => {} });
      const subgraph = await startSubgraph(territoryService as AnyServiceDefinition, {
        db: drizzle(client) as never,
        port: 0,
        signingSecret: TEST_SIGNING_SECRET,
        production: true,
      });
      const gateway = await startGateway({
        supergraphSdl: composeSupergraph([{ definition: territoryService, url: subgraph.url }]),
        port: 0,
        production: true,
        jwtSecret: TEST_JWT_SECRET,
        signingSecret: TEST_SIGNING_SECRET,
        rateLimit: false,
        subgraphTimeoutMs: 10_000,
      });
      try {
        const started = performance.now();
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ networks { code } }' }),
        });
        const ms = performance.now() - started;
        const body = (await response.json()) as GraphQLResult;
        console.log(`[database-outage] database ${what}: answered in ${Math.round(ms)} ms`);
        expect(errorCodes(body)).toEqual(['SERVICE_UNAVAILABLE']);
        expect(body.errors?.[0]?.message).toBe(
          'Esta parte de la plataforma no está disponible en este momento. Intente de nuevo en unos minutos.',
        );
        expect(JSON.stringify(body)).not.toMatch(/postgres|CONNECT|ECONN|127\.0\.0\.1|select/i);
        // Well inside the gateway's 10 s subgraph timeout.
        expect(ms).toBeLessThan(5_000);
      } finally {
        await gateway.close();
        await subgraph.stop();
        await client.end({ timeout: 1 });
      }
    });
  }
});
