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

type StopTimer = (labels: { operation: string }) => void;

function record(operationName: string | null | undefined, codes: string[], stop: StopTimer): void {
  const operation = (operationName ?? 'anonymous').slice(0, 64);
  for (const code of codes) errors.inc({ code });
  requests.inc({ operation, outcome: codes[0] ?? 'ok' });
  stop({ operation });
}

const codeOf = (error: { extensions?: Record<string, unknown> }) =>
  String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');

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
          record(operationName, (sent ?? []).map(codeOf), stop);
        },
      };
    },
  };
}

/**
 * Counts and times a request the gateway answered with the answer of an identical one in flight,
 * without running it through Apollo's pipeline (and so past the plugin above). Its outcome is read
 * from the shared answer's JSON, parsed only when it has errors.
 */
export function countSharedAnswer(
  operationName: string | null | undefined,
  body: string,
  startedAt: number,
): void {
  const codes = body.includes('"errors"')
    ? ((JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] }).errors ?? []).map(codeOf)
    : [];
  record(operationName, codes, ({ operation }) =>
    duration.observe({ operation }, (performance.now() - startedAt) / 1000),
  );
}
