import type { Identity } from '@participa/auth';
import { networkById } from '@participa/reference';
import { authorize, inNetwork, may, notYourNetwork, SECRETARIAT_ONLY } from '@participa/subgraph-kit';

/**
 * Who runs and reads surveys and consultations, as the policy says. A record with no network
 * belongs to the district (the secretariat).
 */
export const networkCodeOfId = (networkId: string | null): string | null =>
  networkId ? (networkById(networkId)?.code ?? null) : null;

/** Create, and issue codes (`Survey.manage`): staff of the network; district ones, the secretariat. */
export function requireManager(identity: Identity, networkId: string | null): void {
  const code = networkCodeOfId(networkId);
  authorize(identity, 'Survey.manage', inNetwork(code), code ? notYourNetwork(code) : SECRETARIAT_ONLY);
}

/** Aggregate results while a survey is open (`Survey.results`): those in charge and the secretariat. */
export function canReadOpenResults(identity: Identity, networkId: string | null): boolean {
  return may(identity, 'Survey.results', inNetwork(networkCodeOfId(networkId)));
}

/**
 * Open-text answers may name people or tell identifying stories (`Survey.openAnswers`): staff of the
 * survey's network, the secretariat for district surveys, never anyone else.
 */
export function canReadOpenAnswers(identity: Identity, networkId: string | null): boolean {
  return may(identity, 'Survey.openAnswers', inNetwork(networkCodeOfId(networkId)));
}
