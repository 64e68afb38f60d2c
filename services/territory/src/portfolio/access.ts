import type { Identity } from '@participa/auth';
import { authorize, inNetwork, notYourNetwork } from '@participa/subgraph-kit';

/** Who maintains the service portfolio (the policy's `ServiceOffering.write`); reading it is public. */
export function requirePortfolioWriter(identity: Identity, networkCode: string): void {
  authorize(identity, 'ServiceOffering.write', inNetwork(networkCode), notYourNetwork(networkCode));
}
