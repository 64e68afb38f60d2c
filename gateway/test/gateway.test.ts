import { randomUUID } from 'node:crypto';
import { signDevToken, signIdentityHeader } from '@participa/auth';
import { CompositionError, composeSupergraph, startGateway } from '@participa/gateway-kit';
import { type AnyServiceDefinition, StartupError } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';
import {
  startTestGraph,
  TEST_JWT_SECRET,
  TEST_SIGNING_SECRET,
  type TestGraph,
  testRedisUrl,
} from '@participa/testing';
import { parse } from 'graphql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SERVICES, subgraphUrl } from '../src/catalog.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService]);
});
afterAll(() => graph?.stop());

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('composition', () => {
  it('composes every subgraph of the catalog without errors', () => {
    const sdl = composeSupergraph(
      SERVICES.map((definition) => ({ definition, url: subgraphUrl(definition) })),
    );
    for (const definition of SERVICES) expect(sdl).toContain(`name: "${definition.name}"`);
    expect(sdl).toContain('type Network');
  });

  it('refuses an input type that two subgraphs define with different fields (composition would drop them)', () => {
    const subgraph = (name: string, sdl: string) => ({
      definition: { name, typeDefs: parse(sdl) } as unknown as AnyServiceDefinition,
      url: `http://${name}/graphql`,
    });
    const clash = () =>
      composeSupergraph([
        subgraph(
          'a',
          'type Query { a(filter: Filter): Int } input Filter { networkCode: String from: Date }',
        ),
        subgraph(
          'b',
          'type Query { b(filter: Filter): Int } input Filter { networkCode: String status: String }',
        ),
      ]);
    expect(clash).toThrow(CompositionError);
    expect(clash).toThrow(/"from" will not be added to "Filter"/);
  });

  it('finds subgraphs on their contract ports unless told otherwise', () => {
    expect(subgraphUrl(territoryService, {})).toBe('http://127.0.0.1:4101/graphql');
    expect(subgraphUrl(territoryService, { TERRITORY_URL: 'http://territory:4101/graphql' })).toBe(
      'http://territory:4101/graphql',
    );
  });
});

describe('identity forwarding', () => {
  const subgraph = () => graph.subgraphs[0]!.url;

  it('refuses a subgraph called directly, without the gateway’s signature', async () => {
    const response = await post(subgraph(), { query: '{ networks { code } }' });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an identity header signed with another secret, even claiming to be the secretariat', async () => {
    const forged = await signIdentityHeader(
      { sub: 'x', name: null, roles: ['secretariat'], network: null },
      'guess',
    );
    const response = await post(
      subgraph(),
      { query: '{ networks { code } }' },
      { 'x-participa-identity': forged },
    );
    expect(response.status).toBe(401);
  });

  it('refuses an identity header with the right signature that never expires or has expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sign = (exp: number | null) => {
      const jwt = new SignJWT({ roles: ['secretariat'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('participa-gateway')
        .setAudience('participa-subgraphs')
        .setIssuedAt(now - 600);
      if (exp !== null) jwt.setExpirationTime(exp);
      return jwt.sign(new TextEncoder().encode(TEST_SIGNING_SECRET));
    };
    for (const header of [await sign(null), await sign(now - 300)]) {
      const response = await post(
        subgraph(),
        { query: '{ networks { code } }' },
        { 'x-participa-identity': header },
      );
      expect(response.status).toBe(401);
    }
  });

  it('accepts the gateway’s signature', async () => {
    const header = await signIdentityHeader(
      { sub: null, name: null, roles: ['citizen'], network: null },
      TEST_SIGNING_SECRET,
    );
    const response = await post(
      subgraph(),
      { query: '{ networks { code } }' },
      { 'x-participa-identity': header },
    );
    const body = (await response.json()) as { data: { networks: unknown[] } };
    expect(body.data.networks).toHaveLength(5);
  });

  it('refuses an expired gateway signature (headers live two minutes, 30 s of clock skew), accepts a recent one', async () => {
    const signedAgo = async (ms: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() - ms);
      try {
        return await signIdentityHeader(
          { sub: 'x', name: null, roles: ['secretariat'], network: null },
          TEST_SIGNING_SECRET,
        );
      } finally {
        vi.useRealTimers();
      }
    };
    const call = async (header: string) =>
      post(subgraph(), { query: '{ networks { code } }' }, { 'x-participa-identity': header });
    expect((await call(await signedAgo(60_000))).status).toBe(200);
    const expired = await call(await signedAgo(151_000));
    expect(expired.status).toBe(401);
    const body = (await expired.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an invalid or expired bearer token at the gateway', async () => {
    const response = await post(
      graph.gatewayUrl,
      { query: '{ networks { code } }' },
      { authorization: 'Bearer abc.def.ghi' },
    );
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0]?.message).toBe('El token de acceso no es válido o expiró.');
  });
});

describe('bearer token lifetime', () => {
  const now = Math.floor(Date.now() / 1000);
  const token = (times: { iat: number; exp?: number }) => {
    const jwt = new SignJWT({ roles: ['secretariat'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u')
      .setIssuedAt(times.iat);
    if (times.exp) jwt.setExpirationTime(times.exp);
    return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
  };

  it.each([
    ['never expires', () => token({ iat: now })],
    ['expired', () => signDevToken({ sub: 'u', roles: ['secretariat'] }, TEST_JWT_SECRET, '-5m')],
    ['lives a year', () => token({ iat: now, exp: now + 365 * 86_400 })],
  ])('refuses a correctly signed token that %s', async (_case, make) => {
    const response = await post(
      graph.gatewayUrl,
      { query: '{ networks { code } }' },
      { authorization: `Bearer ${await make()}` },
    );
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({
      message: 'El token de acceso no es válido o expiró.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('gateway HTTP', () => {
  it('answers GET /health, and queries by GET', async () => {
    const base = graph.gatewayUrl.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const response = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ networks { code } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(((await response.json()) as { data: { networks: unknown[] } }).data.networks).toHaveLength(5);
  });

  it('serves GraphiQL from local files in development', async () => {
    const base = graph.gatewayUrl.replace(/\/graphql$/, '');
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//); // nothing from the internet
    for (const asset of ['/ide/graphiql.js', '/ide/graphiql.css', '/ide/react.js', '/ide/react-dom.js']) {
      const response = await fetch(`${base}${asset}`);
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('opens a shared ?query= link in the IDE, with no placeholder header that would break public queries', async () => {
    const link = `${graph.gatewayUrl}?query=${encodeURIComponent('{ networks { code } }')}`;
    const page = await fetch(link, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("shared.get('query')");
    expect(html).not.toMatch(/defaultHeaders/);
    expect(html).toContain('npm run token -- --role ese_staff --network CENTRO');
  });

  it('tells a body that is not JSON apart from invalid JSON, in Spanish', async () => {
    const plain = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{ networks { code } }',
    });
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /content-type: application\/json/,
    );
    const broken = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ "query": ',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'El cuerpo de la solicitud no es JSON válido.',
    );
  });

  it('names the variable to set when its port is taken, without a stack trace', async () => {
    const taken = Number(new URL(graph.gatewayUrl).port);
    const error = await startGateway({
      supergraphSdl: composeSupergraph([{ definition: territoryService, url: graph.subgraphs[0]!.url }]),
      port: taken,
      jwtSecret: TEST_JWT_SECRET,
      signingSecret: TEST_SIGNING_SECRET,
      production: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      `Port ${taken} is already in use: stop what uses it, or set PORT to another port.`,
    );
  });

  it('refuses bodies over 1 MB', async () => {
    const response = await post(graph.gatewayUrl, {
      query: `{ networks { code } } # ${'x'.repeat(1_100_000)}`,
    });
    expect(response.status).toBe(413);
  });
});

/** `count` gateways over territory with these budgets (several share them through Redis). */
function limitedGateways(
  count: number,
  rateLimit: NonNullable<Parameters<typeof startGateway>[0]['rateLimit']>,
) {
  const supergraphSdl = composeSupergraph([{ definition: territoryService, url: graph.subgraphs[0]!.url }]);
  return Promise.all(
    Array.from({ length: count }, () =>
      startGateway({
        supergraphSdl,
        port: 0,
        jwtSecret: 'rate-limit-test-secret',
        signingSecret: TEST_SIGNING_SECRET,
        rateLimit,
      }),
    ),
  );
}

describe('rate limit', () => {
  it('answers 429 with Retry-After and a Spanish message past an anonymous client’s budget', async () => {
    const gateway = (
      await limitedGateways(1, {
        anonymousPerMinute: 3,
        signedInPerMinute: 100,
        trustProxy: false,
      })
    )[0]!;
    try {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await post(gateway.url, { query: '{ networks { code } }' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await last!.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0]?.message).toMatch(/^Demasiadas solicitudes/);
    } finally {
      await gateway.close();
    }
  });
});

describe('rate limit across replicas', () => {
  it("counts a client's budget in Redis, so two gateways share it", async () => {
    const rateLimit = {
      anonymousPerMinute: 4,
      signedInPerMinute: 100,
      trustProxy: false,
      redisUrl: testRedisUrl(),
      redisKeyPrefix: `test-rate-${randomUUID()}`,
    };
    const replicas = await limitedGateways(2, rateLimit);
    try {
      const statuses: number[] = [];
      for (const replica of [0, 1, 0, 1, 0, 1])
        statuses.push((await post(replicas[replica]!.url, { query: '{ networks { code } }' })).status);
      // Each replica alone would allow 4: together they allow 4.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      for (const replica of replicas) await replica.close();
    }
  });
});

describe('cost budget across replicas', () => {
  it("spends each operation's cost from one budget in Redis, so two gateways refuse once their sum passes it", async () => {
    // `{ networks { code } }` costs 11: networks 1, plus code once for each of 10 assumed networks.
    const rateLimit = {
      anonymousPerMinute: 100,
      signedInPerMinute: 100,
      costPerMinute: 40,
      trustProxy: false,
      redisUrl: testRedisUrl(),
      redisKeyPrefix: `test-cost-${randomUUID()}`,
    };
    const replicas = await limitedGateways(2, rateLimit);
    try {
      const answers: Response[] = [];
      for (const replica of [0, 1, 0, 1])
        answers.push(await post(replicas[replica]!.url, { query: '{ networks { code } }' }));
      // 11 + 11 + 11 = 33 fits in 40; the fourth (44) does not, whichever replica gets it. Each
      // replica alone would have allowed all four of its own (22 of 40).
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      const refused = answers[3]!;
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0]?.message).toMatch(
        /^Sus consultas recientes superan el costo permitido por minuto/,
      );
      // A cheaper operation still fits in what is left (40 - 33 = 7): `{ network(code:) { code } }` costs 2.
      const cheap = await post(replicas[0]!.url, { query: '{ network(code: "CENTRO") { code } }' });
      expect(cheap.status).toBe(200);
    } finally {
      for (const replica of replicas) await replica.close();
    }
  });
});

describe('identical anonymous queries in flight', () => {
  it('run once, yet each spends a request and the operation’s cost from the client’s budgets', async () => {
    // `{ networks { code } }` costs 11: three fit in 40. Five requests fit in the request budget.
    const gateway = (
      await limitedGateways(1, {
        anonymousPerMinute: 5,
        signedInPerMinute: 100,
        costPerMinute: 40,
        trustProxy: false,
      })
    )[0]!;
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => post(gateway.url, { query: '{ networks { code } }' })),
      );
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as {
        data?: { networks: unknown[] };
        errors?: { message: string; extensions: { code: string } }[];
      }[];
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429, 429]);
      for (const body of bodies.filter((b) => b.data)) expect(body.data!.networks).toHaveLength(5);
      const refusals = bodies.flatMap((b) => b.errors ?? []);
      expect(refusals.map((e) => e.extensions.code)).toEqual([
        'RATE_LIMITED',
        'RATE_LIMITED',
        'RATE_LIMITED',
      ]);
      expect(refusals.filter((e) => e.message.startsWith('Demasiadas solicitudes'))).toHaveLength(1);
      expect(refusals.filter((e) => e.message.startsWith('Sus consultas recientes superan'))).toHaveLength(2);
    } finally {
      await gateway.close();
    }
  });
});

describe('production mode', () => {
  it('turns off introspection and the IDE', async () => {
    const supergraphSdl = composeSupergraph([{ definition: territoryService, url: graph.subgraphs[0]!.url }]);
    const gateway = await startGateway({
      supergraphSdl,
      port: 0,
      production: true,
      jwtSecret: 'production-test-secret',
      signingSecret: TEST_SIGNING_SECRET,
    });
    try {
      const response = await post(gateway.url, { query: '{ __schema { types { name } } }' });
      const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
      expect(body.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const ide = await fetch(gateway.url.replace(/\/graphql$/, '/ide'), {
        headers: { accept: 'text/html' },
      });
      expect(ide.status).toBe(404);
      const networks = await post(gateway.url, { query: '{ networks { code } }' });
      expect(((await networks.json()) as { data: { networks: unknown[] } }).data.networks).toHaveLength(5);
    } finally {
      await gateway.close();
    }
  });
});
