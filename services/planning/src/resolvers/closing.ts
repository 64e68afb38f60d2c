import { badUserInput, conflict, parseInput } from '@participa/subgraph-kit';
import { activitiesByPlanIds, insertActivities, updateActivity } from '../data/activities.ts';
import { findPlanOf, insertPlan, lockPlan, movePlan } from '../data/plans.ts';
import type { PlanningDb } from '../db/index.ts';
import type { ActivityRow, PlanRow } from '../db/schema.ts';
import { transition } from '../domain/lifecycle.ts';
import { isUnfinished, nextYearDate, remainingGoal } from '../domain/progress.ts';
import type { MutationCloseActionPlanArgs } from '../generated/resolvers-types.ts';
import { type CloseActionPlanInput, closeActionPlanInput } from '../validation.ts';
import { audit, type Context, requirePlan, requirePlanWriter } from './context.ts';

/** Every activity of the plan needs exactly one result, and only its activities may have one. */
function resultsByActivity(input: CloseActionPlanInput, activities: ActivityRow[]): Map<string, string> {
  const results = new Map(input.activityResults.map((r) => [r.activityId, r.result]));
  const ids = new Set(activities.map((a) => a.id));
  const foreign = input.activityResults.find((r) => !ids.has(r.activityId));
  if (foreign) {
    throw badUserInput(
      'activityResults',
      `Campo "activityResults": la actividad ${foreign.activityId} no pertenece a este plan.`,
    );
  }
  const missing = activities.find((a) => !results.has(a.id));
  if (missing) {
    throw badUserInput(
      'activityResults',
      `Campo "activityResults": falta el resultado de la actividad "${missing.title}".`,
    );
  }
  return results;
}

/** Next year's draft (created, or the existing draft) receiving the unfinished activities. */
async function carryOver(tx: PlanningDb, ctx: Context, plan: PlanRow, activities: ActivityRow[]) {
  const nextYear = plan.year + 1;
  let next = await findPlanOf(tx, plan.networkId, nextYear);
  if (next && next.status !== 'DRAFT') {
    throw conflict(`El plan de ${nextYear} ya fue enviado; no se le pueden trasladar actividades.`);
  }
  next ??= await insertPlan(tx, {
    networkId: plan.networkId,
    year: nextYear,
    title: plan.title.includes(String(plan.year))
      ? plan.title.replaceAll(String(plan.year), String(nextYear))
      : `${plan.title} (${nextYear})`,
    generalObjective: plan.generalObjective,
    specificObjectives: plan.specificObjectives,
    previousPlanId: plan.id,
    createdBy: ctx.identity.sub,
  });
  if (!next) throw conflict(`Otro usuario creó el plan de ${nextYear} al mismo tiempo; intente de nuevo.`);
  const existing = await activitiesByPlanIds(tx, [next.id]);
  let position = existing.reduce((max, a) => Math.max(max, a.position), 0);
  const carried = await insertActivities(
    tx,
    activities
      .filter((a) => isUnfinished(a.status))
      .map((a) => ({
        planId: next.id,
        position: ++position,
        title: a.title,
        description: a.description,
        axisCodes: a.axisCodes,
        actionLineIds: a.actionLineIds,
        territoryIds: a.territoryIds,
        organizationIds: a.organizationIds,
        procedures: a.procedures,
        phases: a.phases,
        startDate: nextYearDate(a.startDate),
        endDate: nextYearDate(a.endDate),
        goalQuantity: remainingGoal(a.executedQuantity, a.goalQuantity),
        goalUnit: a.goalUnit,
        carriedFromId: a.id,
      })),
  );
  await audit(tx, ctx, 'action_plan.carried_over', 'ActionPlan', next.id, {
    from: plan.id,
    activities: carried.length,
  });
}

export async function closePlan(_: unknown, { input }: MutationCloseActionPlanArgs, ctx: Context) {
  const data = parseInput(closeActionPlanInput, input);
  const plan = await requirePlan(ctx, data.id);
  requirePlanWriter(ctx, plan, 'closeActionPlan');
  const result = transition(plan.status, 'CLOSE');
  if (!result.ok) throw conflict(result.message);
  const activities = await ctx.loaders.activitiesOfPlan.load(plan.id);
  const results = resultsByActivity(data, activities);
  return ctx.db.transaction(async (tx) => {
    const locked = await lockPlan(tx, plan.id);
    if (locked?.status !== plan.status) throw conflict('El estado del plan cambió; consulte de nuevo.');
    for (const activity of activities) {
      await updateActivity(tx, activity.id, { evaluationResult: results.get(activity.id)! });
    }
    const closed = await movePlan(tx, plan.id, plan.status, {
      status: result.to,
      achievements: data.achievements,
      difficulties: data.difficulties,
      lessons: data.lessons,
      closedAt: new Date(),
    });
    await audit(tx, ctx, 'action_plan.close', 'ActionPlan', plan.id, { from: plan.status, to: result.to });
    if (data.startNextYear) await carryOver(tx, ctx, plan, activities);
    return closed!;
  });
}
