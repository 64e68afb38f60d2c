import { hasRole, type Identity, isSecretariat, isStaffOf } from '@participa/auth';
import { networkByCode, networkById, requireNetwork } from '@participa/reference';
import { forbidden, requireSignedIn } from '@participa/subgraph-kit';
import type { PqrsRow } from './db/schema.ts';

/** Who may read PQRS and counts across every network: the secretariat and system jobs. */
const readsEverything = (identity: Identity) => isSecretariat(identity) || hasRole(identity, 'system');

export function networkCodeOf(row: Pick<PqrsRow, 'networkId'>): string {
  const network = networkById(row.networkId);
  if (!network) throw new Error(`PQRS of unknown network ${row.networkId}`);
  return network.code;
}

/** PQRS (without the petitioner) are read by staff of their network, the secretariat and system jobs. */
export function canReadPqrs(identity: Identity, row: Pick<PqrsRow, 'networkId'>): boolean {
  return readsEverything(identity) || isStaffOf(identity, networkCodeOf(row));
}

/** Only staff of the PQRS's network handle it (the secretariat reads, it does not answer). */
export function requireHandler(identity: Identity, row: Pick<PqrsRow, 'networkId'>): void {
  requireSignedIn(identity);
  const code = networkCodeOf(row);
  if (!isStaffOf(identity, code))
    throw forbidden(`Solo el personal de la red ${code} puede tramitar esta PQRS.`);
}

/**
 * The networks whose PQRS the caller may list: `undefined` means all (secretariat, system).
 * ESE staff see only their own network, also when they ask for another one.
 */
export function readableNetworkIds(
  identity: Identity,
  requestedCode: string | null | undefined,
): string[] | undefined {
  requireSignedIn(identity);
  const requested = requestedCode ? requireNetwork(requestedCode, 'filter.networkCode') : null;
  if (readsEverything(identity)) return requested ? [requested.id] : undefined;
  const own = identity.network ? networkByCode(identity.network) : undefined;
  if (!own || !isStaffOf(identity, own.code))
    throw forbidden('Solo el personal de las redes y la Secretaría de Salud consultan PQRS.');
  if (requested && requested.id !== own.id)
    throw forbidden(`No tiene permiso para consultar PQRS de la red ${requested.code}.`);
  return [own.id];
}

/** Counts of a network: its staff, the secretariat and system jobs (indicators). */
export function requireStatsReader(identity: Identity, networkCode: string): void {
  requireSignedIn(identity);
  if (readsEverything(identity) || isStaffOf(identity, networkCode)) return;
  throw forbidden(`No tiene permiso para consultar las estadísticas de PQRS de la red ${networkCode}.`);
}
