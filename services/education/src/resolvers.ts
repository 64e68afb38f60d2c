import { auditTrailField, auditTrailResolvers } from '@participa/audit-trail';
import { requireNetwork } from '@participa/reference';
import {
  authorize,
  badUserInput,
  cursorPart,
  decodeCursor,
  inNetwork,
  may,
  pageSize,
  parseInput,
  toConnection,
  uuid,
  z,
} from '@participa/subgraph-kit';
import {
  type Context,
  canSeeParticipants,
  networkCodeOf,
  requireWorkshop,
  STATS_REFUSAL,
} from './context.ts';
import { countMaterials, findMaterialsPage } from './data/materials.ts';
import { characterizationOf, workshopsByStatus } from './data/participation.ts';
import { countRegistrations, findRegistrationsPage } from './data/registrations.ts';
import {
  countWorkshops,
  findWorkshopsPage,
  type ParentColumn,
  type WorkshopQuery,
} from './data/workshops.ts';
import type { MaterialRow, RegistrationRow, WorkshopRow } from './db/schema.ts';
import { seatsLeft, territoryWithChildren } from './domain.ts';
import type {
  MutationCancelRegistrationArgs,
  MutationCancelWorkshopArgs,
  MutationCreateMaterialArgs,
  MutationEraseParticipantDataArgs,
  MutationRecordAttendanceArgs,
  MutationRecordCommunityDayServicesArgs,
  MutationRecordEvaluationArgs,
  MutationRegisterForWorkshopArgs,
  MutationRescheduleWorkshopArgs,
  MutationScheduleWorkshopArgs,
  MutationUseMaterialsArgs,
  NetworkWorkshopsArgs,
  QueryMaterialsArgs,
  QueryParticipationStatsArgs,
  QueryWorkshopArgs,
  QueryWorkshopsArgs,
  Resolvers,
  TerritoryWorkshopsArgs,
  WorkshopFilter,
  WorkshopRegistrationsArgs,
} from './generated/resolvers-types.ts';
import { breakdownOf, type TerritoryCount } from './participation.ts';
import type { RegistrationResult } from './registrations.ts';
import * as registrationFlow from './registrations.ts';
import {
  cancelWorkshopInput,
  checkInCode,
  createMaterialInput,
  eraseParticipantDataInput,
  recordAttendanceInput,
  recordCommunityDayServicesInput,
  recordEvaluationInput,
  registerForWorkshopInput,
  rescheduleWorkshopInput,
  scheduleWorkshopInput,
  useMaterialsInput,
} from './validation.ts';
import * as workshopFlow from './workshops.ts';

type Args<T = Record<string, unknown>> = T;
/** The arguments of every workshop list (`Query.workshops`, `Network.workshops`, `Territory.workshops`). */
type WorkshopPageArgs = QueryWorkshopsArgs;

const filterIds = z.object({
  filter: z.object({ territoryId: uuid().nullish(), activityId: uuid().nullish() }),
});
const stub = (typename: string, id: string | null) => (id ? { __typename: typename, id } : null);

/** The filter of every workshop list. */
function workshopQueryOf(filter: WorkshopFilter | null | undefined): WorkshopQuery {
  const f = filter ?? {};
  const ids = parseInput(filterIds, {
    filter: { territoryId: f.territoryId, activityId: f.activityId },
  }).filter;
  const territoryId = ids.territoryId;
  return {
    from: f.from ?? null,
    to: f.to ?? null,
    topic: f.topic,
    kind: f.kind,
    status: f.status,
    activityId: ids.activityId,
    hasSeatsLeft: f.hasSeatsLeft,
    ...(f.networkCode ? { networkId: requireNetwork(f.networkCode, 'filter.networkCode').id } : {}),
    ...(territoryId ? { territoryIds: territoryWithChildren(territoryId) } : {}),
  };
}

/** Workshop lists are keyed on (startsAt, id). */
function workshopCursor(after: string | null | undefined) {
  const key = decodeCursor(after, [cursorPart.instant, cursorPart.id]);
  return key ? { startsAt: key[0], id: key[1] } : null;
}

async function workshopPage(ctx: Context, args: WorkshopPageArgs) {
  const size = pageSize(args.first);
  const after = workshopCursor(args.after);
  const query = workshopQueryOf(args.filter);
  const rows = await findWorkshopsPage(ctx.db, query, after, size + 1);
  for (const row of rows) ctx.loaders.workshop.prime(row.id, row);
  return toConnection(
    rows,
    size,
    (w) => [w.startsAt.toISOString(), w.id],
    () => countWorkshops(ctx.db, query),
  );
}

/** `Network.workshops`, `Territory.workshops`: batched over every parent of the request. */
async function parentWorkshopPage(
  ctx: Context,
  column: ParentColumn,
  parentId: string,
  args: WorkshopPageArgs,
) {
  const size = pageSize(args.first);
  const after = workshopCursor(args.after);
  const loaders = ctx.loaders.workshopPagesOf(column, workshopQueryOf(args.filter), after, size + 1);
  const rows = (await loaders.page.load(parentId)).map((row) => row.workshop);
  for (const row of rows) ctx.loaders.workshop.prime(row.id, row);
  return toConnection(
    rows,
    size,
    (w) => [w.startsAt.toISOString(), w.id],
    async () => (await loaders.count.load(parentId)).value,
  );
}

/** A day in Bogotá (UTC−5, no daylight saving) as the instant it starts. */
const bogotaDayStart = (day: string) => new Date(`${day}T00:00:00-05:00`);
const DAY_MS = 86_400_000;

function territoryCounts(counts: TerritoryCount[]) {
  return counts.map(({ territoryId, ...rest }) => ({ territory: stub('Territory', territoryId), ...rest }));
}

function breakdownResult(rows: Parameters<typeof breakdownOf>[0]) {
  const breakdown = breakdownOf(rows);
  return { ...breakdown, byComuna: territoryCounts(breakdown.byComuna) };
}

export const resolvers = {
  ...auditTrailResolvers,
  Query: {
    workshops: (_: unknown, args: QueryWorkshopsArgs, ctx: Context) => workshopPage(ctx, args),
    workshop: (_: unknown, { id }: QueryWorkshopArgs, ctx: Context) =>
      uuid().safeParse(id).success ? ctx.loaders.workshop.load(id) : null,

    async materials(_: unknown, args: QueryMaterialsArgs, ctx: Context) {
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.instant, cursorPart.id]);
      const filter = args.filter ?? {};
      const query = {
        networkId: filter.networkCode
          ? requireNetwork(filter.networkCode, 'filter.networkCode').id
          : undefined,
        topic: filter.topic as MaterialRow['topic'] | undefined,
        kind: filter.kind as MaterialRow['kind'] | undefined,
      };
      const after = cursor ? { createdAt: cursor[0], id: cursor[1] } : null;
      const rows = await findMaterialsPage(ctx.db, query, after, size + 1);
      return toConnection(
        rows,
        size,
        (m) => [m.createdAt.toISOString(), m.id],
        () => countMaterials(ctx.db, query),
      );
    },

    async participationStats(_: unknown, { filter }: QueryParticipationStatsArgs, ctx: Context) {
      authorize(ctx.identity, 'participationStats', {}, STATS_REFUSAL);
      if (filter.from && filter.to && filter.to < filter.from) {
        throw badUserInput('filter.to', 'Campo "filter.to": debe ser igual o posterior a "from".');
      }
      const query: WorkshopQuery = {
        networkId: filter.networkCode
          ? requireNetwork(filter.networkCode, 'filter.networkCode').id
          : undefined,
        from: filter.from ? bogotaDayStart(filter.from) : null,
        to: filter.to ? new Date(bogotaDayStart(filter.to).getTime() + DAY_MS) : null,
        topic: filter.topic as WorkshopQuery['topic'],
      };
      const [statuses, rows] = await Promise.all([
        workshopsByStatus(ctx.db, query),
        characterizationOf(ctx.db, query),
      ]);
      return {
        workshopsScheduled: statuses.SCHEDULED,
        workshopsHeld: statuses.HELD,
        workshopsCancelled: statuses.CANCELLED,
        breakdown: breakdownResult(rows),
      };
    },
  },

  Mutation: {
    scheduleWorkshop: (_: unknown, { input }: MutationScheduleWorkshopArgs, ctx: Context) =>
      workshopFlow.schedule(ctx, parseInput(scheduleWorkshopInput, input)),
    rescheduleWorkshop: (_: unknown, { input }: MutationRescheduleWorkshopArgs, ctx: Context) =>
      workshopFlow.reschedule(ctx, parseInput(rescheduleWorkshopInput, input)),
    cancelWorkshop(_: unknown, args: MutationCancelWorkshopArgs, ctx: Context) {
      const data = parseInput(cancelWorkshopInput, args);
      return workshopFlow.cancelWorkshop(ctx, data.id, data.reason);
    },
    recordCommunityDayServices: (
      _: unknown,
      { input }: MutationRecordCommunityDayServicesArgs,
      ctx: Context,
    ) => workshopFlow.recordCommunityDayServices(ctx, parseInput(recordCommunityDayServicesInput, input)),
    recordEvaluation: (_: unknown, { input }: MutationRecordEvaluationArgs, ctx: Context) =>
      workshopFlow.recordEvaluation(ctx, parseInput(recordEvaluationInput, input)),
    createMaterial: (_: unknown, { input }: MutationCreateMaterialArgs, ctx: Context) =>
      workshopFlow.createMaterial(ctx, parseInput(createMaterialInput, input)),
    useMaterials(_: unknown, args: MutationUseMaterialsArgs, ctx: Context) {
      const data = parseInput(useMaterialsInput, args);
      return workshopFlow.useMaterials(ctx, data.workshopId, data.materialIds);
    },

    registerForWorkshop(_: unknown, { input }: MutationRegisterForWorkshopArgs, ctx: Context) {
      const data = parseInput(registerForWorkshopInput, input);
      return registrationFlow.register(ctx, data.workshopId, data.participant);
    },
    cancelRegistration(_: unknown, args: MutationCancelRegistrationArgs, ctx: Context) {
      const id = parseInput(z.object({ id: uuid() }), args).id;
      return registrationFlow.cancel(ctx, id, parseInput(checkInCode, args.checkInCode));
    },
    recordAttendance: (_: unknown, { input }: MutationRecordAttendanceArgs, ctx: Context) =>
      registrationFlow.recordAttendance(ctx, parseInput(recordAttendanceInput, input)),
    eraseParticipantData(_: unknown, args: MutationEraseParticipantDataArgs, ctx: Context) {
      const data = parseInput(eraseParticipantDataInput, args);
      return registrationFlow.erase(ctx, data.registrationId, data);
    },
  },

  Workshop: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.workshop.load(ref.id),
    network: (w: WorkshopRow) => ({ __typename: 'Network', id: w.networkId }),
    territory: (w: WorkshopRow) => stub('Territory', w.territoryId),
    venue: (w: WorkshopRow) => stub('Facility', w.facilityId),
    activity: (w: WorkshopRow) => stub('Activity', w.activityId),
    scheduleChanges: (w: WorkshopRow, _: Args, ctx: Context) => ctx.loaders.scheduleChanges.load(w.id),
    registeredCount: async (w: WorkshopRow, _: Args, ctx: Context) =>
      (await ctx.loaders.counts.load(w.id)).registered,
    waitlistCount: async (w: WorkshopRow, _: Args, ctx: Context) =>
      (await ctx.loaders.counts.load(w.id)).waitlisted,
    attendedCount: async (w: WorkshopRow, _: Args, ctx: Context) =>
      (await ctx.loaders.counts.load(w.id)).attended,
    seatsLeft: async (w: WorkshopRow, _: Args, ctx: Context) =>
      w.status !== 'SCHEDULED' ? 0 : seatsLeft(w.capacity, (await ctx.loaders.counts.load(w.id)).registered),
    materials: async (w: WorkshopRow, _: Args, ctx: Context) =>
      (await ctx.loaders.materialsOfWorkshop.load(w.id)).map((l) => l.material),
    async registrations(w: WorkshopRow, args: WorkshopRegistrationsArgs, ctx: Context) {
      // Hidden like any personal data: an empty page, never an error that would wipe out the list
      // of workshops around it (the field is non-null).
      const size = pageSize(args.first);
      if (!may(ctx.identity, 'Workshop.registrations', inNetwork(networkCodeOf(w)))) {
        return toConnection(
          [],
          size,
          () => [],
          async () => 0,
        );
      }
      const cursor = decodeCursor(args.after, [cursorPart.position]);
      const rows = await findRegistrationsPage(
        ctx.db,
        w.id,
        args.status,
        cursor ? cursor[0] : null,
        size + 1,
      );
      return toConnection(
        rows,
        size,
        (r) => [r.seq],
        () => countRegistrations(ctx.db, w.id, args.status),
      );
    },
    async participation(w: WorkshopRow, _: Args, ctx: Context) {
      if (!may(ctx.identity, 'Workshop.participation')) return null;
      return breakdownResult(await ctx.loaders.characterization.load(w.id));
    },
    async evaluationSummary(w: WorkshopRow, _: Args, ctx: Context) {
      const summary = await ctx.loaders.evaluationSummary.load(w.id);
      return {
        ...summary,
        positivePercent: summary.count ? (100 * summary.positive) / summary.count : null,
      };
    },
    auditTrail: auditTrailField<WorkshopRow, Context>('Workshop', (w) => networkCodeOf(w)),
  },

  Registration: {
    workshop: (r: RegistrationRow, _: Args, ctx: Context) => requireWorkshop(ctx, r.workshopId),
    async waitlistPosition(r: RegistrationRow, _: Args, ctx: Context) {
      if (r.status !== 'WAITLISTED') return null;
      return (await ctx.loaders.waitlist.load(r.workshopId)).findIndex((w) => w.id === r.id) + 1 || null;
    },
    async checkInCode(r: RegistrationResult, _: Args, ctx: Context) {
      if (r.revealCheckInCode) return r.checkInCode;
      return canSeeParticipants(ctx.identity, await requireWorkshop(ctx, r.workshopId))
        ? r.checkInCode
        : null;
    },
    attended: (r: RegistrationRow) => r.attendedAt !== null,
    erased: (r: RegistrationRow) => r.erasedAt !== null,
    async participant(r: RegistrationRow, _: Args, ctx: Context) {
      if (r.erasedAt || !canSeeParticipants(ctx.identity, await requireWorkshop(ctx, r.workshopId)))
        return null;
      await ctx.loaders.personalDataReads.record('Workshop', r.workshopId, r.id);
      return r;
    },
    async characterization(r: RegistrationRow, _: Args, ctx: Context) {
      if (!canSeeParticipants(ctx.identity, await requireWorkshop(ctx, r.workshopId))) return null;
      return { ...r, territory: stub('Territory', r.territoryId) };
    },
  },

  Material: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.material.load(ref.id),
    network: (m: MaterialRow) => stub('Network', m.networkId),
    workshops: async (m: MaterialRow, _: Args, ctx: Context) =>
      (await ctx.loaders.workshopsOfMaterial.load(m.id)).map((l) => l.workshop),
  },

  Network: {
    __resolveReference: (ref: { id: string }) => ref,
    workshops: (n: { id: string }, args: NetworkWorkshopsArgs, ctx: Context) =>
      parentWorkshopPage(ctx, 'networkId', n.id, args),
  },

  Territory: {
    __resolveReference: (ref: { id: string }) => ref,
    workshops: (t: { id: string }, args: TerritoryWorkshopsArgs, ctx: Context) =>
      parentWorkshopPage(ctx, 'territoryId', t.id, args),
  },

  Activity: {
    __resolveReference: (ref: { id: string }) => ref,
    workshops: (a: { id: string }, _: Args, ctx: Context) => ctx.loaders.workshopsOfActivity.load(a.id),
  },
} satisfies Resolvers;
