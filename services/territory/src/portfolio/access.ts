import type { Identity } from '@participa/auth';
import { requireNetworkWriter } from '@participa/subgraph-kit';

/**
 * Who maintains the service portfolio: staff of the facility's network (and the secretariat, as for
 * every network record). Reading it is public. One place, so the coming authorization policy
 * module can take it over.
 */
export function requirePortfolioWriter(identity: Identity, networkCode: string): void {
  requireNetworkWriter(identity, networkCode);
}
