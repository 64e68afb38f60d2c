import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';

interface SignedContext extends BaseContext {
  /** The identity header the gateway signed for this caller (one per caller per minute). */
  identityHeader: string;
}

interface SharedAnswer {
  status: number | undefined;
  result: FormattedExecutionResult;
}

/**
 * Identical queries of one caller that are in flight at the same time are executed once, and each
 * waiting request gets that answer: the same idea as the subgraph fetches sent once
 * (`dedupingFetcher`), one step earlier, so the gateway's own work (query plan, result shaping) is
 * not repeated either. Nothing is kept once the answer is out: this is not a cache. Identical means
 * the same operation text, operation name and variables under the same signed identity header, so
 * an answer is only ever shared between requests the gateway vouched for as the very same caller
 * (every anonymous citizen is one caller). Mutations always run on their own.
 */
export function coalesceIdenticalQueries<TContext extends SignedContext>(): ApolloServerPlugin<TContext> {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return {
    async requestDidStart() {
      let leading: { key: string; settle: (answer: SharedAnswer) => void } | undefined;
      return {
        async responseForOperation({ operation, queryHash, request, contextValue }) {
          if (operation.operation !== 'query') return null;
          const key = JSON.stringify([
            contextValue.identityHeader,
            queryHash,
            request.operationName ?? null,
            request.variables ?? {},
          ]);
          const shared = inFlight.get(key);
          if (shared) {
            const { status, result } = await shared;
            return {
              http: { status, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: result },
            };
          }
          inFlight.set(
            key,
            new Promise((settle) => {
              leading = { key, settle };
            }),
          );
          return null;
        },
        // Called for every outcome, errors included: no waiter is left hanging.
        async willSendResponse({ response }) {
          if (!leading) return;
          inFlight.delete(leading.key);
          leading.settle({
            status: response.http.status,
            result:
              response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult,
          });
        },
      };
    },
  };
}
