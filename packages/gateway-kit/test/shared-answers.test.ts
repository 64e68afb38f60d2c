import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { createErrorFormatter, serveHttp } from '@participa/subgraph-kit';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shareIdenticalQueries } from '../src/shared-answers.ts';

interface Context {
  caller: string;
  /** A holder, as the gateway's: Apollo runs each operation on a shallow copy of the context. */
  usage: { cost?: number };
}

/**
 * A server whose resolvers count their runs and answer after a pause, so requests overlap; its
 * callers have a request budget and a cost budget kept here, like the gateway's.
 */
let runs = 0;
let requestsLeft = 0;
let costLeft = 0;
const OPERATION_COST = 5;
const refusal = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } });

const apollo = new ApolloServer<Context>({
  // The gateway's: a refusal from the context reads as the refusal itself.
  formatError: createErrorFormatter(true),
  typeDefs: 'type Query { workshops: [String!]! } type Mutation { register: Int! }',
  resolvers: {
    Query: {
      workshops: async (_: unknown, __: unknown, context: Context) => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return [`Taller para ${context.caller}`];
      },
    },
    Mutation: { register: () => ++runs },
  },
  plugins: [
    {
      async requestDidStart() {
        return {
          // Stands in for the gateway's operation limits: the cost is spent, then recorded.
          async didResolveOperation({ contextValue }) {
            if (costLeft < OPERATION_COST) throw refusal('costo');
            costLeft -= OPERATION_COST;
            contextValue.usage.cost = OPERATION_COST;
          },
        };
      },
    },
  ],
});

/** The caller is its token, or `anonymous` without one. */
const admit = async (req: IncomingMessage) => {
  if (requestsLeft <= 0) throw refusal('solicitudes');
  requestsLeft -= 1;
  return req.headers.authorization ?? 'anonymous';
};
let url = '';
let close: () => Promise<void>;
beforeAll(async () => {
  await apollo.start();
  const server = await serveHttp<Context>({
    apollo,
    port: 0,
    context: async (req) => ({ caller: await admit(req), usage: {} }),
    execute: shareIdenticalQueries<string, Context>({
      admit,
      contextFor: async (caller) => ({ caller, usage: {} }),
      costOf: (context) => context.usage.cost,
      spendCost: async (_caller, cost) => {
        if (costLeft < cost) throw refusal('costo');
        costLeft -= cost;
      },
    }),
  });
  url = server.url;
  close = async () => {
    await server.close();
    await apollo.stop();
  };
});
afterAll(() => close());
beforeEach(() => {
  runs = 0;
  requestsLeft = 1_000;
  costLeft = 1_000;
});

async function post(query: string, headers: Record<string, string> = {}, operationName?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, operationName }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}
const together = <T>(n: number, ask: () => Promise<T>) => Promise.all(Array.from({ length: n }, ask));

describe('identical queries of one caller in flight', () => {
  it('run once, and every request gets the answer and spends its own budgets', async () => {
    const answers = await together(10, () => post('{ workshops }'));
    expect(runs).toBe(1);
    for (const answer of answers)
      expect(answer).toEqual({ status: 200, body: { data: { workshops: ['Taller para anonymous'] } } });
    expect(requestsLeft).toBe(1_000 - 10);
    expect(costLeft).toBe(1_000 - 10 * OPERATION_COST);
  });

  it('refuse a follower past its request budget, as Apollo answers a refusal', async () => {
    requestsLeft = 3;
    const answers = await together(5, () => post('{ workshops }'));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.body.errors).toMatchObject([
      { message: 'solicitudes', extensions: { code: 'RATE_LIMITED' } },
    ]);
    expect(runs).toBe(1);
  });

  it('refuse a follower past its cost budget', async () => {
    costLeft = 3 * OPERATION_COST;
    const answers = await together(5, () => post('{ workshops }'));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 429, 429]);
    expect(answers.find((a) => a.status === 429)!.body.errors).toMatchObject([
      { message: 'costo', extensions: { code: 'RATE_LIMITED' } },
    ]);
  });

  it('are not shared when the leader was refused: each follower runs on its own', async () => {
    costLeft = OPERATION_COST - 1;
    const answers = await together(3, () => post('{ workshops }'));
    expect(answers.map((a) => a.status)).toEqual([429, 429, 429]);
    // One request each: a follower whose leader was refused is not charged twice.
    expect(requestsLeft).toBe(1_000 - 3);
  });
});

describe('never shared', () => {
  it('of different callers: each token runs with its own identity, one run per token', async () => {
    const answers = await Promise.all([
      post('{ workshops }', { authorization: 'Bearer centro' }),
      post('{ workshops }', { authorization: 'Bearer norte' }),
      post('{ workshops }', { authorization: 'Bearer centro' }),
      post('{ workshops }'),
    ]);
    expect(runs).toBe(3);
    expect(answers.map((a) => a.body.data)).toEqual([
      { workshops: ['Taller para Bearer centro'] },
      { workshops: ['Taller para Bearer norte'] },
      { workshops: ['Taller para Bearer centro'] },
      { workshops: ['Taller para anonymous'] },
    ]);
  });

  it('with a service identity (the platform’s workers)', async () => {
    await together(3, () => post('{ workshops }', { 'x-participa-identity': 'worker' }));
    expect(runs).toBe(3);
  });

  it('a document that holds a mutation, whichever of its operations runs', async () => {
    const answers = await together(3, () => post('mutation { register }'));
    expect(answers.map((a) => a.body.data)).toEqual(
      expect.arrayContaining([{ register: 1 }, { register: 2 }, { register: 3 }]),
    );
    const both = 'query Q { workshops } mutation M { register }';
    const reads = await together(3, () => post(both, {}, 'Q'));
    expect(reads.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(runs).toBe(3 + 3);
  });

  it('once answered: a later request runs again', async () => {
    await post('{ workshops }');
    await post('{ workshops }');
    expect(runs).toBe(2);
  });
});
