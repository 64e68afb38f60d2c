import type { IncomingMessage } from 'node:http';
import type { Identity } from '@participa/auth';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Requests a minute for each anonymous client address (citizens submitting PQRS, signing up). */
  anonymousPerMinute: number;
  /** Requests a minute for each signed-in user (front ends of the networks, workers). */
  signedInPerMinute: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
}

export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitOptions {
  return {
    anonymousPerMinute: Number(env.RATE_LIMIT_ANONYMOUS_PER_MINUTE ?? 300),
    signedInPerMinute: Number(env.RATE_LIMIT_SIGNED_IN_PER_MINUTE ?? 1200),
    trustProxy: env.TRUST_PROXY === 'true',
  };
}

/**
 * Per-client request budget at the gateway, in memory (each gateway instance counts its own;
 * behind several instances the effective limit is the sum). Over budget → HTTP 429 with
 * Retry-After and a Spanish message, before any subgraph is called.
 */
export function createRateLimiter(options: RateLimitOptions) {
  const anonymous = new RateLimiterMemory({ points: options.anonymousPerMinute, duration: 60 });
  const signedIn = new RateLimiterMemory({ points: options.signedInPerMinute, duration: 60 });

  const clientAddress = (req: IncomingMessage): string => {
    const forwarded = options.trustProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    return forwarded || req.socket.remoteAddress || 'unknown';
  };

  return async (req: IncomingMessage, identity: Identity): Promise<void> => {
    const [limiter, key] = identity.sub
      ? [signedIn, `user:${identity.sub}`]
      : [anonymous, `ip:${clientAddress(req)}`];
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new GraphQLError(`Demasiadas solicitudes. Intente de nuevo en ${retryAfter} segundos.`, {
        extensions: {
          code: 'RATE_LIMITED',
          http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) },
        },
      });
    }
  };
}
