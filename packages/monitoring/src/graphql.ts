import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram } from 'prom-client';
import { registry } from './registry.ts';

const requests = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL requests by operation name and outcome (ok, or the first error code)',
  labelNames: ['operation', 'outcome'] as const,
  registers: [registry],
});
const duration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL request to sending its answer',
  labelNames: ['operation'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
const errors = new Counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors sent, by code',
  labelNames: ['code'] as const,
  registers: [registry],
});

/**
 * Counts and times every request. The operation label is the client's operation name (bounded by
 * the front ends' code), `anonymous` without one; never variables or anything a person typed.
 */
export function graphqlMetricsPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ operationName, errors: sent }) {
          const operation = (operationName ?? 'anonymous').slice(0, 64);
          const codes = (sent ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of codes) errors.inc({ code });
          requests.inc({ operation, outcome: codes[0] ?? 'ok' });
          stop({ operation });
        },
      };
    },
  };
}
