import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { expiringCache, MAX_CACHED_CALLERS } from './expiring-cache.ts';
import { ANONYMOUS, type Identity, isRole, type Role } from './identity.ts';
import { checkLifetime, MAX_TOKEN_LIFETIME_SECONDS, TIME_CHECKS } from './lifetime.ts';
import { readSecret } from './secrets.ts';

export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export interface TokenVerifierOptions {
  /** HS256 secret (development and tests). */
  secret?: string;
  /** JWKS endpoint of the OIDC provider (production). Takes precedence over `secret`. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Longest lifetime (exp − iat) accepted; tokens without `exp` are always refused. */
  maxLifetimeSeconds?: number;
  now?: () => number;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

/**
 * Verifies `Authorization: Bearer <JWT>`; no header means an anonymous citizen. A valid token is
 * remembered until its `exp`, so a client's requests cost one signature check per token, not one
 * each (a key import and an HMAC or RSA check per request in a profile of the gateway). A token
 * that fails is never remembered. A JWT cannot be revoked before its `exp` anyway.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let key: Uint8Array | JWTVerifyGetKey;
  if (options.jwksUrl) key = createRemoteJWKSet(new URL(options.jwksUrl));
  else if (options.secret) key = new TextEncoder().encode(options.secret);
  else throw new Error('createTokenVerifier needs a secret or a JWKS URL');

  const now = options.now ?? Date.now;
  const verified = expiringCache<Identity>(MAX_CACHED_CALLERS, now);
  return async (authorization) => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match?.[1]) throw new InvalidTokenError('Authorization header is not a Bearer token');
    const token = match[1];
    const known = verified.get(token);
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, {
        issuer: options.issuer,
        audience: options.audience,
        currentDate: new Date(now()),
        ...TIME_CHECKS,
      });
      checkLifetime(
        payload,
        options.maxLifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS,
        Math.floor(now() / 1000),
      );
      const identity = identityFromClaims(payload);
      verified.set(token, identity, payload.exp! * 1000);
      return identity;
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
  };
}

/**
 * The platform's token check as configured: the identity provider's JWKS (`AUTH_JWKS_URL`, with
 * `AUTH_ISSUER` and `AUTH_AUDIENCE`), else HS256 development tokens under `AUTH_JWT_SECRET`.
 */
export function tokenVerifierFromEnv(
  overrides: { jwksUrl?: string; secret?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): TokenVerifier {
  const jwksUrl = overrides.jwksUrl ?? env.AUTH_JWKS_URL;
  return createTokenVerifier(
    jwksUrl
      ? { jwksUrl, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }
      : { secret: overrides.secret ?? readSecret('AUTH_JWT_SECRET', env) },
  );
}

export function identityFromClaims(payload: JWTPayload): Identity {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
  if (roles.length === 0) throw new InvalidTokenError('token has no known role');
  const network = typeof payload.network === 'string' ? payload.network : null;
  if (roles.some((role) => role === 'ese_staff' || role === 'ese_admin') && !network) {
    throw new InvalidTokenError('ESE roles need a network claim');
  }
  return {
    sub: typeof payload.sub === 'string' ? payload.sub : null,
    name: typeof payload.name === 'string' ? payload.name : null,
    roles,
    network,
  };
}

export interface DevTokenClaims {
  sub: string;
  name?: string;
  roles: Role[];
  network?: string;
}

/** Signs an HS256 token as the OIDC provider would (development and tests only). */
export async function signDevToken(
  claims: DevTokenClaims,
  secret: string,
  expiresIn = '12h',
): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
