// Hive Gateway as the benchmark runs it: its defaults, plus the signed identity header our
// subgraphs require, which the benchmark's client sends and Hive forwards to every subgraph.
import { defineConfig } from '@graphql-hive/gateway';

export const gatewayConfig = defineConfig({
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      'x-participa-identity': request.headers.get('x-participa-identity') ?? undefined,
    }),
  },
  logging: 'error',
});
