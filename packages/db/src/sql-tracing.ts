import { inTrace, markFailed, SpanKind, tracer } from '@participa/tracing';
import type { Sql } from 'postgres';
import { withUnsafe } from './sql-client.ts';

/** Long statements (bulk inserts list hundreds of placeholders) are cut: the shape is what helps. */
const MAX_STATEMENT_CHARS = 2_000;

/** `SELECT`, `INSERT`…: the statement's first keyword, the span's name. */
function operationOf(statement: string): string {
  return /^\s*(?:\(\s*)?([a-z]+)/i.exec(statement)?.[1]?.toUpperCase() ?? 'SQL';
}

interface Settling {
  then: PromiseLike<unknown>['then'];
}

/**
 * A postgres.js client whose statements are spans. postgres.js has no OpenTelemetry instrumentation,
 * and drizzle's logger sees a statement before it runs but never its end, so the client drizzle calls
 * is wrapped instead: `unsafe` (every drizzle statement goes through it) gets a span that ends when
 * the query settles, and `begin`/`savepoint` hand their callbacks a wrapped transaction client. The
 * span carries the statement's text as drizzle built it, with `$1` placeholders and never the
 * parameters' values (they hold names, document numbers, addresses). A statement outside any trace
 * (migrations, polls) makes no span: a trace of one SELECT helps nobody.
 */
export const tracedSql = <T extends Sql>(sql: T): T => withUnsafe(sql, tracedUnsafe);

function tracedUnsafe(target: Sql) {
  return (statement: string, ...rest: unknown[]) => {
    const query = (target.unsafe as (s: string, ...r: unknown[]) => Settling)(statement, ...rest);
    if (!inTrace()) return query;
    const span = tracer.startSpan(operationOf(statement), {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': 'postgresql',
        'db.system.name': 'postgresql',
        'db.operation.name': operationOf(statement),
        'db.query.text': statement.slice(0, MAX_STATEMENT_CHARS),
      },
    });
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      if (error) markFailed(span, error);
      span.end();
    };
    // A postgres.js query is a lazy promise: it runs when awaited, so its `then` is where it
    // settles. Hooking it there (not with an extra `.then` now) keeps it lazy, and keeps
    // `.values()`, which drizzle calls after `unsafe` returns, in effect.
    const then = query.then;
    // biome-ignore lint/suspicious/noThenProperty: the query is a promise; its own then is wrapped
    query.then = function (this: Settling, onFulfilled, onRejected) {
      return then.call(
        this,
        (value) => {
          end();
          return onFulfilled ? onFulfilled(value) : value;
        },
        (error) => {
          end(error);
          if (onRejected) return onRejected(error);
          throw error;
        },
      );
    } as Settling['then'];
    return query;
  };
}
