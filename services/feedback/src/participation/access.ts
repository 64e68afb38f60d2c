import { type Identity, isSecretariat, isStaffOf } from '@participa/auth';
import { networkById } from '@participa/reference';
import { requireNetworkWriter, requireSecretariat } from '@participa/subgraph-kit';

/**
 * Who runs and reads surveys and consultations, in one place so the coming authorization policy
 * module can take it over. A record with no network belongs to the district (the secretariat).
 */

export const networkCodeOfId = (networkId: string | null): string | null =>
  networkId ? (networkById(networkId)?.code ?? null) : null;

/** Create, and issue codes: staff of the network (or the secretariat); district ones, the secretariat. */
export function requireManager(identity: Identity, networkId: string | null): void {
  const code = networkCodeOfId(networkId);
  if (code) requireNetworkWriter(identity, code);
  else requireSecretariat(identity);
}

/** The people in charge: staff of the network, or the secretariat for district records. */
export function isInCharge(identity: Identity, networkId: string | null): boolean {
  const code = networkCodeOfId(networkId);
  return code ? isStaffOf(identity, code) : isSecretariat(identity);
}

/** Aggregate results while a survey is open: those in charge and the secretariat; anyone once closed. */
export function canReadOpenResults(identity: Identity, networkId: string | null): boolean {
  return isSecretariat(identity) || isInCharge(identity, networkId);
}

/**
 * Open-text answers may name people or tell identifying stories: only those in charge read them
 * (staff of the survey's network; the secretariat for district surveys), never anyone else.
 */
export const canReadOpenAnswers = isInCharge;
