import { jwtVerify, SignJWT } from 'jose';
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
/** One request's worth: the gateway signs a fresh header for every request. */
const LIFETIME_SECONDS = 120;

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
