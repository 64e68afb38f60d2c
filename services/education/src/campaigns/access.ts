import type { Identity } from '@participa/auth';
import { networkById } from '@participa/reference';
import { requireNetworkWriter, requireSecretariat } from '@participa/subgraph-kit';

/**
 * Who runs awareness campaigns: staff of the network (or the secretariat); district campaigns,
 * the secretariat. Campaigns and their reach are public. One place, for the coming policy module.
 */
export function requireCampaignWriter(identity: Identity, networkId: string | null): void {
  const code = networkId ? networkById(networkId)?.code : undefined;
  if (code) requireNetworkWriter(identity, code);
  else requireSecretariat(identity);
}
