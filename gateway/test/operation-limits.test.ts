import { educationService } from '@participa/education';
import { composeSupergraph, operationLimitsFromEnv, startGateway } from '@participa/gateway-kit';
import { territoryService } from '@participa/territory';
import {
  errorCodes,
  type GraphQLResult,
  startTestGraph,
  TEST_SIGNING_SECRET,
  type TestGraph,
} from '@participa/testing';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let graph: TestGraph;
/** The same supergraph behind a gateway whose subgraphs are all unreachable. */
let isolated: { url: string; close(): Promise<void> };
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService]);
  isolated = await startGateway({
    supergraphSdl: composeSupergraph([
      { definition: territoryService, url: 'http://127.0.0.1:9/graphql' },
      { definition: educationService, url: 'http://127.0.0.1:9/graphql' },
    ]),
    port: 0,
    jwtSecret: 'limits-test-secret',
    signingSecret: TEST_SIGNING_SECRET,
    rateLimit: false,
  });
});
afterAll(async () => {
  await isolated?.close();
  await graph?.stop();
});

async function post(url: string, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResult };
}

/**
 * Each oversized operation is refused with a Spanish message, and refused before any subgraph is
 * called: the gateway whose subgraphs are unreachable gives the same refusal, not an outage.
 */
async function expectRefused(query: string, message: RegExp, variables?: Record<string, unknown>) {
  for (const url of [graph.gatewayUrl, isolated.url]) {
    const { status, body } = await post(url, query, variables);
    expect(status).toBe(400);
    expect(errorCodes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(body.data ?? null).toBeNull();
  }
}

describe('operation limits', () => {
  it('refuses the alias bomb (2,000 aliases of networks { territories })', async () => {
    const bomb = `{ ${Array.from({ length: 2000 }, (_, i) => `n${i}: networks { territories { code name } }`).join(' ')} }`;
    expect(bomb.length).toBeGreaterThan(80_000);
    await expectRefused(bomb, /demasiad(os alias|as operaciones)/);
  });

  it('refuses too many aliases, even spread through fragments', async () => {
    const fragment = `fragment F on Network { ${Array.from({ length: 30 }, (_, i) => `c${i}: code`).join(' ')} }`;
    await expectRefused(`{ networks { ...F ...F } } ${fragment}`, /demasiados alias \(el máximo es 50\)/);
    const fine = await post(graph.gatewayUrl, `{ networks { ...F } } ${fragment}`);
    expect(fine.body.errors).toBeUndefined();
  });

  it('refuses too many root fields', async () => {
    const roots = Array.from(
      { length: 21 },
      (_, i) => `r${i}: __typename n${i}: network(code: "CENTRO") { code }`,
    );
    await expectRefused(`{ ${roots.join(' ')} }`, /demasiad/);
    await expectRefused(
      `{ ${Array.from({ length: 21 }, (_, i) => `n${i}: network(code: "CENTRO") { code }`).join(' ')} }`,
      /demasiadas operaciones a la vez \(21; el máximo es 20\)/,
    );
  });

  it('refuses too broad a selection', async () => {
    const broad = Array.from({ length: 101 }, () => 'code').join(' ');
    await expectRefused(`{ networks { ${broad} } }`, /demasiados campos juntos \(101; el máximo es 100\)/);
  });

  it('estimates cost with pagination: `first` multiplies, also given as a variable', async () => {
    const nested = `query ($n: Int) { workshops(first: $n) { edges { node { id registrations(first: 100) {
      edges { node { id status } } } } } } }`;
    await expectRefused(nested, /demasiado costosa/, { n: 100 });
    const small = await post(graph.gatewayUrl, nested, { n: 5 });
    expect(small.body.errors).toBeUndefined();
  });

  it('refuses operations nested too deeply', async () => {
    const nested = `{ networks { ${'territories { network { '.repeat(6)}code${' } }'.repeat(6)} } }`;
    await expectRefused(nested, /demasiado profunda/);
  });

  it('lets GraphiQL introspect the schema: __schema and __type are exempt from size limits', async () => {
    const { status, body } = await post(graph.gatewayUrl, getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(50);
  });

  it('takes its limits from the environment and refuses nonsense there', () => {
    expect(operationLimitsFromEnv({ QUERY_MAX_ALIASES: '10', QUERY_MAX_COST: '500' })).toMatchObject({
      maxAliases: 10,
      maxCost: 500,
      maxDepth: 12,
    });
    expect(() => operationLimitsFromEnv({ QUERY_MAX_DEPTH: 'doce' })).toThrow(/QUERY_MAX_DEPTH/);
  });
});
