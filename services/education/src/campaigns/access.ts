import type { Identity } from '@participa/auth';
import { networkById } from '@participa/reference';
import { authorize, inNetwork, notYourNetwork, SECRETARIAT_ONLY } from '@participa/subgraph-kit';

/**
 * Who runs awareness campaigns (the policy's `Campaign.write`): a network's by its staff, district
 * ones by the secretariat. Campaigns and their reach are public.
 */
export function requireCampaignWriter(identity: Identity, networkId: string | null): void {
  const code = networkId ? (networkById(networkId)?.code ?? null) : null;
  authorize(identity, 'Campaign.write', inNetwork(code), code ? notYourNetwork(code) : SECRETARIAT_ONLY);
}
