import { STATUS_CODES } from 'node:http';
import { IDENTITY_HEADER } from '@participa/auth';
import { Agent, request } from 'undici';

/** What Apollo's data source and the gateway read of a subgraph's answer (a subset of `Response`). */
export interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** What Apollo's data source sends: a plain object of lowercase headers and a JSON body. */
export interface SubgraphRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** What the gateway's data sources call to reach a subgraph (the shape of `fetch`). */
export type SubgraphFetcher = (url: string, init: SubgraphRequest) => Promise<SubgraphResponse>;

/** An answer read whole; `json()` parses it again on every call, so each caller gets its own copy. */
function subgraphResponse(
  url: string,
  status: number,
  headers: SubgraphResponse['headers'],
  body: string,
): SubgraphResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_CODES[status] ?? '',
    url,
    headers,
    text: async () => body,
    json: async () => JSON.parse(body),
  };
}

/** Undici gives headers as an object of lowercase names. */
const headerReader = (
  headers: Record<string, string | string[] | undefined>,
): SubgraphResponse['headers'] => ({
  get(name) {
    const value = headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  },
});

/**
 * Undici's `request` on a keep-alive pool per subgraph, with a deadline on the whole call, answer
 * included, so one slow subgraph cannot pile up the gateway's requests; past it the call fails with
 * a `TimeoutError`. Node's `fetch` is the same client wrapped in WHATWG streams, Request and
 * Response objects, about an eighth of the gateway's CPU per request in a profile.
 *
 * The deadline's timer is cleared once the answer is in: `AbortSignal.timeout` fires anyway, and
 * every call left a timer and, when it fired, a `DOMException` with its stack (3-4 % of the
 * gateway's CPU under load).
 */
export function subgraphFetcher(timeoutMs: number, dispatcher: Agent = new Agent()): SubgraphFetcher {
  return async (url, init) => {
    const deadline = init.signal ? undefined : new AbortController();
    const timer =
      deadline &&
      setTimeout(
        () => deadline.abort(new DOMException('The subgraph did not answer in time', 'TimeoutError')),
        timeoutMs,
      );
    try {
      const response = await request(url, {
        method: (init.method ?? 'POST') as 'POST',
        headers: init.headers,
        body: init.body,
        signal: init.signal ?? deadline?.signal,
        dispatcher,
      });
      const body = await response.body.text();
      return subgraphResponse(url, response.statusCode, headerReader(response.headers), body);
    } finally {
      clearTimeout(timer);
    }
  };
}

interface SharedAnswer {
  status: number;
  headers: SubgraphResponse['headers'];
  body: string;
}

/** A subgraph operation that changes something: never shared, never sent once for two callers. */
const MUTATION = /^\s*(?:#[^\n]*\n\s*)*mutation\b/;

/** Whether the text of a subgraph operation (as the gateway writes it) is a mutation. */
export const isMutation = (query: string | undefined): boolean => query !== undefined && MUTATION.test(query);

/**
 * Sends identical subgraph queries that are in flight at the same time once, and gives each
 * waiter its own copy of the answer. Identical means same subgraph, same operation and variables,
 * and the same signed identity header, so a caller only ever shares an answer with callers the
 * gateway vouched for as the very same identity (every anonymous citizen is one identity).
 * Mutations always go out on their own.
 */
export function dedupingFetcher(fetcher: SubgraphFetcher): SubgraphFetcher {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url, init) => {
    const body = init.body;
    if (init.method !== 'POST' || typeof body !== 'string') return fetcher(url, init);
    const query = (JSON.parse(body) as { query?: unknown }).query;
    if (typeof query !== 'string' || isMutation(query)) return fetcher(url, init);
    const key = `${url}\n${init.headers?.[IDENTITY_HEADER] ?? ''}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetcher(url, init)
        .then(async (response) => ({
          status: response.status,
          headers: response.headers,
          body: await response.text(),
        }))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    const answer = await shared;
    return subgraphResponse(url, answer.status, answer.headers, answer.body);
  };
}
