import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTokenVerifier, InvalidTokenError } from '../src/index.ts';

/** Production verifies RS256 tokens of the OIDC provider against its JWKS endpoint. */
let server: Server;
let jwksUrl: string;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sign = (claims: Record<string, unknown>, issuer = 'https://idp.cali.gov.co') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('u-1')
    .setIssuer(issuer)
    .setAudience('participa-salud')
    .setExpirationTime('5m')
    .sign(privateKey);

it('accepts a token of the provider and rejects one from another issuer', async () => {
  const verify = createTokenVerifier({
    jwksUrl,
    issuer: 'https://idp.cali.gov.co',
    audience: 'participa-salud',
  });
  const identity = await verify(`Bearer ${await sign({ roles: ['secretariat'], name: 'Secretaría' })}`);
  expect(identity).toEqual({ sub: 'u-1', name: 'Secretaría', roles: ['secretariat'], network: null });
  await expect(
    verify(`Bearer ${await sign({ roles: ['secretariat'] }, 'https://evil.example')}`),
  ).rejects.toBeInstanceOf(InvalidTokenError);
});
