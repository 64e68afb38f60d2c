import { IDENTITY_HEADER } from '@participa/auth';

/** What the gateway's data sources call to reach a subgraph (the WHATWG `fetch` signature). */
export type SubgraphFetcher = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Node's fetch with a deadline on the whole call, answer included, so one slow subgraph cannot
 * pile up the gateway's requests; past it the call fails with a `TimeoutError`.
 */
export function timeoutFetcher(timeoutMs: number, fetcher: SubgraphFetcher = fetch): SubgraphFetcher {
  return (url, init) => fetcher(url, { ...init, signal: init.signal ?? AbortSignal.timeout(timeoutMs) });
}

interface SharedAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/** A subgraph operation that changes something: never shared, never sent once for two callers. */
const MUTATION = /^\s*(?:#[^\n]*\n\s*)*mutation\b/;

/** Whether the text of a subgraph operation (as the gateway writes it) is a mutation. */
export const isMutation = (query: string | undefined): boolean => query !== undefined && MUTATION.test(query);

function identityOf(headers: RequestInit['headers']): string {
  // Apollo's data source passes a plain object with lowercase names; anything else is normalized.
  if (headers && !Array.isArray(headers) && !(headers instanceof Headers))
    return (headers as Record<string, string>)[IDENTITY_HEADER] ?? '';
  return new Headers(headers).get(IDENTITY_HEADER) ?? '';
}

/**
 * Sends identical subgraph queries that are in flight at the same time once, and gives each
 * waiter its own copy of the answer. Identical means same subgraph, same operation and variables,
 * and the same signed identity header, so a caller only ever shares an answer with callers the
 * gateway vouched for as the very same identity (every anonymous citizen is one identity).
 * Mutations always go out on their own.
 */
export function dedupingFetcher(fetcher: SubgraphFetcher = fetch): SubgraphFetcher {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url, init) => {
    const body = init.body;
    if (init.method !== 'POST' || typeof body !== 'string') return fetcher(url, init);
    const query = (JSON.parse(body) as { query?: unknown }).query;
    if (typeof query !== 'string' || isMutation(query)) return fetcher(url, init);
    const key = `${url}\n${identityOf(init.headers)}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetcher(url, init)
        .then(async (response) => ({
          status: response.status,
          statusText: response.statusText,
          headers: [...response.headers],
          body: await response.text(),
        }))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    const answer = await shared;
    return new Response(answer.body, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  };
}
