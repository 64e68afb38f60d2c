import type { IncomingMessage } from 'node:http';
import type { Identity } from '@participa/auth';
import { Counter, registry } from '@participa/monitoring';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Requests a minute for each anonymous client address (citizens submitting PQRS, signing up). */
  anonymousPerMinute: number;
  /** Requests a minute for each signed-in user (front ends of the networks, workers). */
  signedInPerMinute: number;
  /**
   * Cost points a minute for each client (anonymous address or signed-in user): each operation
   * spends its estimated cost (`checkOperation`, the same that `QUERY_MAX_COST` bounds per
   * operation). Unset: no cost budget.
   */
  costPerMinute?: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /**
   * Where budgets are counted, so they hold across gateway replicas: `REDIS_URL`'s Redis. Without
   * one, each gateway counts its own in memory.
   */
  redisUrl?: string;
  /** Prefix of the budgets' keys in Redis (tests sharing one Redis keep theirs apart). */
  redisKeyPrefix?: string;
}

export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  return {
    anonymousPerMinute: Number(env.RATE_LIMIT_ANONYMOUS_PER_MINUTE ?? 300),
    signedInPerMinute: Number(env.RATE_LIMIT_SIGNED_IN_PER_MINUTE ?? 1200),
    costPerMinute: Number(env.RATE_LIMIT_COST_PER_MINUTE ?? 250_000),
    trustProxy: env.TRUST_PROXY === 'true',
    redisUrl: env.REDIS_URL?.trim() || undefined,
  };
}

const refusals = new Counter({
  name: 'rate_limit_refusals_total',
  help: 'Requests refused with RATE_LIMITED, by kind of client and budget (requests or cost)',
  labelNames: ['client', 'budget'] as const,
  registers: [registry],
});

/** Who a budget is counted for: `user:<sub>` or `ip:<address>`. */
export interface RateClient {
  key: string;
  signedIn: boolean;
}

export interface RateLimiter {
  /** Spends one request of the client's budget (refused with RATE_LIMITED past it); says who it is. */
  (req: IncomingMessage, identity: Identity): Promise<RateClient>;
  /** Spends an operation's cost from the client's cost budget, when there is one. */
  spendCost(client: RateClient, cost: number): Promise<void>;
  /** Settles once Redis answers, or after 2 s without it (budgets then start in memory). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * One budget: in Redis when there is one (shared by every replica), with an in-memory budget
 * standing in while Redis does not answer, so an outage of Redis never blocks or frees everyone.
 */
function budget(points: number, keyPrefix: string, redis: Redis | undefined): RateLimiterAbstract {
  const local = new RateLimiterMemory({ points, duration: 60 });
  if (!redis) return local;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix,
    points,
    duration: 60,
    insuranceLimiter: local,
  });
}

interface Verdict {
  fits: boolean;
  msBeforeNext: number;
}
type BatchedCharge = (key: string, points: number) => Promise<Verdict>;

/**
 * Charges to one client's budget that arrive while a charge of theirs is on its way to Redis wait
 * and go together in the next call, as one sum: one round trip for a burst of concurrent requests
 * of a client instead of one each (the budget's Redis calls were a sixth of the gateway's CPU under
 * load). Every point is still counted in the shared budget. Each charge learns whether it fitted
 * from the count the call returned, in arrival order: the count before the batch plus the points
 * of the charges up to and including its own, against the budget's points.
 */
export function batchedCharge(limiter: RateLimiterAbstract): BatchedCharge {
  interface Waiting {
    points: number;
    settle: (verdict: Verdict) => void;
    fail: (error: unknown) => void;
  }
  const queues = new Map<string, Waiting[]>();
  const send = async (key: string, batch: Waiting[]): Promise<void> => {
    const total = batch.reduce((sum, charge) => sum + charge.points, 0);
    let answer: RateLimiterRes | undefined;
    let error: unknown;
    try {
      answer = await limiter.consume(key, total);
    } catch (rejection) {
      // Refused: the answer still carries the count, this batch included.
      if (rejection instanceof RateLimiterRes) answer = rejection;
      else error = rejection;
    }
    let count = (answer?.consumedPoints ?? 0) - total;
    for (const charge of batch) {
      if (!answer) {
        charge.fail(error);
        continue;
      }
      count += charge.points;
      charge.settle({ fits: count <= limiter.points, msBeforeNext: answer.msBeforeNext });
    }
    const next = queues.get(key)!;
    if (next.length === 0) queues.delete(key);
    else {
      queues.set(key, []);
      await send(key, next);
    }
  };
  return (key, points) =>
    new Promise<Verdict>((settle, fail) => {
      const waiting = queues.get(key);
      if (waiting) return void waiting.push({ points, settle, fail });
      queues.set(key, []);
      void send(key, [{ points, settle, fail }]);
    });
}

/**
 * Per-client request budget at the gateway, counted in Redis when `redisUrl` is set (the limit
 * holds across replicas), else in the instance's memory. Over budget → HTTP 429 with Retry-After
 * and a Spanish message, before any subgraph is called.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  // Commands fail at once while Redis is down (no offline queue): the in-memory budget answers.
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, {
        connectionName: 'gateway-rate-limit',
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
      })
    : undefined;
  // Errors are the insurance limiter's cue; ioredis would otherwise log each one as unhandled.
  redis?.on('error', () => {});
  const prefix = options.redisKeyPrefix ?? 'participa:rate';
  const anonymous = budget(options.anonymousPerMinute, `${prefix}:anonymous`, redis);
  const signedIn = budget(options.signedInPerMinute, `${prefix}:signed-in`, redis);

  const clientAddress = (req: IncomingMessage): string => {
    const forwarded = options.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    return forwarded || req.socket.remoteAddress || 'unknown';
  };

  // One cost budget per client, whatever its kind: a costly operation costs the same from anyone.
  const cost = options.costPerMinute ? budget(options.costPerMinute, `${prefix}:cost`, redis) : undefined;

  const charges = new Map(
    [anonymous, signedIn, cost].flatMap((limiter) => (limiter ? [[limiter, batchedCharge(limiter)]] : [])),
  );

  const spend = async (
    limiter: RateLimiterAbstract,
    client: RateClient,
    points: number,
    kind: 'requests' | 'cost',
  ): Promise<void> => {
    const verdict = await charges.get(limiter)!(client.key, points);
    if (verdict.fits) return;
    // A refused operation runs nothing, so it costs nothing: what is left stays for cheaper ones.
    if (kind === 'cost') await limiter.reward(client.key, points).catch(() => {});
    refusals.inc({ client: client.signedIn ? 'signed-in' : 'anonymous', budget: kind });
    const retryAfter = Math.max(1, Math.ceil(verdict.msBeforeNext / 1000));
    const message =
      kind === 'requests'
        ? `Demasiadas solicitudes. Intente de nuevo en ${retryAfter} segundos.`
        : `Sus consultas recientes superan el costo permitido por minuto. Intente de nuevo en ${retryAfter} segundos, o pida menos datos.`;
    throw new GraphQLError(message, {
      extensions: {
        code: 'RATE_LIMITED',
        http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
      },
    });
  };

  const limit = async (req: IncomingMessage, identity: Identity): Promise<RateClient> => {
    const client: RateClient = identity.sub
      ? { key: `user:${identity.sub}`, signedIn: true }
      : { key: `ip:${clientAddress(req)}`, signedIn: false };
    await spend(client.signedIn ? signedIn : anonymous, client, 1, 'requests');
    return client;
  };
  const spendCost = async (client: RateClient, points: number): Promise<void> => {
    if (cost && points > 0) await spend(cost, client, points, 'cost');
  };
  const ready = redis
    ? Promise.race([
        new Promise<void>((resolve) => redis.once('ready', () => resolve())),
        new Promise<void>((resolve) => setTimeout(resolve, 2_000).unref()),
      ])
    : Promise.resolve();
  return Object.assign(limit, {
    spendCost,
    ready,
    async close() {
      if (redis && redis.status !== 'end') await redis.quit().catch(() => redis.disconnect());
    },
  });
}
