import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Identity } from '@participa/auth';

interface IdentityContext extends BaseContext {
  identity: Identity;
}

// Anonymous callers are citizens without `sub` (`ANONYMOUS`): every one of them is the same caller.
const anonymous = (identity: Identity | undefined) => identity !== undefined && identity.sub === null;

export interface ResponseCache<TContext extends IdentityContext> {
  plugin: ApolloServerPlugin<TContext>;
  /**
   * Called with every subgraph answer: a write to a subgraph whose answers were cached empties the
   * cache, so whoever reads after a change through this gateway reads the change.
   */
  observe(subgraph: string, mutation: boolean, cacheControl: string | null | undefined): void;
}

/**
 * Whole answers to anonymous reads, reused while every part of them is fresh. The subgraphs say
 * what may be cached and for how long (`@cacheControl` on public reference types; anything else,
 * personal data included, is never cached) and send it as `Cache-Control`, which Apollo's gateway
 * folds into one policy per operation. Only anonymous callers read or fill this cache: a signed-in
 * caller's answer may depend on who asks, so it is never stored. Entries live in this replica's
 * memory and expire by their hints (15 s to 5 min); a write through this replica to a subgraph
 * whose answers are cached empties it at once (other replicas wait for the expiry).
 */
export function createResponseCache<TContext extends IdentityContext>(
  maxSizeBytes: number,
): ResponseCache<TContext> {
  const cache = new InMemoryLRUCache({ maxSize: maxSizeBytes });
  const cachedFrom = new Set<string>();
  return {
    plugin: responseCachePlugin<TContext>({
      cache,
      sessionId: async () => null,
      shouldReadFromCache: async ({ contextValue }) => anonymous(contextValue.identity),
      shouldWriteToCache: async ({ contextValue }) => anonymous(contextValue.identity),
    }),
    observe(subgraph, mutation, cacheControl) {
      if (mutation) {
        if (cachedFrom.has(subgraph)) cache.clear();
      } else if (cacheControl?.includes('public') && !/max-age=0\b/.test(cacheControl)) {
        cachedFrom.add(subgraph);
      }
    },
  };
}

/**
 * A signed-in caller's answer goes out `Cache-Control: private`, whatever its parts' hints say,
 * so no shared HTTP cache (a proxy, a CDN) keeps it for someone else.
 */
export function privateForSignedIn<TContext extends IdentityContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue, overallCachePolicy }) {
      if (!anonymous(contextValue.identity)) overallCachePolicy.restrict({ scope: 'PRIVATE' });
    },
  };
}

/** `RESPONSE_CACHE_MB` (default 64); 0 turns the cache off. */
export const responseCacheBytesFromEnv = (env: NodeJS.ProcessEnv = process.env): number =>
  Math.max(0, Number(env.RESPONSE_CACHE_MB ?? 64)) * 1024 * 1024;
