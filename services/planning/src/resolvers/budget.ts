import { todayInBogota } from '@participa/calendar';
import { badUserInput, loadReferenced, notFound, parseInput } from '@participa/subgraph-kit';
import { addExecution, insertBudgetItem, lockBudgetItem } from '../data/budget.ts';
import { lockPlan } from '../data/plans.ts';
import type { BudgetItemRow } from '../db/schema.ts';
import { executionRate, needsJustification } from '../domain/budget.ts';
import type {
  MutationAddBudgetItemArgs,
  MutationRecordBudgetExecutionArgs,
  Resolvers,
} from '../generated/resolvers-types.ts';
import { addBudgetItemInput, recordBudgetExecutionInput } from '../validation.ts';
import { requireActivity } from './activities.ts';
import { audit, type Context, ensureEditable, ensureExecuting, requirePlanWriter } from './context.ts';

export const budgetResolvers = {
  Mutation: {
    async addBudgetItem(_: unknown, { input }: MutationAddBudgetItemArgs, ctx: Context) {
      const data = parseInput(addBudgetItemInput, input);
      const { activity, plan } = await requireActivity(ctx, data.activityId);
      requirePlanWriter(ctx, plan, 'addBudgetItem');
      ensureEditable(plan);
      return ctx.db.transaction(async (tx) => {
        ensureEditable(await lockPlan(tx, plan.id));
        const row = await insertBudgetItem(tx, {
          ...data,
          description: data.description ?? null,
          activityId: activity.id,
          planId: plan.id,
        });
        await audit(tx, ctx, 'budget_item.added', 'BudgetItem', row.id, {
          plannedAmount: row.plannedAmount,
          fundingSource: row.fundingSource,
        });
        return row;
      });
    },

    async recordBudgetExecution(_: unknown, { input }: MutationRecordBudgetExecutionArgs, ctx: Context) {
      const data = parseInput(recordBudgetExecutionInput, input);
      const item = await ctx.loaders.budgetItem.load(data.budgetItemId);
      if (!item) throw notFound(`No existe el rubro de presupuesto ${data.budgetItemId}.`);
      const { plan } = await requireActivity(ctx, item.activityId);
      requirePlanWriter(ctx, plan, 'recordBudgetExecution');
      ensureExecuting(plan);
      return ctx.db.transaction(async (tx) => {
        ensureExecuting(await lockPlan(tx, plan.id));
        // The lock serialises concurrent entries: each sees the total the previous one left.
        const current = (await lockBudgetItem(tx, item.id))!;
        if (needsJustification(current, data.executedAmount) && !data.justification) {
          throw badUserInput(
            'justification',
            `Campo "justification": lo ejecutado (${current.executedAmount + data.executedAmount} pesos) supera lo planeado (${current.plannedAmount} pesos); justifique el exceso.`,
          );
        }
        const row = await addExecution(tx, {
          budgetItemId: item.id,
          amount: data.executedAmount,
          date: data.date ?? todayInBogota(),
          note: data.note ?? null,
          justification: data.justification ?? null,
          recordedBy: ctx.identity.sub,
        });
        await audit(tx, ctx, 'budget_item.executed', 'BudgetItem', item.id, { amount: data.executedAmount });
        return row;
      });
    },
  },

  BudgetItem: {
    activity: (b: BudgetItemRow, _: unknown, ctx: Context) =>
      loadReferenced(ctx.loaders.activity, b.activityId),
    executionRate: (b: BudgetItemRow) => executionRate(b),
    executions: (b: BudgetItemRow, _: unknown, ctx: Context) => ctx.loaders.executionsOfItem.load(b.id),
  },
} satisfies Resolvers;
