import { jwtVerify, SignJWT } from 'jose';
import { expiringCache, MAX_CACHED_CALLERS } from './expiring-cache.ts';
import type { Identity } from './identity.ts';
import { identityFromClaims } from './jwt.ts';
import { checkLifetime, TIME_CHECKS } from './lifetime.ts';

/**
 * The gateway forwards the verified caller to subgraphs in this header, as a short-lived JWS signed
 * with a secret only the gateway and the subgraphs share. A subgraph refuses any request without a
 * valid one, so nobody can reach a subgraph around the gateway's authentication.
 */
export const IDENTITY_HEADER = 'x-participa-identity';
const AUDIENCE = 'participa-subgraphs';
const ISSUER = 'participa-gateway';
/** A header lives two minutes; the gateway reuses one for a caller while most of that is left. */
const LIFETIME_SECONDS = 120;
/** A reused header still has this long to live: more than any request may take (timeouts are shorter). */
const REUSE_MARGIN_SECONDS = 60;

export async function signIdentityHeader(identity: Identity, secret: string): Promise<string> {
  const jwt = new SignJWT({ roles: identity.roles, name: identity.name, network: identity.network })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`);
  if (identity.sub) jwt.setSubject(identity.sub);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** Returns the identity, or null when the header is missing, forged, expired or never expires. */
export async function verifyIdentityHeader(
  header: string | undefined,
  secret: string,
): Promise<Identity | null> {
  if (!header) return null;
  try {
    const { payload } = await jwtVerify(header, new TextEncoder().encode(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      ...TIME_CHECKS,
    });
    checkLifetime(payload, LIFETIME_SECONDS);
    return identityFromClaims(payload);
  } catch {
    return null;
  }
}

/**
 * Signs each caller's header once per minute instead of once per request: an HMAC and a JSON
 * encoding less per request, and identical headers for one identity, which is what lets the
 * gateway share identical in-flight subgraph fetches among the callers it verified as that identity.
 */
export function cachedIdentitySigner(secret: string, now: () => number = Date.now) {
  const headers = expiringCache<string>(MAX_CACHED_CALLERS, now);
  return async (identity: Identity): Promise<string> => {
    const key = JSON.stringify([identity.sub, identity.name, identity.roles, identity.network]);
    const cached = headers.get(key);
    if (cached) return cached;
    const header = await signIdentityHeader(identity, secret);
    headers.set(key, header, now() + (LIFETIME_SECONDS - REUSE_MARGIN_SECONDS) * 1000);
    return header;
  };
}

/**
 * Verifies identity headers, remembering the valid ones until they expire: the gateway sends the
 * same header for a caller for a minute, so a subgraph checks its signature once, not per request.
 * A header that fails is never remembered (it is checked again, and refused again).
 */
export function cachedIdentityVerifier(secret: string, now: () => number = Date.now) {
  const valid = expiringCache<Identity>(MAX_CACHED_CALLERS, now);
  return async (header: string | undefined): Promise<Identity | null> => {
    if (!header) return null;
    const known = valid.get(header);
    if (known) return known;
    const identity = await verifyIdentityHeader(header, secret);
    if (!identity) return null;
    const payload = JSON.parse(Buffer.from(header.split('.')[1]!, 'base64url').toString()) as { exp: number };
    valid.set(header, identity, payload.exp * 1000);
    return identity;
  };
}
