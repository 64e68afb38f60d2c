import { type Identity, isSecretariat, isStaffOf } from '@participa/auth';
import { forbidden, unauthenticated } from './errors.ts';

export function requireSignedIn(identity: Identity): void {
  if (!identity.sub) throw unauthenticated();
}

export function requireSecretariat(identity: Identity): void {
  requireSignedIn(identity);
  if (!isSecretariat(identity)) throw forbidden('Solo la Secretaría de Salud puede realizar esta acción.');
}

/** ESE staff write only in their own network; the secretariat writes anywhere. */
export function requireNetworkWriter(identity: Identity, networkCode: string): void {
  requireSignedIn(identity);
  if (isSecretariat(identity) || isStaffOf(identity, networkCode)) return;
  throw forbidden(`No tiene permiso para modificar datos de la red ${networkCode}.`);
}

/** Contact details and identities of people: only staff of the network they belong to. */
export function canReadPersonalData(identity: Identity, networkCode: string | null): boolean {
  return networkCode !== null && isStaffOf(identity, networkCode);
}
