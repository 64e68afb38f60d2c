import { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coalesceIdenticalQueries } from '../src/coalesce.ts';

interface Context {
  identityHeader: string;
}

/** A server whose resolvers count their runs and answer after a pause, so requests overlap. */
let runs = { workshops: 0, register: 0 };
const server = new ApolloServer<Context>({
  typeDefs: `
    type Query { workshops(network: String): [String!]! failing: String }
    type Mutation { register: Int! }
  `,
  resolvers: {
    Query: {
      workshops: async (_: unknown, args: { network?: string }, context: Context) => {
        runs.workshops += 1;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return [`Taller de ${args.network ?? 'todas las redes'} para ${context.identityHeader}`];
      },
      failing: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('falla');
      },
    },
    Mutation: {
      register: async () => {
        runs.register += 1;
        const number = runs.register;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return number;
      },
    },
  },
  plugins: [coalesceIdenticalQueries<Context>()],
});
beforeAll(() => server.start());
afterAll(() => server.stop());

async function ask(query: string, identityHeader: string, variables?: Record<string, unknown>) {
  const response = await server.executeOperation({ query, variables }, { contextValue: { identityHeader } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult;
}

describe('identical queries in flight', () => {
  it('of one caller run once, and every request gets the answer', async () => {
    runs = { workshops: 0, register: 0 };
    const answers = await Promise.all(Array.from({ length: 10 }, () => ask('{ workshops }', 'citizen')));
    expect(runs.workshops).toBe(1);
    for (const answer of answers)
      expect(answer.data).toEqual({ workshops: ['Taller de todas las redes para citizen'] });
  });

  it('of different callers, or with different variables, run on their own', async () => {
    runs = { workshops: 0, register: 0 };
    const query = 'query ($n: String) { workshops(network: $n) }';
    const [centro, norte, other] = await Promise.all([
      ask(query, 'staff-centro', { n: 'CENTRO' }),
      ask(query, 'staff-norte', { n: 'CENTRO' }),
      ask(query, 'staff-centro', { n: 'NORTE' }),
    ]);
    expect(runs.workshops).toBe(3);
    expect(centro!.data).toEqual({ workshops: ['Taller de CENTRO para staff-centro'] });
    expect(norte!.data).toEqual({ workshops: ['Taller de CENTRO para staff-norte'] });
    expect(other!.data).toEqual({ workshops: ['Taller de NORTE para staff-centro'] });
  });

  it('are not remembered once answered: a later request runs again', async () => {
    runs = { workshops: 0, register: 0 };
    await ask('{ workshops }', 'citizen');
    await ask('{ workshops }', 'citizen');
    expect(runs.workshops).toBe(2);
  });

  it('share an error as well, and leave no waiter behind', async () => {
    const answers = await Promise.all(Array.from({ length: 3 }, () => ask('{ failing }', 'citizen')));
    for (const answer of answers) expect(answer.errors?.[0]?.message).toBe('falla');
    expect((await ask('{ workshops }', 'citizen')).data).toBeDefined();
  });

  it('never include mutations: each runs', async () => {
    runs = { workshops: 0, register: 0 };
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => ask('mutation { register }', 'citizen')),
    );
    expect(runs.register).toBe(4);
    expect(answers.map((answer) => (answer.data as { register: number }).register).sort()).toEqual([
      1, 2, 3, 4,
    ]);
  });
});
