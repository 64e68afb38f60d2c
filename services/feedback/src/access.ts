import type { Identity } from '@participa/auth';
import { networkByCode, networkById, requireNetwork } from '@participa/reference';
import { authorize, inNetwork, may, mayEver, type Operation } from '@participa/subgraph-kit';
import type { PqrsRow } from './db/schema.ts';

export function networkCodeOf(row: Pick<PqrsRow, 'networkId'>): string {
  const network = networkById(row.networkId);
  if (!network) throw new Error(`PQRS of unknown network ${row.networkId}`);
  return network.code;
}

/** PQRS (without the petitioner) are read by staff of their network, the secretariat and system jobs. */
export function canReadPqrs(identity: Identity, row: Pick<PqrsRow, 'networkId'>): boolean {
  return may(identity, 'pqrs', inNetwork(networkCodeOf(row)));
}

/** Only staff of the PQRS's network handle it (the secretariat reads, it does not answer). */
export function requireHandler(
  identity: Identity,
  operation: Operation,
  row: Pick<PqrsRow, 'networkId'>,
): void {
  const code = networkCodeOf(row);
  authorize(
    identity,
    operation,
    inNetwork(code),
    `Solo el personal de la red ${code} puede tramitar esta PQRS.`,
  );
}

/**
 * The networks whose PQRS the caller may list: `undefined` means all (secretariat, system).
 * ESE staff see only their own network, also when they ask for another one.
 */
export function readableNetworkIds(
  identity: Identity,
  requestedCode: string | null | undefined,
): string[] | undefined {
  const requested = requestedCode ? requireNetwork(requestedCode, 'filter.networkCode') : null;
  const code = requested?.code ?? identity.network ?? null;
  authorize(
    identity,
    'pqrsList',
    inNetwork(code),
    requested
      ? `No tiene permiso para consultar PQRS de la red ${requested.code}.`
      : 'Solo el personal de las redes y la Secretaría de Salud consultan PQRS.',
  );
  if (requested) return [requested.id];
  // No network asked: readers of every network see them all; a network's staff, their own.
  return may(identity, 'pqrsList', inNetwork(null)) ? undefined : [networkByCode(code!)!.id];
}

/** `Network.pqrs` and the like: whether the caller sees any PQRS there (else an empty page). */
export function mayListPqrsOf(identity: Identity, networkCode: string | undefined): boolean {
  return networkCode ? may(identity, 'pqrsList', inNetwork(networkCode)) : mayEver(identity, 'pqrsList');
}

/** Counts of a network: its staff, the secretariat and system jobs (indicators). */
export function mayReadStats(identity: Identity, networkCode: string): boolean {
  return may(identity, 'Network.pqrsStats', inNetwork(networkCode));
}
