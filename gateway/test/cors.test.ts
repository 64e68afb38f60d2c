import { corsPolicyFromEnv } from '@participa/gateway-kit';
import { StartupError } from '@participa/subgraph-kit';
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const FRONT = 'https://portal.redcentro.example';
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService], {
    production: true,
    gateway: { cors: { origins: [FRONT], maxAgeSeconds: 600 } },
  });
});
afterAll(() => graph?.stop());

const preflight = (origin: string) =>
  fetch(graph.gatewayUrl, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

describe('CORS for browser front ends', () => {
  it('answers a listed origin’s preflight with the methods, headers and cache time, no credentials', async () => {
    const response = await preflight(FRONT);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-max-age')).toBe('600');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('gives another origin nothing that would let its page read the answer', async () => {
    const response = await preflight('https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ networks { code } }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets a listed origin read an operation’s answer', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { origin: FRONT, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ networks { code } }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONT);
    expect(((await response.json()) as { data: { networks: unknown[] } }).data.networks).toHaveLength(5);
  });

  it('reads the allow-list from CORS_ORIGINS and refuses an entry that is not an origin', () => {
    expect(corsPolicyFromEnv({ CORS_ORIGINS: `${FRONT}, http://localhost:5173` })).toEqual({
      origins: [FRONT, 'http://localhost:5173'],
      maxAgeSeconds: 7200,
    });
    expect(corsPolicyFromEnv({})).toEqual({ origins: [], maxAgeSeconds: 7200 });
    expect(() => corsPolicyFromEnv({ CORS_ORIGINS: 'https://portal.example/app' })).toThrow(StartupError);
    expect(() => corsPolicyFromEnv({ CORS_ORIGINS: 'portal.example' })).toThrow(/CORS_ORIGINS/);
  });
});
