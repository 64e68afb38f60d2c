import { recordAudit } from '@participa/db';
import { requireNetwork, requireTerritoryId } from '@participa/reference';
import { badUserInput, loadExisting, notFound, parseInput } from '@participa/subgraph-kit';
import type { Context } from '../context.ts';
import { auditEvents, type CampaignRow } from '../db/schema.ts';
import { requireCampaignWriter } from './access.ts';
import { insertCampaign, insertPiece, setPieceReach } from './data.ts';
import { addCampaignPieceInput, createCampaignInput, reportCampaignReachInput } from './validation.ts';

function audit(
  ctx: Context,
  tx: Context['db'],
  action: string,
  campaignId: string,
  details: Record<string, unknown>,
) {
  return recordAudit(tx, auditEvents, {
    actor: ctx.identity.sub,
    action,
    entity: 'Campaign',
    entityId: campaignId,
    details,
  });
}

async function writableCampaign(ctx: Context, id: string, field: string): Promise<CampaignRow> {
  const campaign = await ctx.loaders.campaign.load(id);
  if (!campaign) throw badUserInput(field, `Campo "${field}": no existe la campaña ${id}.`);
  requireCampaignWriter(ctx.identity, campaign.networkId);
  return campaign;
}

export async function createCampaign(ctx: Context, raw: unknown) {
  const input = parseInput(createCampaignInput, raw);
  const network = input.networkCode ? requireNetwork(input.networkCode) : null;
  requireCampaignWriter(ctx.identity, network?.id ?? null);
  return ctx.db.transaction(async (tx) => {
    const row = await insertCampaign(tx, {
      networkId: network?.id ?? null,
      title: input.title,
      objective: input.objective ?? null,
      audience: input.audience ?? null,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      activityId: input.activityId ?? null,
      createdBy: ctx.identity.sub,
    });
    await audit(ctx, tx, 'campaign.created', row.id, {
      network: network?.code ?? null,
      activityId: row.activityId,
    });
    return row;
  });
}

export async function addPiece(ctx: Context, raw: unknown) {
  const input = parseInput(addCampaignPieceInput, raw);
  const campaign = await writableCampaign(ctx, input.campaignId, 'campaignId');
  if (input.startsOn < campaign.startsOn || input.endsOn > campaign.endsOn) {
    throw badUserInput(
      'startsOn',
      `Campo "startsOn": la pieza debe estar dentro de las fechas de la campaña (${campaign.startsOn} a ${campaign.endsOn}).`,
    );
  }
  requireTerritoryId(input.territoryId);
  const materialIds = [...new Set(input.materialIds ?? [])];
  const found = await loadExisting(ctx.loaders.material, materialIds);
  const missing = materialIds.find((id) => !found.some((m) => m.id === id));
  if (missing) throw badUserInput('materialIds', `Campo "materialIds": no existe el material ${missing}.`);
  return ctx.db.transaction(async (tx) => {
    const { campaignId, materialIds: _ids, ...fields } = input;
    const piece = await insertPiece(
      tx,
      {
        ...fields,
        campaignId,
        description: fields.description ?? null,
        outlet: fields.outlet ?? null,
        audience: fields.audience ?? null,
        territoryId: fields.territoryId ?? null,
      },
      materialIds,
    );
    await audit(ctx, tx, 'campaign.piece_added', campaignId, { pieceId: piece.id, channel: piece.channel });
    return piece;
  });
}

/** Reach as the channel reported it (station ratings, platform statistics, a head count): replaces the last report. */
export async function reportReach(ctx: Context, raw: unknown) {
  const input = parseInput(reportCampaignReachInput, raw);
  const piece = await ctx.loaders.campaignPiece.load(input.pieceId);
  if (!piece) throw notFound(`No existe la pieza de campaña ${input.pieceId}.`);
  await writableCampaign(ctx, piece.campaignId, 'pieceId');
  const reach = {
    peopleReached: input.peopleReached ?? null,
    impressions: input.impressions ?? null,
    listeners: input.listeners ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    const row = await setPieceReach(tx, piece.id, reach);
    await audit(ctx, tx, 'campaign.reach_reported', piece.campaignId, { pieceId: piece.id, ...reach });
    return row;
  });
}
