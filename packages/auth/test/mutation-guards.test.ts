import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  cachedIdentitySigner,
  cachedIdentityVerifier,
  createTokenVerifier,
  hasRole,
  IDENTITY_HEADER,
  type Identity,
  InvalidTokenError,
  isSecretariat,
  signDevToken,
  signIdentityHeader,
  tokenVerifierFromEnv,
  verifyIdentityHeader,
} from '../src/index.ts';

/**
 * Guards found by mutation testing (docs/mutation-testing.md): each test below fails if one of the
 * rules of a token or an identity header is weakened by a one-character slip.
 */
const SECRET = 'a-signing-secret-of-at-least-32-bytes!';
const key = new TextEncoder().encode(SECRET);
const nowSeconds = () => Math.floor(Date.now() / 1000);

afterEach(() => {
  vi.useRealTimers();
});

describe('user tokens', () => {
  const verify = createTokenVerifier({ secret: SECRET });
  const rejection = async (authorization: string) => {
    const error = await verify(authorization).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidTokenError);
    return error as InvalidTokenError;
  };

  it('names its error InvalidTokenError and says why a token is refused', async () => {
    const noRole = await signDevToken({ sub: 'u', roles: [] }, SECRET);
    const error = await rejection(`Bearer ${noRole}`);
    expect(error.name).toBe('InvalidTokenError');
    expect(error.message).toBe('token has no known role');
    expect((await rejection('Basic dXNlcjpwYXNz')).message).toBe(
      'Authorization header is not a Bearer token',
    );
  });

  it('keeps only the roles of the contract and refuses a token whose roles are all unknown', async () => {
    const mixed = await signDevToken({ sub: 'u', roles: ['superuser', 'secretariat'] as never }, SECRET);
    expect((await verify(`Bearer ${mixed}`)).roles).toEqual(['secretariat']);
    const unknown = await signDevToken({ sub: 'u', roles: ['superuser', 'admin'] as never }, SECRET);
    expect((await rejection(`Bearer ${unknown}`)).message).toBe('token has no known role');
  });

  it.each([
    ['ese_staff alone', ['ese_staff']],
    ['ese_admin alone', ['ese_admin']],
    ['ese_staff beside citizen', ['citizen', 'ese_staff']],
  ])('refuses %s without a network claim', async (_case, roles) => {
    const token = await signDevToken({ sub: 'u', roles: roles as Identity['roles'] }, SECRET);
    expect((await rejection(`Bearer ${token}`)).message).toBe('ESE roles need a network claim');
  });

  it('reads the bearer token wherever the spaces are, and nothing before or after it', async () => {
    const token = await signDevToken({ sub: 'u', roles: ['secretariat'] }, SECRET);
    expect((await verify(`  bearer   ${token}  `)).sub).toBe('u');
    await rejection(`XBearer ${token}`);
    await rejection(`Bearer ${token} ${token}`);
    await rejection(`Bearer${token}`);
  });

  it('needs a secret or a JWKS URL', () => {
    expect(() => createTokenVerifier({})).toThrow('createTokenVerifier needs a secret or a JWKS URL');
    expect(() => createTokenVerifier({ secret: '' })).toThrow(/needs a secret/);
  });
});

describe('tokenVerifierFromEnv', () => {
  it('verifies development tokens under AUTH_JWT_SECRET, or the secret passed to it', async () => {
    const fromEnv = tokenVerifierFromEnv({}, { AUTH_JWT_SECRET: SECRET });
    const token = await signDevToken({ sub: 'u', roles: ['secretariat'] }, SECRET);
    expect((await fromEnv(`Bearer ${token}`)).sub).toBe('u');
    const other = 'another-secret-of-at-least-32-bytes!!';
    const overridden = tokenVerifierFromEnv({ secret: other }, { AUTH_JWT_SECRET: SECRET });
    const otherToken = await signDevToken({ sub: 'o', roles: ['secretariat'] }, other);
    expect((await overridden(`Bearer ${otherToken}`)).sub).toBe('o');
    await expect(overridden(`Bearer ${token}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses HS256 development tokens once AUTH_JWKS_URL is set', async () => {
    const verify = tokenVerifierFromEnv(
      {},
      { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks', AUTH_JWT_SECRET: SECRET },
    );
    const token = await signDevToken({ sub: 'u', roles: ['secretariat'] }, SECRET);
    await expect(verify(`Bearer ${token}`)).rejects.toBeInstanceOf(InvalidTokenError);
  });
});

describe('roles', () => {
  it('grants a role held beside others', () => {
    const both: Identity = { sub: 'u', name: null, roles: ['citizen', 'secretariat'], network: null };
    expect(isSecretariat(both)).toBe(true);
    expect(hasRole(both, 'system', 'secretariat')).toBe(true);
    expect(hasRole(both, 'system', 'ese_admin')).toBe(false);
  });
});

describe('identity header', () => {
  const header = (options: { issuer?: string; audience?: string; alg?: string }) =>
    new SignJWT({ roles: ['system'] })
      .setProtectedHeader({ alg: options.alg ?? 'HS256' })
      .setIssuer(options.issuer ?? 'participa-gateway')
      .setAudience(options.audience ?? 'participa-subgraphs')
      .setIssuedAt(nowSeconds())
      .setExpirationTime(nowSeconds() + 60)
      .sign(key);

  it('travels in x-participa-identity', () => {
    expect(IDENTITY_HEADER).toBe('x-participa-identity');
  });

  it('is accepted only from the gateway, for the subgraphs, signed with HS256', async () => {
    expect(await verifyIdentityHeader(await header({}), SECRET)).toMatchObject({ roles: ['system'] });
    expect(await verifyIdentityHeader(await header({ issuer: 'someone-else' }), SECRET)).toBeNull();
    expect(await verifyIdentityHeader(await header({ audience: 'participa-salud' }), SECRET)).toBeNull();
    expect(await verifyIdentityHeader(await header({ alg: 'HS512' }), SECRET)).toBeNull();
  });

  it('is accepted 20 s after it expired (clock skew) and refused 40 s after', async () => {
    const expiredAgo = async (seconds: number) =>
      new SignJWT({ roles: ['system'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('participa-gateway')
        .setAudience('participa-subgraphs')
        .setIssuedAt(nowSeconds() - 100 - seconds)
        .setExpirationTime(nowSeconds() - seconds)
        .sign(key);
    expect(await verifyIdentityHeader(await expiredAgo(20), SECRET)).toMatchObject({ roles: ['system'] });
    expect(await verifyIdentityHeader(await expiredAgo(40), SECRET)).toBeNull();
  });
});

describe('cachedIdentitySigner', () => {
  const staff: Identity = { sub: 'u1', name: 'Ana', roles: ['ese_staff'], network: 'CENTRO' };

  it('reuses a header for exactly one minute after signing it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const sign = cachedIdentitySigner(SECRET);
    const first = await sign(staff);
    vi.setSystemTime(t0 + 1_000);
    expect(await sign(staff)).toBe(first);
    vi.setSystemTime(t0 + 59_999);
    expect(await sign(staff)).toBe(first);
    vi.setSystemTime(t0 + 60_000);
    const renewed = await sign(staff);
    expect(renewed).not.toBe(first);
    expect(await verifyIdentityHeader(renewed, SECRET)).toEqual(staff);
  });

  it('remembers at most 10,000 callers, forgetting the oldest first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const t0 = Date.now();
    const sign = cachedIdentitySigner(SECRET);
    const caller = (i: number): Identity => ({ ...staff, sub: `u${i}` });
    const headers: string[] = [];
    for (let i = 0; i <= 10_000; i++) headers.push(await sign(caller(i)));
    vi.setSystemTime(t0 + 2_000); // a new `iat`: a header signed again differs
    expect(await sign(caller(10_000))).toBe(headers[10_000]);
    expect(await sign(caller(1))).toBe(headers[1]);
    expect(await sign(caller(0))).not.toBe(headers[0]);
  });
});

describe('cachedIdentityVerifier', () => {
  const staff: Identity = { sub: 'u1', name: null, roles: ['ese_staff'], network: 'CENTRO' };
  const expiresAt = (header: string) =>
    (JSON.parse(Buffer.from(header.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;

  it('remembers a valid header until the millisecond it expires by its clock, then checks it again', async () => {
    const header = await signIdentityHeader(staff, SECRET);
    let clock = Date.now();
    const verify = cachedIdentityVerifier(SECRET, () => clock);
    expect(await verify(header)).toEqual(staff);
    // Checked again, the header would now be refused: an answer here comes from what was remembered.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(expiresAt(header) + 3_600_000);
    clock = expiresAt(header) - 1;
    expect(await verify(header)).toEqual(staff);
    clock = expiresAt(header);
    expect(await verify(header)).toBeNull();
  });

  it('remembers at most 10,000 headers, forgetting the oldest first', async () => {
    const headers: string[] = [];
    for (let i = 0; i <= 10_000; i++)
      headers.push(await signIdentityHeader({ ...staff, sub: `u${i}` }, SECRET));
    const clock = Date.now();
    const verify = cachedIdentityVerifier(SECRET, () => clock);
    for (const header of headers) expect(await verify(header)).not.toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock + 3_600_000); // checked again, any header is refused
    expect(await verify(headers[10_000])).toMatchObject({ sub: 'u10000' });
    expect(await verify(headers[1])).toMatchObject({ sub: 'u1' });
    expect(await verify(headers[0])).toBeNull();
  });
});
