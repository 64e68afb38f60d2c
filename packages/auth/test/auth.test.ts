import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  ANONYMOUS,
  CLOCK_SKEW_SECONDS,
  cachedIdentitySigner,
  cachedIdentityVerifier,
  createTokenVerifier,
  type Identity,
  InvalidTokenError,
  isStaffOf,
  MAX_TOKEN_LIFETIME_SECONDS,
  readSecret,
  signDevToken,
  signIdentityHeader,
  verifyIdentityHeader,
} from '../src/index.ts';

const SECRET = 'unit-test-secret';
const verify = createTokenVerifier({ secret: SECRET });

describe('token verification', () => {
  it('treats a request without Authorization as an anonymous citizen', async () => {
    expect(await verify(undefined)).toEqual(ANONYMOUS);
  });

  it('reads sub, name, roles and network from a valid token', async () => {
    const token = await signDevToken(
      { sub: 'u1', name: 'Ana', roles: ['ese_staff'], network: 'CENTRO' },
      SECRET,
    );
    const identity = await verify(`Bearer ${token}`);
    expect(identity).toEqual({ sub: 'u1', name: 'Ana', roles: ['ese_staff'], network: 'CENTRO' });
    expect(isStaffOf(identity, 'CENTRO')).toBe(true);
    expect(isStaffOf(identity, 'NORTE')).toBe(false);
  });

  it.each([
    [
      'a token signed with another secret',
      async () => signDevToken({ sub: 'u', roles: ['secretariat'] }, 'other'),
    ],
    ['an expired token', async () => signDevToken({ sub: 'u', roles: ['secretariat'] }, SECRET, '-1m')],
    ['a token with no known role', async () => signDevToken({ sub: 'u', roles: [] }, SECRET)],
    ['an ESE role without a network', async () => signDevToken({ sub: 'u', roles: ['ese_admin'] }, SECRET)],
    [
      'an unsigned token (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"u","roles":["secretariat"]}').toString('base64url')}.`,
    ],
  ])('rejects %s', async (_case, make) => {
    await expect(verify(`Bearer ${await make()}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('remembers a valid token until it expires and not a moment beyond', async () => {
    let clock = Date.now();
    const remembering = createTokenVerifier({ secret: SECRET, now: () => clock });
    const token = await signDevToken({ sub: 'u', roles: ['secretariat'] }, SECRET, '2m');
    expect((await remembering(`Bearer ${token}`)).sub).toBe('u');
    // Remembered, not checked again: ten minutes earlier its iat would be in the future.
    clock -= 10 * 60_000;
    expect((await remembering(`Bearer ${token}`)).sub).toBe('u');
    clock += 10 * 60_000 + 60_000;
    expect((await remembering(`Bearer ${token}`)).sub).toBe('u');
    // Past exp and the clock skew jose allows: refused, though it was valid (and remembered) before.
    clock += 60_000 + (CLOCK_SKEW_SECONDS + 1) * 1000;
    await expect(remembering(`Bearer ${token}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const signed = (claims: { iat?: number; exp?: number; nbf?: number }) => {
    const jwt = new SignJWT({ roles: ['secretariat'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('u');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    if (claims.nbf !== undefined) jwt.setNotBefore(claims.nbf);
    return jwt.sign(new TextEncoder().encode(SECRET));
  };

  it.each([
    ['a token that never expires (no exp)', () => ({ iat: now() })],
    [
      'a token living longer than the maximum',
      () => ({ iat: now(), exp: now() + MAX_TOKEN_LIFETIME_SECONDS + 3600 }),
    ],
    [
      'a token without iat expiring beyond the maximum',
      () => ({ exp: now() + MAX_TOKEN_LIFETIME_SECONDS + 3600 }),
    ],
    ['a token issued in the future', () => ({ iat: now() + 600, exp: now() + 1200 })],
    ['a token not valid yet (nbf)', () => ({ iat: now(), nbf: now() + 600, exp: now() + 1200 })],
    [
      'a token expired beyond the clock skew',
      () => ({ iat: now() - 600, exp: now() - CLOCK_SKEW_SECONDS - 5 }),
    ],
  ])('rejects %s', async (_case, claims) => {
    await expect(verify(`Bearer ${await signed(claims())}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('tolerates clocks a few seconds apart (iat, nbf and exp within the skew)', async () => {
    const token = await signed({ iat: now() + 10, nbf: now() + 10, exp: now() - 10 });
    expect((await verify(`Bearer ${token}`)).roles).toEqual(['secretariat']);
  });

  it('rejects a header that is not a bearer token', async () => {
    await expect(verify('Basic dXNlcjpwYXNz')).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('identity header', () => {
  const identity = { sub: 'u2', name: null, roles: ['secretariat' as const], network: null };

  it('round-trips the identity the gateway signed', async () => {
    expect(await verifyIdentityHeader(await signIdentityHeader(identity, SECRET), SECRET)).toEqual(identity);
  });

  it('is null when missing, forged or tampered with', async () => {
    expect(await verifyIdentityHeader(undefined, SECRET)).toBeNull();
    expect(await verifyIdentityHeader(await signIdentityHeader(identity, 'other'), SECRET)).toBeNull();
    const [header, , signature] = (await signIdentityHeader(identity, SECRET)).split('.');
    const payload = Buffer.from(
      JSON.stringify({ roles: ['system'], iss: 'participa-gateway', aud: 'participa-subgraphs' }),
    ).toString('base64url');
    expect(await verifyIdentityHeader(`${header}.${payload}.${signature}`, SECRET)).toBeNull();
  });

  const header = (exp: number | null, iat = Math.floor(Date.now() / 1000)) => {
    const jwt = new SignJWT({ roles: ['system'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('participa-gateway')
      .setAudience('participa-subgraphs')
      .setIssuedAt(iat);
    if (exp !== null) jwt.setExpirationTime(exp);
    return jwt.sign(new TextEncoder().encode(SECRET));
  };

  it('is null when it never expires, expired or lives longer than one request', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await verifyIdentityHeader(await header(null), SECRET)).toBeNull();
    expect(await verifyIdentityHeader(await header(now - 60, now - 180), SECRET)).toBeNull();
    expect(await verifyIdentityHeader(await header(now + 86_400), SECRET)).toBeNull();
    expect(await verifyIdentityHeader(await header(now + 60), SECRET)).toMatchObject({ roles: ['system'] });
  });

  it('expires two minutes after the gateway signed it (30 s of clock skew allowed)', async () => {
    const signedAgo = async (ms: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() - ms);
      try {
        return await signIdentityHeader(identity, SECRET);
      } finally {
        vi.useRealTimers();
      }
    };
    expect(await verifyIdentityHeader(await signedAgo(110_000), SECRET)).toEqual(identity);
    expect(await verifyIdentityHeader(await signedAgo(151_000), SECRET)).toBeNull();
  });

  it('refuses a user token passed off as an identity header (wrong issuer and audience)', async () => {
    const userToken = await new SignJWT({ roles: ['secretariat'] })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyIdentityHeader(userToken, SECRET)).toBeNull();
  });
});

describe('secrets', () => {
  const strong = 'k'.repeat(32);

  it('has development defaults but refuses to run production without real secrets', () => {
    expect(readSecret('AUTH_JWT_SECRET', {})).toMatch(/dev/);
    expect(readSecret('AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 's3cret' })).toBe('s3cret');
    expect(() => readSecret('GATEWAY_SIGNING_SECRET', { NODE_ENV: 'production' })).toThrow(/must be set/);
    expect(
      readSecret('GATEWAY_SIGNING_SECRET', { NODE_ENV: 'production', GATEWAY_SIGNING_SECRET: strong }),
    ).toBe(strong);
  });

  it.each([
    ['the old compose fallback', 'change-me-local-signing-secret-0123456789'],
    ['the development default', 'participa-salud-dev-gateway-secret-change-me'],
    ['a secret shorter than 32 bytes', 'k'.repeat(31)],
  ])('refuses %s in production', (_case, value) => {
    expect(() =>
      readSecret('GATEWAY_SIGNING_SECRET', { NODE_ENV: 'production', GATEWAY_SIGNING_SECRET: value }),
    ).toThrow(/GATEWAY_SIGNING_SECRET/);
  });
});

describe('cachedIdentitySigner', () => {
  const secret = 'a-signing-secret-of-at-least-32-bytes!';
  const staff: Identity = { sub: 'u1', name: 'Ana', roles: ['ese_staff'], network: 'CENTRO' };

  it('reuses a caller’s header for a minute, then signs a new one that still verifies', async () => {
    let clock = Date.now();
    const sign = cachedIdentitySigner(secret, () => clock);
    const first = await sign(staff);
    expect(await sign({ ...staff })).toBe(first);
    clock += 59_000;
    expect(await sign(staff)).toBe(first);
    clock += 2_000;
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a new `iat` second
    const renewed = await sign(staff);
    expect(renewed).not.toBe(first);
    expect(await verifyIdentityHeader(renewed, secret)).toEqual(staff);
  });

  it('gives two identities two headers, each verifying as its own', async () => {
    const sign = cachedIdentitySigner(secret);
    const norte = { ...staff, network: 'NORTE' };
    const [a, b] = [await sign(staff), await sign(norte)];
    expect(a).not.toBe(b);
    expect(await verifyIdentityHeader(a, secret)).toEqual(staff);
    expect(await verifyIdentityHeader(b, secret)).toEqual(norte);
  });
});

describe('cachedIdentityVerifier', () => {
  const secret = 'a-signing-secret-of-at-least-32-bytes!';
  const staff: Identity = { sub: 'u1', name: null, roles: ['ese_staff'], network: 'CENTRO' };

  it('accepts a valid header until it expires, and never remembers a forged one', async () => {
    let clock = Date.now();
    const verify = cachedIdentityVerifier(secret, () => clock);
    const header = await signIdentityHeader(staff, secret);
    expect(await verify(header)).toEqual(staff);
    expect(await verify(header)).toEqual(staff);
    const forged = await signIdentityHeader(staff, 'another-secret-of-at-least-32-bytes!!');
    expect(await verify(forged)).toBeNull();
    expect(await verify(undefined)).toBeNull();
    clock += 200_000; // past its two minutes and the clock skew: checked again, and refused
    vi.setSystemTime(clock);
    expect(await verify(header)).toBeNull();
    vi.useRealTimers();
  });
});
