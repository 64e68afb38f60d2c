import { auditTrailField } from '@participa/audit-trail';
import { territoryById } from '@participa/reference';
import {
  badUserInput,
  loadExisting,
  loadReferenced,
  notFound,
  parseInput,
  requireSignedIn,
  uuid,
} from '@participa/subgraph-kit';
import { insertActivity, insertEvidence, insertProgressEntry, updateActivity } from '../data/activities.ts';
import { lockPlan } from '../data/plans.ts';
import type { ActivityRow, PlanRow } from '../db/schema.ts';
import { budgetTotals } from '../domain/budget.ts';
import { activityProgress, derivedStatus } from '../domain/progress.ts';
import type {
  MutationAddActivityArgs,
  MutationAddActivityEvidenceArgs,
  MutationRecordActivityProgressArgs,
  QueryActivityArgs,
  Resolvers,
} from '../generated/resolvers-types.ts';
import {
  type AddActivityInput,
  addActivityInput,
  addEvidenceInput,
  recordActivityProgressInput,
} from '../validation.ts';
import {
  audit,
  type Context,
  canSeeInternals,
  canSeePlan,
  ensureEditable,
  ensureExecuting,
  networkCodeOf,
  requirePlan,
  requirePlanWriter,
} from './context.ts';

const unique = <T>(values: readonly T[] | null | undefined) => [...new Set(values ?? [])];

/** Axes, lines, territories and dates that the input names must exist and fit the plan. */
async function checkActivityReferences(ctx: Context, data: AddActivityInput, plan: PlanRow) {
  const axes = new Set((await ctx.loaders.axes.load('all')).map((a) => a.code));
  const unknownAxis = data.axisCodes.find((code) => !axes.has(code));
  if (unknownAxis) {
    throw badUserInput(
      'axisCodes',
      `Campo "axisCodes": el eje estratégico "${unknownAxis}" no existe (EJE1 a EJE5).`,
    );
  }
  const lines = await ctx.loaders.line.loadMany(unique(data.actionLineIds));
  for (const [i, line] of lines.entries()) {
    const id = unique(data.actionLineIds)[i];
    if (!line || line instanceof Error)
      throw badUserInput('actionLineIds', `Campo "actionLineIds": no existe la línea de acción ${id}.`);
    if (line.retiredAt)
      throw badUserInput('actionLineIds', `Campo "actionLineIds": la línea "${line.name}" fue retirada.`);
    if (!data.axisCodes.includes(line.axisCode)) {
      throw badUserInput(
        'actionLineIds',
        `Campo "actionLineIds": la línea "${line.code}" es del eje ${line.axisCode}, que la actividad no tiene.`,
      );
    }
  }
  const unknownTerritory = unique(data.territoryIds).find((id) => !territoryById(id));
  if (unknownTerritory)
    throw badUserInput('territoryIds', `Campo "territoryIds": no existe el territorio ${unknownTerritory}.`);
  const year = String(plan.year);
  if (!data.startDate.startsWith(year))
    throw badUserInput('startDate', `Campo "startDate": debe estar dentro del año del plan (${year}).`);
  if (!data.endDate.startsWith(year))
    throw badUserInput('endDate', `Campo "endDate": debe estar dentro del año del plan (${year}).`);
}

/** An activity the caller may see (its plan is visible), for a mutation: NOT_FOUND otherwise. */
export async function requireActivity(
  ctx: Context,
  id: string,
): Promise<{ activity: ActivityRow; plan: PlanRow }> {
  requireSignedIn(ctx.identity);
  const activity = await ctx.loaders.activity.load(id);
  const plan = activity ? await ctx.loaders.plan.load(activity.planId) : null;
  if (!activity || !plan || !canSeePlan(ctx.identity, plan)) throw notFound(`No existe la actividad ${id}.`);
  return { activity, plan };
}

/** Activities whose plan the caller may see (plans are batched through the loader). */
async function visibleActivities(ctx: Context, activities: ActivityRow[]) {
  const plans = await loadExisting(ctx.loaders.plan, unique(activities.map((a) => a.planId)));
  const visiblePlans = new Set(plans.filter((p) => canSeePlan(ctx.identity, p)).map((p) => p.id));
  return activities.filter((a) => visiblePlans.has(a.planId));
}

export const activityResolvers = {
  Query: {
    async activity(_: unknown, { id }: QueryActivityArgs, ctx: Context) {
      if (!uuid().safeParse(id).success) return null;
      const activity = await ctx.loaders.activity.load(id);
      return activity && (await visibleActivities(ctx, [activity])).length > 0 ? activity : null;
    },
  },

  Mutation: {
    async addActivity(_: unknown, { input }: MutationAddActivityArgs, ctx: Context) {
      const data = parseInput(addActivityInput, input);
      const plan = await requirePlan(ctx, data.planId, 'planId');
      requirePlanWriter(ctx, plan, 'addActivity');
      ensureEditable(plan);
      await checkActivityReferences(ctx, data, plan);
      return ctx.db.transaction(async (tx) => {
        ensureEditable(await lockPlan(tx, plan.id));
        const row = await insertActivity(tx, {
          planId: plan.id,
          title: data.title,
          description: data.description ?? null,
          axisCodes: unique(data.axisCodes),
          actionLineIds: unique(data.actionLineIds),
          territoryIds: unique(data.territoryIds),
          organizationIds: unique(data.responsibleOrganizationIds),
          procedures: unique(data.procedures),
          phases: unique(data.phases),
          startDate: data.startDate,
          endDate: data.endDate,
          goalQuantity: data.goalQuantity,
          goalUnit: data.goalUnit,
        });
        await audit(tx, ctx, 'activity.added', 'Activity', row.id, { planId: plan.id });
        return row;
      });
    },

    async recordActivityProgress(_: unknown, { input }: MutationRecordActivityProgressArgs, ctx: Context) {
      const data = parseInput(recordActivityProgressInput, input);
      const { activity, plan } = await requireActivity(ctx, data.activityId);
      requirePlanWriter(ctx, plan, 'recordActivityProgress');
      ensureExecuting(plan);
      const status = data.status ?? derivedStatus(data.executedQuantity, activity.goalQuantity);
      return ctx.db.transaction(async (tx) => {
        ensureExecuting(await lockPlan(tx, plan.id));
        const row = await updateActivity(tx, activity.id, {
          executedQuantity: data.executedQuantity,
          status,
        });
        await insertProgressEntry(tx, {
          activityId: activity.id,
          executedQuantity: data.executedQuantity,
          status,
          note: data.note ?? null,
          recordedBy: ctx.identity.sub,
          recordedByName: ctx.identity.name,
        });
        await audit(tx, ctx, 'activity.progress', 'Activity', activity.id, {
          executedQuantity: data.executedQuantity,
          status,
        });
        return row;
      });
    },

    async addActivityEvidence(_: unknown, { input }: MutationAddActivityEvidenceArgs, ctx: Context) {
      const data = parseInput(addEvidenceInput, input);
      const { activity, plan } = await requireActivity(ctx, data.activityId);
      requirePlanWriter(ctx, plan, 'addActivityEvidence');
      ensureExecuting(plan);
      return ctx.db.transaction(async (tx) => {
        const row = await insertEvidence(tx, { ...data, activityId: activity.id });
        await audit(tx, ctx, 'activity.evidence_added', 'Activity', activity.id, { kind: data.kind });
        return row;
      });
    },
  },

  Activity: {
    async __resolveReference(ref: { id: string }, ctx: Context) {
      const activity = await ctx.loaders.activity.load(ref.id);
      return activity && (await visibleActivities(ctx, [activity])).length > 0 ? activity : null;
    },
    plan: (a: ActivityRow, _: unknown, ctx: Context) => loadReferenced(ctx.loaders.plan, a.planId),
    async axes(a: ActivityRow, _: unknown, ctx: Context) {
      const axes = await ctx.loaders.axes.load('all');
      return axes.filter((axis) => a.axisCodes.includes(axis.code));
    },
    actionLines: (a: ActivityRow, _: unknown, ctx: Context) =>
      loadExisting(ctx.loaders.line, a.actionLineIds),
    territories: (a: ActivityRow) => a.territoryIds.map((id) => ({ id })),
    responsibleOrganizations: (a: ActivityRow) => a.organizationIds.map((id) => ({ id })),
    progress: (a: ActivityRow) => activityProgress(a.executedQuantity, a.goalQuantity),
    evidence: (a: ActivityRow, _: unknown, ctx: Context) => ctx.loaders.evidenceOfActivity.load(a.id),
    async progressHistory(a: ActivityRow, _: unknown, ctx: Context) {
      const [entries, plan] = await Promise.all([
        ctx.loaders.progressOfActivity.load(a.id),
        ctx.loaders.plan.load(a.planId),
      ]);
      const showAuthor = plan !== null && canSeeInternals(ctx.identity, plan.networkId);
      return entries.map((e) => ({
        ...e,
        recordedBy: showAuthor ? (e.recordedByName ?? e.recordedBy) : null,
      }));
    },
    budgetItems: (a: ActivityRow, _: unknown, ctx: Context) => ctx.loaders.budgetOfActivity.load(a.id),
    budgetPlanned: async (a: ActivityRow, _: unknown, ctx: Context) =>
      budgetTotals(await ctx.loaders.budgetOfActivity.load(a.id)).planned,
    budgetExecuted: async (a: ActivityRow, _: unknown, ctx: Context) =>
      budgetTotals(await ctx.loaders.budgetOfActivity.load(a.id)).executed,
    carriedFrom: (a: ActivityRow, _: unknown, ctx: Context) =>
      a.carriedFromId ? ctx.loaders.activity.load(a.carriedFromId) : null,
    auditTrail: auditTrailField<ActivityRow, Context>('Activity', async (a, ctx) => {
      const plan = await ctx.loaders.plan.load(a.planId);
      return plan ? networkCodeOf(plan.networkId) : null;
    }),
  },

  Territory: {
    activities: async (t: { id: string }, _: unknown, ctx: Context) =>
      visibleActivities(ctx, await ctx.loaders.activitiesOfTerritory.load(t.id)),
  },

  Organization: {
    activities: async (o: { id: string }, _: unknown, ctx: Context) =>
      visibleActivities(ctx, await ctx.loaders.activitiesOfOrganization.load(o.id)),
  },
} satisfies Resolvers;
