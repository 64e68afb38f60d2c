import { auditTrailField } from '@participa/audit-trail';
import { emit } from '@participa/outbox';
import { REFERENCE_NETWORKS, requireNetwork } from '@participa/reference';
import {
  authorize,
  conflict,
  cursorPart,
  decodeCursor,
  inNetwork,
  may,
  notYourNetwork,
  pageSize,
  parseInput,
  SECRETARIAT_ONLY,
  toConnection,
  uuid,
} from '@participa/subgraph-kit';
import { countPlans, findPlans, findPlansPage, insertPlan, movePlan, updateDraft } from '../data/plans.ts';
import { outboxEvents, type PlanRow } from '../db/schema.ts';
import { type PlanAction, transition } from '../domain/lifecycle.ts';
import { planProgress } from '../domain/progress.ts';
import { type PlanEventKind, planEvent } from '../events.ts';
import type {
  MutationApproveActionPlanArgs,
  MutationCreateActionPlanArgs,
  MutationReturnActionPlanArgs,
  MutationSubmitActionPlanArgs,
  MutationUpdateActionPlanArgs,
  NetworkActionPlansArgs,
  QueryActionPlanArgs,
  QueryActionPlansArgs,
  QueryActionPlansConnectionArgs,
  Resolvers,
} from '../generated/resolvers-types.ts';
import {
  createActionPlanInput,
  idArgument,
  returnActionPlanInput,
  updateActionPlanInput,
  year,
} from '../validation.ts';
import { closePlan } from './closing.ts';
import {
  audit,
  type Context,
  canSeePlan,
  ensureEditable,
  networkCodeOf,
  requirePlan,
  requirePlanWriter,
} from './context.ts';

/** What the secretariat (a plan submitted) and the network's admins (returned, approved) hear of. */
const PLAN_EVENTS: Partial<Record<PlanAction, PlanEventKind>> = {
  SUBMIT: 'plan.submitted',
  RETURN: 'plan.returned',
  APPROVE: 'plan.approved',
};

/** Applies a lifecycle action; a concurrent change of status also ends in CONFLICT. */
async function applyTransition(
  ctx: Context,
  plan: PlanRow,
  action: PlanAction,
  changes: Partial<PlanRow> = {},
): Promise<PlanRow> {
  const result = transition(plan.status, action);
  if (!result.ok) throw conflict(result.message);
  return ctx.db.transaction(async (tx) => {
    const moved = await movePlan(tx, plan.id, plan.status, { ...changes, status: result.to });
    if (!moved)
      throw conflict('El estado del plan cambió mientras se procesaba la solicitud; consulte de nuevo.');
    await audit(tx, ctx, `action_plan.${action.toLowerCase()}`, 'ActionPlan', plan.id, {
      from: plan.status,
      to: result.to,
    });
    const kind = PLAN_EVENTS[action];
    if (kind) await emit(tx, outboxEvents, planEvent(kind, moved));
    return moved;
  });
}

const visible = (ctx: Context, plans: PlanRow[]) => plans.filter((p) => canSeePlan(ctx.identity, p));

export const planResolvers = {
  Query: {
    async actionPlans(_: unknown, args: QueryActionPlansArgs, ctx: Context) {
      const network = args.networkCode ? requireNetwork(args.networkCode) : null;
      const plans = await findPlans(ctx.db, {
        networkId: network?.id,
        year: args.year == null ? undefined : parseInput(year, args.year),
      });
      for (const plan of plans) ctx.loaders.plan.prime(plan.id, plan);
      return visible(ctx, plans);
    },
    async actionPlansConnection(_: unknown, args: QueryActionPlansConnectionArgs, ctx: Context) {
      const network = args.networkCode ? requireNetwork(args.networkCode) : null;
      const query = {
        networkId: network?.id,
        year: args.year == null ? undefined : parseInput(year, args.year),
        // Drafts are filtered in SQL, so a page is never short of what the caller may see.
        draftsOf: REFERENCE_NETWORKS.filter((n) =>
          may(ctx.identity, 'ActionPlan.draft', inNetwork(n.code)),
        ).map((n) => n.id),
      };
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.position, cursorPart.id]);
      const after = cursor ? { year: cursor[0], networkId: cursor[1] } : null;
      const rows = await findPlansPage(ctx.db, query, after, size + 1);
      for (const plan of rows) ctx.loaders.plan.prime(plan.id, plan);
      return toConnection(
        rows,
        size,
        (plan) => [plan.year, plan.networkId],
        () => countPlans(ctx.db, query),
      );
    },
    async actionPlan(_: unknown, { id }: QueryActionPlanArgs, ctx: Context) {
      if (!uuid().safeParse(id).success) return null;
      const plan = await ctx.loaders.plan.load(id);
      return plan && canSeePlan(ctx.identity, plan) ? plan : null;
    },
  },

  Mutation: {
    async createActionPlan(_: unknown, { input }: MutationCreateActionPlanArgs, ctx: Context) {
      const data = parseInput(createActionPlanInput, input);
      const network = requireNetwork(data.networkCode);
      authorize(ctx.identity, 'createActionPlan', inNetwork(network.code), notYourNetwork(network.code));
      return ctx.db.transaction(async (tx) => {
        const plan = await insertPlan(tx, {
          networkId: network.id,
          year: data.year,
          title: data.title,
          generalObjective: data.generalObjective,
          specificObjectives: data.specificObjectives ?? [],
          createdBy: ctx.identity.sub,
        });
        if (!plan) throw conflict(`La red ${network.code} ya tiene un plan de acción para ${data.year}.`);
        await audit(tx, ctx, 'action_plan.created', 'ActionPlan', plan.id, {
          network: network.code,
          year: data.year,
        });
        return plan;
      });
    },

    async updateActionPlan(_: unknown, { input }: MutationUpdateActionPlanArgs, ctx: Context) {
      const { id, ...changes } = parseInput(updateActionPlanInput, input);
      const plan = await requirePlan(ctx, id);
      requirePlanWriter(ctx, plan, 'updateActionPlan');
      ensureEditable(plan);
      // No field to change: nothing to write (an empty UPDATE is an SQL error).
      if (Object.keys(changes).length === 0) return plan;
      return ctx.db.transaction(async (tx) => {
        const row = ensureEditable(await updateDraft(tx, id, changes));
        await audit(tx, ctx, 'action_plan.updated', 'ActionPlan', id, { fields: Object.keys(changes) });
        return row;
      });
    },

    async submitActionPlan(_: unknown, args: MutationSubmitActionPlanArgs, ctx: Context) {
      const plan = await requirePlan(ctx, parseInput(idArgument, args).id);
      requirePlanWriter(ctx, plan, 'submitActionPlan');
      return applyTransition(ctx, plan, 'SUBMIT', { submittedAt: new Date(), returnReason: null });
    },

    async returnActionPlan(_: unknown, args: MutationReturnActionPlanArgs, ctx: Context) {
      const data = parseInput(returnActionPlanInput, args);
      const plan = await requirePlan(ctx, data.id);
      requirePlanWriter(ctx, plan, 'returnActionPlan');
      return applyTransition(ctx, plan, 'RETURN', { returnReason: data.reason });
    },

    async approveActionPlan(_: unknown, args: MutationApproveActionPlanArgs, ctx: Context) {
      authorize(ctx.identity, 'approveActionPlan', {}, SECRETARIAT_ONLY);
      const plan = await requirePlan(ctx, parseInput(idArgument, args).id);
      return applyTransition(ctx, plan, 'APPROVE', { approvedAt: new Date() });
    },

    closeActionPlan: closePlan,
  },

  Network: {
    async actionPlans(network: { id: string }, args: NetworkActionPlansArgs, ctx: Context) {
      const plans = await ctx.loaders.plansOfNetwork.load(network.id);
      return visible(ctx, args.year == null ? plans : plans.filter((p) => p.year === args.year));
    },
  },

  ActionPlan: {
    async __resolveReference(ref: { id: string }, ctx: Context) {
      const plan = await ctx.loaders.plan.load(ref.id);
      return plan && canSeePlan(ctx.identity, plan) ? plan : null;
    },
    network: (plan: PlanRow) => ({ id: plan.networkId }),
    auditTrail: auditTrailField<PlanRow, Context>('ActionPlan', (plan) => networkCodeOf(plan.networkId)),
    activities: (plan: PlanRow, _: unknown, ctx: Context) => ctx.loaders.activitiesOfPlan.load(plan.id),
    progress: async (plan: PlanRow, _: unknown, ctx: Context) =>
      planProgress(await ctx.loaders.activitiesOfPlan.load(plan.id)),
    budgetPlanned: async (plan: PlanRow, _: unknown, ctx: Context) =>
      (await ctx.loaders.budgetTotalsOfPlan.load(plan.id))?.plannedAmount ?? 0,
    budgetExecuted: async (plan: PlanRow, _: unknown, ctx: Context) =>
      (await ctx.loaders.budgetTotalsOfPlan.load(plan.id))?.executedAmount ?? 0,
    evaluation: (plan: PlanRow) =>
      plan.status === 'CLOSED'
        ? {
            achievements: plan.achievements ?? '',
            difficulties: plan.difficulties ?? '',
            lessons: plan.lessons ?? '',
          }
        : null,
    async previousPlan(plan: PlanRow, _: unknown, ctx: Context) {
      if (!plan.previousPlanId) return null;
      const previous = await ctx.loaders.plan.load(plan.previousPlanId);
      return previous && canSeePlan(ctx.identity, previous) ? previous : null;
    },
  },
} satisfies Resolvers;
