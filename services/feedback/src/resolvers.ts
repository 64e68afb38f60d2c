import { auditTrailField, auditTrailResolvers } from '@participa/audit-trail';
import { lifeStageOf, yearInBogota } from '@participa/characterization';
import { networkById } from '@participa/reference';
import { authorize, inNetwork, may } from '@participa/subgraph-kit';
import { canReadPqrs, networkCodeOf } from './access.ts';
import type { Context } from './context.ts';
import type { PqrsRow } from './db/schema.ts';
import { isOverdue } from './domain.ts';
import type {
  FacilityPqrsArgs,
  MutationAddPqrsNoteArgs,
  MutationAssignPqrsArgs,
  MutationClosePqrsArgs,
  MutationExtendPqrsDeadlineArgs,
  MutationRatePqrsResponseArgs,
  MutationReopenPqrsArgs,
  MutationRespondToPqrsArgs,
  MutationSubmitPqrsArgs,
  MutationTransferPqrsArgs,
  NetworkPqrsArgs,
  NetworkPqrsStatsArgs,
  QueryPqrsArgs,
  QueryPqrsListArgs,
  QueryTrackPqrsArgs,
  Resolvers,
  TerritoryPqrsArgs,
} from './generated/resolvers-types.ts';
import { submitPqrs } from './intake.ts';
import {
  addPqrsNote,
  assignPqrs,
  closePqrs,
  extendPqrsDeadline,
  reopenPqrs,
  respondToPqrs,
  transferPqrs,
} from './lifecycle.ts';
import { unseal } from './secrets.ts';
import { type PetitionerData, pqrsIdInput, responseChannelOf } from './validation.ts';
import { listPqrs, networkStats, ratePqrsResponse, ratingOf, statsBreakdown, trackPqrs } from './views.ts';

/** A PQRS the caller may read, else null (other networks' PQRS look like unknown ones). */
async function readablePqrs(ctx: Context, id: string | null): Promise<PqrsRow | null> {
  if (!id || !pqrsIdInput.safeParse(id).success) return null;
  const row = await ctx.loaders.pqrs.load(id);
  return row && canReadPqrs(ctx.identity, row) ? row : null;
}

const stub = (id: string | null) => (id ? { id } : null);

export const resolvers = {
  ...auditTrailResolvers,
  Query: {
    trackPqrs: (_: unknown, args: QueryTrackPqrsArgs, ctx: Context) =>
      trackPqrs(ctx, args.radicado, args.trackingCode),
    pqrsList: (_: unknown, args: QueryPqrsListArgs, ctx: Context) => listPqrs(ctx, args),
    pqrs: (_: unknown, { id }: QueryPqrsArgs, ctx: Context) => {
      authorize(
        ctx.identity,
        'pqrs',
        {},
        'Solo el personal de las redes y la Secretaría de Salud consultan PQRS.',
      );
      return readablePqrs(ctx, id);
    },
  },

  Mutation: {
    submitPqrs: (_: unknown, { input }: MutationSubmitPqrsArgs, ctx: Context) => submitPqrs(ctx, input),
    assignPqrs: (_: unknown, { input }: MutationAssignPqrsArgs, ctx: Context) => assignPqrs(ctx, input),
    addPqrsNote: (_: unknown, { input }: MutationAddPqrsNoteArgs, ctx: Context) => addPqrsNote(ctx, input),
    respondToPqrs: (_: unknown, { input }: MutationRespondToPqrsArgs, ctx: Context) =>
      respondToPqrs(ctx, input),
    extendPqrsDeadline: (_: unknown, { input }: MutationExtendPqrsDeadlineArgs, ctx: Context) =>
      extendPqrsDeadline(ctx, input),
    transferPqrs: (_: unknown, { input }: MutationTransferPqrsArgs, ctx: Context) => transferPqrs(ctx, input),
    closePqrs: (_: unknown, { id }: MutationClosePqrsArgs, ctx: Context) => closePqrs(ctx, id),
    reopenPqrs: (_: unknown, { input }: MutationReopenPqrsArgs, ctx: Context) => reopenPqrs(ctx, input),
    ratePqrsResponse: (_: unknown, { input }: MutationRatePqrsResponseArgs, ctx: Context) =>
      ratePqrsResponse(ctx, input),
  },

  Pqrs: {
    __resolveReference: (ref: { id: string }, ctx: Context) => readablePqrs(ctx, ref.id),
    network: (row: PqrsRow) => ({ id: row.networkId }),
    facility: (row: PqrsRow) => stub(row.facilityId),
    territory: (row: PqrsRow) => stub(row.territoryId),
    overdue: (row: PqrsRow) => isOverdue(row, new Date()),
    rating: (row: PqrsRow) => ratingOf(row),
    transferredFrom: (row: PqrsRow, _: unknown, ctx: Context) => readablePqrs(ctx, row.transferredFromId),
    transferredTo: (row: PqrsRow, _: unknown, ctx: Context) => readablePqrs(ctx, row.transferredToId),
    async petitioner(row: PqrsRow, _: unknown, ctx: Context) {
      if (!row.petitionerSealed || !may(ctx.identity, 'Pqrs.petitioner', inNetwork(networkCodeOf(row))))
        return null;
      await ctx.loaders.personalDataReads.record('Pqrs', row.id);
      return unseal<PetitionerData>(row.petitionerSealed, row.id);
    },
    async timeline(row: PqrsRow, _: unknown, ctx: Context) {
      if (!may(ctx.identity, 'Pqrs.internals', inNetwork(networkCodeOf(row)))) return null;
      return ctx.loaders.eventsOfPqrs.load(row.id);
    },
    auditTrail: auditTrailField<PqrsRow, Context>('Pqrs', (row) => networkCodeOf(row), {
      citizenActions: ['pqrs.submitted', 'pqrs.rated'],
    }),
  },

  Petitioner: {
    // Stored as the older English value (sealed with the PQRS); shown in the schema's Spanish one too.
    responseChannel: (petitioner: PetitionerData) => responseChannelOf(petitioner.preferredChannel),
  },
  Characterization: {
    // Only the birth year is asked: the curso de vida is the one reached this year.
    lifeStage: (data: { birthYear?: number | null }) =>
      data.birthYear ? lifeStageOf(data.birthYear, yearInBogota(new Date())) : null,
    territory: (data: { territoryId?: string | null }) => stub(data.territoryId ?? null),
  },

  PqrsStats: {
    byType: statsBreakdown('type'),
    byChannel: statsBreakdown('channel'),
    byStatus: statsBreakdown('status'),
    byMonth: statsBreakdown('month'),
    byFacility: async (...args: Parameters<ReturnType<typeof statsBreakdown>>) =>
      (await statsBreakdown('facility')(...args)).map(({ key, count }) => ({ facility: stub(key), count })),
  },

  Network: {
    __resolveReference: (ref: { id: string }) => ref,
    pqrs: (network: { id: string }, args: NetworkPqrsArgs, ctx: Context) =>
      listPqrs(ctx, args, { networkCode: networkById(network.id)?.code ?? 'DESCONOCIDA' }),
    pqrsStats(network: { id: string }, args: NetworkPqrsStatsArgs, ctx: Context) {
      const code = networkById(network.id)?.code ?? 'DESCONOCIDA';
      authorize(
        ctx.identity,
        'Network.pqrsStats',
        inNetwork(code),
        `No tiene permiso para consultar las estadísticas de PQRS de la red ${code}.`,
      );
      return networkStats(ctx, network.id, args);
    },
  },

  Facility: {
    __resolveReference: (ref: { id: string }) => ref,
    pqrs: (facility: { id: string }, args: FacilityPqrsArgs, ctx: Context) =>
      listPqrs(ctx, args, { facilityId: facility.id }),
  },

  Territory: {
    __resolveReference: (ref: { id: string }) => ref,
    pqrs: (territory: { id: string }, args: TerritoryPqrsArgs, ctx: Context) =>
      listPqrs(ctx, args, { territoryId: territory.id }),
  },
} satisfies Resolvers;
