import type { EducationDb } from '../db/index.ts';
import { reachTotals } from './data.ts';

export const CAMPAIGN_METRICS = {
  pieces: 'campaigns.pieces',
  peopleReached: 'campaigns.people_reached',
  impressions: 'campaigns.impressions',
  listeners: 'campaigns.listeners',
} as const;

type Values = Record<(typeof CAMPAIGN_METRICS)[keyof typeof CAMPAIGN_METRICS], number>;

export interface CampaignReachMetrics {
  /** NETWORK: campaigns of that network; DISTRICT: all campaigns, the secretariat's included. */
  scope: 'NETWORK' | 'DISTRICT';
  networkId: string | null;
  values: Values;
}

/**
 * Reach of awareness campaigns for a period (pieces that started within [from, to], Bogotá days),
 * per network and for the district, as the metrics `campaigns.*`. A plain data-access function for
 * the indicators mechanism, wired in when it lands.
 */
export async function campaignReachMetrics(
  db: EducationDb,
  period: { from: string; to: string },
): Promise<CampaignReachMetrics[]> {
  const { byNetwork } = await reachTotals(db, period);
  const values = (r: {
    pieces: number;
    peopleReached: number;
    impressions: number;
    listeners: number;
  }): Values => ({
    [CAMPAIGN_METRICS.pieces]: r.pieces,
    [CAMPAIGN_METRICS.peopleReached]: r.peopleReached,
    [CAMPAIGN_METRICS.impressions]: r.impressions,
    [CAMPAIGN_METRICS.listeners]: r.listeners,
  });
  const district = byNetwork.reduce(
    (sum, r) => ({
      pieces: sum.pieces + r.pieces,
      peopleReached: sum.peopleReached + r.peopleReached,
      impressions: sum.impressions + r.impressions,
      listeners: sum.listeners + r.listeners,
    }),
    { pieces: 0, peopleReached: 0, impressions: 0, listeners: 0 },
  );
  return [
    ...byNetwork
      .filter((r) => r.networkId !== null)
      .map((r): CampaignReachMetrics => ({ scope: 'NETWORK', networkId: r.networkId, values: values(r) })),
    { scope: 'DISTRICT', networkId: null, values: values(district) },
  ];
}
