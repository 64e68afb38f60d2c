import type { IncomingMessage } from 'node:http';
import type { HTTPGraphQLRequest, HTTPGraphQLResponse } from '@apollo/server';
import { IDENTITY_HEADER } from '@participa/auth';
import { countSharedAnswer } from '@participa/monitoring';
import type { RunRequest } from '@participa/subgraph-kit';

/** What sharing needs of the gateway's context. */
export interface Callers<TClient, TContext> {
  /**
   * Checks the caller's token and spends one request from its budget (throws the refusal or the
   * token's rejection); says who it is.
   */
  admit(req: IncomingMessage): Promise<TClient>;
  /** The context of an admitted caller: what the gateway's own context gives it. */
  contextFor(client: TClient): Promise<TContext>;
  /** The cost the operation spent, once run (recorded on its context by the operation limits). */
  costOf(context: TContext): number | undefined;
  /** Spends that cost from another caller's budget (throws the refusal past it). */
  spendCost(client: TClient, cost: number): Promise<void>;
}

interface Leader<TContext> {
  response: HTTPGraphQLResponse;
  context: TContext | undefined;
}

/** Any word that could make an operation a write, anywhere in its text: such requests run alone. */
const WRITE = /\b(?:mutation|subscription)\b/;

const throwing = (error: unknown) => async (): Promise<never> => {
  throw error;
};

/**
 * Identical queries of one caller in flight at the same time get one run through Apollo and share
 * its answer, before the pipeline starts: the in-pipeline coalescing (`coalesceIdenticalQueries`)
 * still parses, hashes, checks and serializes every request; this answers a follower with the
 * leader's serialized answer. One caller means the very same Authorization header (the same token,
 * so the same identity), or none (every anonymous citizen gets the same answer); requests with a
 * service identity (the platform's workers) are never shared. Only POST queries whose text has no
 * `mutation` or `subscription`; identical means the same text, operation name, variables,
 * extensions and Accept.
 *
 * Each follower still spends its own request budget on arrival and the operation's cost from its
 * own cost budget; a refusal reaches it as Apollo would answer it. A leader whose answer is not a
 * plain 200 (a refusal of its own, a bad request) is not shared: the follower then runs on its own.
 */
export function shareIdenticalQueries<TClient, TContext>(callers: Callers<TClient, TContext>) {
  const inFlight = new Map<string, Promise<Leader<TContext>>>();
  return async (
    req: IncomingMessage,
    request: HTTPGraphQLRequest,
    run: RunRequest<TContext>,
  ): Promise<HTTPGraphQLResponse> => {
    const body = request.body as
      | { query?: unknown; operationName?: unknown; variables?: unknown; extensions?: unknown }
      | undefined;
    const service = req.headers[IDENTITY_HEADER] !== undefined;
    if (service || request.method !== 'POST' || typeof body?.query !== 'string' || WRITE.test(body.query))
      return run();
    const key = JSON.stringify([
      req.headers.authorization ?? '',
      req.headers.accept ?? '',
      body.query,
      body.operationName ?? null,
      body.variables ?? null,
      body.extensions ?? null,
    ]);

    const leading = inFlight.get(key);
    if (!leading) {
      let context: TContext | undefined;
      const led = run(async () => {
        context = await callers.contextFor(await callers.admit(req));
        return context;
      }).then((response) => ({ response, context }));
      inFlight.set(key, led);
      try {
        return (await led).response;
      } finally {
        inFlight.delete(key);
      }
    }

    const startedAt = performance.now();
    let client: TClient;
    try {
      client = await callers.admit(req);
    } catch (refusal) {
      return run(throwing(refusal));
    }
    const alone = () => run(() => callers.contextFor(client));
    const leader = await leading.catch(() => undefined);
    const cost = leader?.context === undefined ? undefined : callers.costOf(leader.context);
    if (!leader || cost === undefined || (leader.response.status ?? 200) !== 200) return alone();
    if (leader.response.body.kind !== 'complete') return alone();
    try {
      await callers.spendCost(client, cost);
    } catch (refusal) {
      return run(throwing(refusal));
    }
    countSharedAnswer(
      typeof body.operationName === 'string' ? body.operationName : undefined,
      leader.response.body.string,
      startedAt,
    );
    return leader.response;
  };
}
