import type { Identity, Role } from '@participa/auth';
import { describe, expect, it } from 'vitest';
import { requireSignedIn } from '../src/authorization.ts';
import { authorize, type Guarded, inNetwork, may, notYourNetwork } from '../src/policy.ts';

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

describe('requireSignedIn', () => {
  it('lets anyone with a subject in, never an anonymous caller', () => {
    expect(codeOf(() => requireSignedIn(ANONYMOUS))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => requireSignedIn(who('citizen')))).toBeNull();
  });
});

describe('the authorization policy', () => {
  it("lets a network's staff and admins write its operational records, and nobody else", () => {
    const centro = inNetwork('CENTRO');
    expect(codeOf(() => authorize(who('ese_staff', 'CENTRO'), 'scheduleWorkshop', centro))).toBeNull();
    expect(codeOf(() => authorize(who('ese_admin', 'CENTRO'), 'scheduleWorkshop', centro))).toBeNull();
    expect(codeOf(() => authorize(ANONYMOUS, 'scheduleWorkshop', centro))).toBe('UNAUTHENTICATED');
    for (const identity of [
      who('ese_staff', 'NORTE'),
      who('ese_admin', 'NORTE'),
      who('secretariat'),
      who('system'),
      who('citizen'),
      who('citizen', 'CENTRO'), // a network claim does not make a citizen staff
    ])
      expect(codeOf(() => authorize(identity, 'scheduleWorkshop', centro))).toBe('FORBIDDEN');
  });

  it('refuses "own network" when any network of the target is another one, or none is given', () => {
    const staff = who('ese_staff', 'CENTRO');
    expect(may(staff, 'relateActors', inNetwork('CENTRO', 'CENTRO'))).toBe(true);
    expect(may(staff, 'relateActors', inNetwork('CENTRO', 'NORTE'))).toBe(false);
    expect(may(staff, 'scheduleWorkshop', inNetwork())).toBe(false);
    expect(may(staff, 'scheduleWorkshop', inNetwork(null))).toBe(false);
  });

  it('keeps personal data to the responsible network; district records to the secretariat', () => {
    expect(may(who('ese_staff', 'CENTRO'), 'Pqrs.petitioner', inNetwork('CENTRO'))).toBe(true);
    expect(may(who('ese_staff', 'NORTE'), 'Pqrs.petitioner', inNetwork('CENTRO'))).toBe(false);
    expect(may(who('secretariat'), 'Pqrs.petitioner', inNetwork('CENTRO'))).toBe(false);
    expect(may(who('secretariat'), 'Pqrs.petitioner', inNetwork(null))).toBe(true);
    expect(may(ANONYMOUS, 'Pqrs.petitioner', inNetwork('CENTRO'))).toBe(false);
  });

  it('lets the holder of a record’s code act on that record only when the code was proven', () => {
    expect(may(ANONYMOUS, 'cancelRegistration', { codeProven: true })).toBe(true);
    expect(may(ANONYMOUS, 'cancelRegistration', { codeProven: false })).toBe(false);
    expect(may(who('secretariat'), 'cancelRegistration', { ...inNetwork('CENTRO') })).toBe(false);
    expect(may(who('ese_staff', 'CENTRO'), 'cancelRegistration', inNetwork('CENTRO'))).toBe(true);
  });

  it('gives district decisions to the secretariat alone', () => {
    expect(may(who('secretariat'), 'approveActionPlan', inNetwork('CENTRO'))).toBe(true);
    expect(
      codeOf(() => authorize(who('ese_admin', 'CENTRO'), 'approveActionPlan', inNetwork('CENTRO'))),
    ).toBe('FORBIDDEN');
  });

  it('refuses in Spanish with the message given, and has no entry for unknown operations', () => {
    expect(() =>
      authorize(who('ese_staff', 'NORTE'), 'scheduleWorkshop', inNetwork('CENTRO'), notYourNetwork('CENTRO')),
    ).toThrow('No tiene permiso para modificar datos de la red CENTRO.');
    expect(() => may(who('secretariat'), 'noSuchOperation' as Guarded)).toThrow(/No authorization policy/);
  });
});
