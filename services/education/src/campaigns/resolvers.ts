import { requireNetwork } from '@participa/reference';
import {
  cursorPart,
  decodeCursor,
  loadReferenced,
  pageSize,
  parseInput,
  toConnection,
} from '@participa/subgraph-kit';
import type { Context } from '../context.ts';
import type { CampaignPieceRow, CampaignRow } from '../db/schema.ts';
import type {
  MutationAddCampaignPieceArgs,
  MutationCreateCampaignArgs,
  MutationReportCampaignReachArgs,
  QueryCampaignArgs,
  QueryCampaignReachArgs,
  QueryCampaignsArgs,
  Resolvers,
} from '../generated/resolvers-types.ts';
import { type CampaignQuery, countCampaigns, findCampaignsPage, reachTotals } from './data.ts';
import { addPiece, createCampaign, reportReach } from './flows.ts';
import { campaignFilter, idInput, reachFilter } from './validation.ts';

const stub = (typename: string, id: string | null) => (id ? { __typename: typename, id } : null);

/** Sums of reported reach of some pieces. */
function sumReach(pieces: readonly CampaignPieceRow[]) {
  return pieces.reduce(
    (sum, p) => ({
      pieces: sum.pieces + 1,
      peopleReached: sum.peopleReached + (p.peopleReached ?? 0),
      impressions: sum.impressions + (p.impressions ?? 0),
      listeners: sum.listeners + (p.listeners ?? 0),
    }),
    { pieces: 0, peopleReached: 0, impressions: 0, listeners: 0 },
  );
}

export const campaignResolvers = {
  Query: {
    async campaigns(_: unknown, args: QueryCampaignsArgs, ctx: Context) {
      const filter = parseInput(campaignFilter, args.filter) ?? {};
      const query: CampaignQuery = {
        networkId: filter.networkCode
          ? requireNetwork(filter.networkCode, 'filter.networkCode').id
          : undefined,
        activityId: filter.activityId,
        from: filter.from,
        to: filter.to,
      };
      const size = pageSize(args.first);
      const key = decodeCursor(args.after, [cursorPart.instant, cursorPart.id]);
      const after = key ? { createdAt: key[0], id: key[1] } : null;
      const rows = await findCampaignsPage(ctx.db, query, after, size + 1);
      for (const row of rows) ctx.loaders.campaign.prime(row.id, row);
      return toConnection(
        rows,
        size,
        (c) => [c.createdAt.toISOString(), c.id],
        () => countCampaigns(ctx.db, query),
      );
    },
    campaign: (_: unknown, { id }: QueryCampaignArgs, ctx: Context) =>
      idInput.safeParse(id).success ? ctx.loaders.campaign.load(id) : null,
    async campaignReach(_: unknown, args: QueryCampaignReachArgs, ctx: Context) {
      const filter = parseInput(reachFilter, args.filter ?? {});
      const network = filter.networkCode ? requireNetwork(filter.networkCode, 'filter.networkCode') : null;
      const { byChannel, byNetwork } = await reachTotals(ctx.db, {
        networkId: network?.id,
        from: filter.from,
        to: filter.to,
      });
      const total = byChannel.reduce(
        (sum, r) => ({
          pieces: sum.pieces + r.pieces,
          peopleReached: sum.peopleReached + r.peopleReached,
          impressions: sum.impressions + r.impressions,
          listeners: sum.listeners + r.listeners,
        }),
        { pieces: 0, peopleReached: 0, impressions: 0, listeners: 0 },
      );
      return {
        ...total,
        byChannel,
        byNetwork: byNetwork.map(({ networkId, ...sums }) => ({
          network: stub('Network', networkId),
          ...sums,
        })),
      };
    },
  },

  Mutation: {
    createCampaign: (_: unknown, { input }: MutationCreateCampaignArgs, ctx: Context) =>
      createCampaign(ctx, input),
    addCampaignPiece: (_: unknown, { input }: MutationAddCampaignPieceArgs, ctx: Context) =>
      addPiece(ctx, input),
    reportCampaignReach: (_: unknown, { input }: MutationReportCampaignReachArgs, ctx: Context) =>
      reportReach(ctx, input),
  },

  Campaign: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.campaign.load(ref.id),
    network: (c: CampaignRow) => stub('Network', c.networkId),
    activity: (c: CampaignRow) => stub('Activity', c.activityId),
    pieces: (c: CampaignRow, _: unknown, ctx: Context) => ctx.loaders.piecesOfCampaign.load(c.id),
    reach: async (c: CampaignRow, _: unknown, ctx: Context) =>
      sumReach(await ctx.loaders.piecesOfCampaign.load(c.id)),
  },

  CampaignPiece: {
    campaign: (p: CampaignPieceRow, _: unknown, ctx: Context) =>
      loadReferenced(ctx.loaders.campaign, p.campaignId),
    territory: (p: CampaignPieceRow) => stub('Territory', p.territoryId),
    materials: async (p: CampaignPieceRow, _: unknown, ctx: Context) =>
      (await ctx.loaders.materialsOfPiece.load(p.id)).map((l) => l.material),
  },

  Activity: {
    campaigns: (a: { id: string }, _: unknown, ctx: Context) => ctx.loaders.campaignsOfActivity.load(a.id),
  },
} satisfies Resolvers;
