import { loaderById, loaderGroupedBy } from '@participa/subgraph-kit';
import type { EducationDb } from '../db/index.ts';
import {
  campaignsByActivityIds,
  campaignsByIds,
  materialsByPieceIds,
  piecesByCampaignIds,
  piecesByIds,
} from './data.ts';

export function campaignLoaders(db: EducationDb) {
  return {
    campaign: loaderById((ids) => campaignsByIds(db, ids)),
    campaignPiece: loaderById((ids) => piecesByIds(db, ids)),
    piecesOfCampaign: loaderGroupedBy(
      (ids) => piecesByCampaignIds(db, ids),
      (p) => p.campaignId,
    ),
    campaignsOfActivity: loaderGroupedBy(
      (ids) => campaignsByActivityIds(db, ids),
      (c) => c.activityId,
    ),
    materialsOfPiece: loaderGroupedBy(
      (ids) => materialsByPieceIds(db, ids),
      (l) => l.pieceId,
    ),
  };
}
