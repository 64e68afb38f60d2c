import { SignJWT } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import {
  ANONYMOUS,
  createTokenVerifier,
  InvalidTokenError,
  isStaffOf,
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

  it('expires two minutes after the gateway signed it', async () => {
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
    expect(await verifyIdentityHeader(await signedAgo(121_000), SECRET)).toBeNull();
  });

  it('refuses a user token passed off as an identity header (wrong issuer and audience)', async () => {
    const userToken = await new SignJWT({ roles: ['secretariat'] })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    expect(await verifyIdentityHeader(userToken, SECRET)).toBeNull();
  });
});

describe('secrets', () => {
  it('has development defaults but refuses to run production without real secrets', () => {
    expect(readSecret('AUTH_JWT_SECRET', {})).toMatch(/dev/);
    expect(readSecret('AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 's3cret' })).toBe('s3cret');
    expect(() => readSecret('GATEWAY_SIGNING_SECRET', { NODE_ENV: 'production' })).toThrow(/must be set/);
  });
});
