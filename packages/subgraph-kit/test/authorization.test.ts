import type { Identity, Role } from '@participa/auth';
import { describe, expect, it } from 'vitest';
import {
  canReadPersonalData,
  requireNetworkWriter,
  requireSecretariat,
  requireSignedIn,
} from '../src/authorization.ts';

const who = (role: Role, network: string | null = null, sub: string | null = `u-${role}`): Identity => ({
  sub,
  name: null,
  roles: [role],
  network,
});
const ANONYMOUS = who('citizen', null, null);
const codeOf = (check: () => void): string | null => {
  try {
    check();
    return null;
  } catch (error) {
    return String((error as { extensions?: { code?: unknown } }).extensions?.code);
  }
};

describe('authorization helpers', () => {
  it('requireSignedIn: anyone with a subject, never an anonymous caller', () => {
    expect(codeOf(() => requireSignedIn(ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => requireSignedIn(who('citizen')))).toBeNull();
  });

  it('requireSecretariat: the secretariat only; anonymous callers are asked to sign in', () => {
    expect(codeOf(() => requireSecretariat(who('secretariat')))).toBeNull();
    expect(codeOf(() => requireSecretariat(ANONYMOUS))).toBe('UNAUTHENTICATED');
    for (const identity of [who('citizen'), who('ese_admin', 'CENTRO'), who('system')])
      expect(codeOf(() => requireSecretariat(identity))).toBe('FORBIDDEN');
  });

  it('requireNetworkWriter: staff and admins of that network; other networks and roles refused', () => {
    expect(codeOf(() => requireNetworkWriter(who('ese_staff', 'CENTRO'), 'CENTRO'))).toBeNull();
    expect(codeOf(() => requireNetworkWriter(who('ese_admin', 'CENTRO'), 'CENTRO'))).toBeNull();
    expect(codeOf(() => requireNetworkWriter(ANONYMOUS, 'CENTRO'))).toBe('UNAUTHENTICATED');
    for (const identity of [
      who('ese_staff', 'NORTE'),
      who('ese_admin', 'NORTE'),
      who('citizen'),
      who('system'),
    ])
      expect(codeOf(() => requireNetworkWriter(identity, 'CENTRO'))).toBe('FORBIDDEN');
    // A citizen token carrying a network claim is still not staff.
    expect(codeOf(() => requireNetworkWriter(who('citizen', 'CENTRO'), 'CENTRO'))).toBe('FORBIDDEN');
  });

  it('requireNetworkWriter names the network in a Spanish message', () => {
    expect(() => requireNetworkWriter(who('ese_staff', 'NORTE'), 'CENTRO')).toThrow(
      'No tiene permiso para modificar datos de la red CENTRO.',
    );
  });

  it('canReadPersonalData: staff of the record’s network only, never for a record of no network', () => {
    expect(canReadPersonalData(who('ese_staff', 'CENTRO'), 'CENTRO')).toBe(true);
    expect(canReadPersonalData(who('ese_admin', 'CENTRO'), 'CENTRO')).toBe(true);
    expect(canReadPersonalData(who('ese_staff', 'NORTE'), 'CENTRO')).toBe(false);
    expect(canReadPersonalData(who('secretariat'), 'CENTRO')).toBe(false);
    expect(canReadPersonalData(who('ese_staff', 'CENTRO'), null)).toBe(false);
  });
});
