/** Roles of the contract: who may do what is decided in each subgraph from these. */
export const ROLES = ['citizen', 'ese_staff', 'ese_admin', 'secretariat', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The caller as the gateway verified it. Anonymous callers are citizens without `sub`. */
export interface Identity {
  sub: string | null;
  name: string | null;
  roles: Role[];
  /** Network code for ESE roles (`CENTRO`, `NORTE`, …). */
  network: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({
  sub: null,
  name: null,
  roles: ['citizen'] as Role[],
  network: null,
});

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(identity: Identity, ...roles: Role[]): boolean {
  return identity.roles.some((role) => roles.includes(role));
}

/** ESE staff or admin of exactly this network. */
export function isStaffOf(identity: Identity, networkCode: string): boolean {
  return hasRole(identity, 'ese_staff', 'ese_admin') && identity.network === networkCode;
}

export function isSecretariat(identity: Identity): boolean {
  return hasRole(identity, 'secretariat');
}
