import type { JWTPayload, JWTVerifyOptions } from 'jose';

/** Clocks of the provider, the gateway and the subgraphs may disagree by this much. */
export const CLOCK_SKEW_SECONDS = 30;

/** Longest-lived user token accepted (OIDC access tokens live minutes to hours; dev tokens 12 h). */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export class TokenLifetimeError extends Error {
  override name = 'TokenLifetimeError';
}

/**
 * What jose leaves to the caller: a token must expire (`exp` is required), must not live longer
 * than `maxLifetimeSeconds`, and must not claim to be issued in the future. `exp` and `nbf` are
 * checked by jose itself with the same skew (`clockTolerance`).
 */
export function checkLifetime(
  payload: JWTPayload,
  maxLifetimeSeconds: number,
  now = Math.floor(Date.now() / 1000),
): void {
  if (typeof payload.exp !== 'number') throw new TokenLifetimeError('token has no expiry (exp)');
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS) {
    throw new TokenLifetimeError('token is issued in the future (iat)');
  }
  const start = typeof payload.iat === 'number' ? payload.iat : now;
  if (payload.exp - start > maxLifetimeSeconds + CLOCK_SKEW_SECONDS) {
    throw new TokenLifetimeError(`token lives longer than ${maxLifetimeSeconds} s`);
  }
}

/** Options for jose's `jwtVerify` shared by every verification in the platform. */
export const TIME_CHECKS: JWTVerifyOptions = { requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_SECONDS };
