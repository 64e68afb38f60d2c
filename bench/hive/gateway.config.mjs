// Hive Gateway as the benchmark runs it: its defaults, plus the signed identity header our
// subgraphs require, which the benchmark's client sends and Hive forwards to every subgraph.
// With HIVE_RESPONSE_CACHE_TTL_MS set, its own response cache too, one cache entry set per
// identity header (the benchmark's anonymous callers share one; staff get their own).
import { defineConfig } from '@graphql-hive/gateway';

const IDENTITY = 'x-participa-identity';
const ttl = Number(process.env.HIVE_RESPONSE_CACHE_TTL_MS ?? 0);

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      [IDENTITY]: request.headers.get(IDENTITY) ?? undefined,
    }),
  },
  ...(ttl > 0 ? { responseCaching: { session: (request) => request.headers.get(IDENTITY), ttl } } : {}),
  logging: 'error',
});
