import type { Sql } from 'postgres';

type Unsafe = (statement: string, ...rest: unknown[]) => unknown;

/**
 * A postgres.js client whose `unsafe` (every drizzle statement goes through it) is `wrap`'s, in
 * transactions and savepoints too: `begin`/`savepoint` hand their callbacks a wrapped client.
 */
export function withUnsafe<T extends Sql>(sql: T, wrap: (target: Sql) => Unsafe): T {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'unsafe') return wrap(target);
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          // begin([options,] callback): the callback receives the transaction's own client.
          const last = args.length - 1;
          const callback = args[last];
          if (typeof callback === 'function')
            args[last] = (tx: Sql) => (callback as (tx: Sql) => unknown)(withUnsafe(tx, wrap));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * Drizzle's statements as named prepared statements: drizzle asks postgres.js to prepare only the
 * queries built with `.prepare(name)`, so every other statement was parsed and planned again by the
 * server, and described again by the client, on every run (the feedback subgraph spent about a
 * fifth of its CPU writing and reading those messages under load). postgres.js keeps each
 * connection's statements by text and prepares them again itself when a migration invalidates one.
 * A statement without parameters keeps the simple protocol (migrations hold several statements).
 */
export const preparedStatements = <T extends Sql>(sql: T): T =>
  withUnsafe(
    sql,
    (target) =>
      (statement, args = [], options = {}) =>
        (target.unsafe as Unsafe)(statement, args, {
          ...(options as object),
          prepare: (args as unknown[]).length > 0,
        }),
  );
