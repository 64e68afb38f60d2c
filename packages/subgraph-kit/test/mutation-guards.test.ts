import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Identity, Role } from '@participa/auth';
import { describe, expect, it } from 'vitest';
import { authorize, CALLERS, inNetwork, may, mayEver, policyTable, SECRETARIAT_ONLY } from '../src/policy.ts';

/**
 * Guards found by mutation testing (docs/mutation-testing.md). The policy imported from `../src`
 * (not the package name) so that Stryker's mutants of it are the ones tested.
 */
const who = (roles: Role[], network: string | null = null, sub: string | null = 'u-1'): Identity => ({
  sub,
  name: null,
  roles,
  network,
});
const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return {
      code: (error as { extensions?: { code?: string } }).extensions?.code,
      message: (error as Error).message,
    };
  }
  return null;
};

describe('the policy as documented', () => {
  it('is, rule by rule, the table of docs/authorization.md', () => {
    const doc = readFileSync(
      fileURLToPath(new URL('../../../docs/authorization.md', import.meta.url)),
      'utf8',
    );
    const block = /<!-- policy:start -->\n([\s\S]*?)\n<!-- policy:end -->/.exec(doc)?.[1];
    expect(block).toBeDefined();
    expect(block!.split('\n').length).toBeGreaterThan(100);
    expect(policyTable()).toBe(block);
  });

  it('knows every kind of caller', () => {
    expect(CALLERS).toEqual(['anonymous', 'citizen', 'ese_staff', 'ese_admin', 'secretariat', 'system']);
  });
});

describe('scopes', () => {
  const staff = who(['ese_staff'], 'CENTRO');
  const secretariat = who(['secretariat']);

  it("'own' needs at least one network, every one the caller's", () => {
    expect(may(staff, 'scheduleWorkshop', inNetwork('CENTRO'))).toBe(true);
    expect(may(staff, 'scheduleWorkshop', inNetwork())).toBe(false);
    expect(may(staff, 'scheduleWorkshop', inNetwork('CENTRO', 'NORTE'))).toBe(false);
    expect(may(staff, 'scheduleWorkshop', inNetwork(null))).toBe(false);
  });

  it("'district' is only for records of no network at all", () => {
    expect(may(secretariat, 'createOrganization', inNetwork(null))).toBe(true);
    expect(may(secretariat, 'createOrganization', inNetwork(null, 'CENTRO'))).toBe(false);
    expect(may(secretariat, 'createOrganization', inNetwork('CENTRO'))).toBe(false);
  });

  it('a caller with several roles may do what any one of them may', () => {
    const both = who(['citizen', 'secretariat']);
    expect(may(both, 'approveActionPlan')).toBe(true);
    expect(may(who(['citizen', 'ese_staff'], 'CENTRO'), 'recordAttendance', inNetwork('CENTRO'))).toBe(true);
  });
});

describe('mayEver', () => {
  it('is whether a rule lets the caller in at all, whatever the target', () => {
    expect(mayEver(who(['ese_staff'], 'NORTE'), 'scheduleWorkshop')).toBe(true);
    expect(mayEver(who(['citizen']), 'scheduleWorkshop')).toBe(false);
    expect(mayEver(who(['citizen', 'secretariat']), 'approveActionPlan')).toBe(true);
    expect(mayEver(who(['citizen'], null, null), 'trackPqrs')).toBe(true);
    expect(mayEver(who(['secretariat'], null, null), 'approveActionPlan')).toBe(false);
  });

  it('refuses to guess about an entry that is not in the policy', () => {
    expect(() => mayEver(who(['secretariat']), 'nope' as never)).toThrow('No authorization policy for nope');
    expect(() => may(who(['secretariat']), 'nope' as never)).toThrow('No authorization policy for nope');
  });
});

describe('authorize', () => {
  it('asks an anonymous caller to sign in, and tells a signed-in one why not', () => {
    expect(refusal(() => authorize(who(['citizen'], null, null), 'approveActionPlan'))?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(refusal(() => authorize(who(['citizen']), 'approveActionPlan'))).toEqual({
      code: 'FORBIDDEN',
      message: 'No tiene permiso para realizar esta acción.',
    });
    expect(
      refusal(() => authorize(who(['citizen']), 'approveActionPlan', {}, SECRETARIAT_ONLY))?.message,
    ).toBe('Solo la Secretaría de Salud puede realizar esta acción.');
    // An operation anonymous callers may do with a code: without it they are refused, not asked to sign in.
    expect(refusal(() => authorize(who(['citizen'], null, null), 'cancelRegistration'))?.code).toBe(
      'FORBIDDEN',
    );
  });
});
