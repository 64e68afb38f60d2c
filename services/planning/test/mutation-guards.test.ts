import type { Identity } from '@participa/auth';
import { todayInBogota } from '@participa/calendar';
import { openDatabase } from '@participa/db';
import { createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { createLogger } from '@participa/subgraph-kit';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/db/index.ts';
import { auditEvents, budgetExecutions, budgetItems } from '../src/db/schema.ts';
import { createLoaders } from '../src/loaders.ts';
import type { Context } from '../src/resolvers/context.ts';
import { resolvers } from '../src/resolvers/index.ts';
import { seedReference } from '../src/seed/reference.ts';
import { planningService } from '../src/service.ts';
import { activityInput, freshYear } from './helpers.ts';

/**
 * Guards found by mutation testing (docs/mutation-testing.md): the budget rules of an action plan,
 * its resolvers called directly on a real PostgreSQL database (no gateway, so that Stryker can run
 * them for each mutant in a second).
 */
let database: TestDatabase;
let opened: Awaited<ReturnType<typeof openDatabase<typeof schema>>>;
const logger = createLogger('planning-mutation-guards');

beforeAll(async () => {
  database = await createTestDatabase([
    { service: 'planning', migrationsFolder: planningService.migrationsFolder },
  ]);
  opened = await openDatabase({
    service: 'planning',
    schema,
    migrationsFolder: planningService.migrationsFolder,
    url: database.url,
    maxConnections: 4,
  });
  await seedReference(opened.db);
});
afterAll(async () => {
  await opened?.close();
  await database?.drop();
});

const CENTRO: Identity = { sub: 'staff-centro', name: null, roles: ['ese_staff'], network: 'CENTRO' };
const NORTE: Identity = { sub: 'staff-norte', name: null, roles: ['ese_staff'], network: 'NORTE' };
const SECRETARIAT: Identity = { sub: 'sec-1', name: null, roles: ['secretariat'], network: null };

const as = (identity: Identity): Context =>
  ({ identity, db: opened.db, loaders: createLoaders(opened.db), logger }) as Context;
type Resolver = (parent: unknown, args: unknown, ctx: Context) => Promise<Record<string, unknown>>;
const mutation = (name: string) => (resolvers.Mutation as Record<string, Resolver>)[name]!;
const call = async (name: string, args: unknown, identity: Identity = CENTRO) =>
  (await mutation(name)(undefined, args, as(identity))) as Record<string, unknown> & { id: string };

async function refusal(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  return {
    code: (error as { extensions?: { code?: string } }).extensions?.code,
    message: (error as Error).message,
  };
}

async function planWithItem(plannedAmount = 1_000_000) {
  const year = freshYear();
  const plan = await call('createActionPlan', {
    input: {
      networkCode: 'CENTRO',
      year,
      title: `Plan ${year}`,
      generalObjective: 'Fortalecer la participación social en salud.',
      specificObjectives: ['Formar a la ciudadanía.'],
    },
  });
  const activity = await call('addActivity', { input: activityInput(plan.id, year) });
  const item = await call('addBudgetItem', {
    input: {
      activityId: activity.id,
      resourceType: 'MATERIAL',
      fundingSource: 'OWN_RESOURCES',
      plannedAmount,
    },
  });
  return { plan, activity, item };
}

const approve = async (planId: string) => {
  await call('submitActionPlan', { id: planId });
  await call('approveActionPlan', { id: planId }, SECRETARIAT);
};
const execute = (
  budgetItemId: string,
  executedAmount: number,
  extra: Record<string, unknown> = {},
  who = CENTRO,
) => call('recordBudgetExecution', { input: { budgetItemId, executedAmount, ...extra } }, who);

async function executed(itemId: string) {
  const [row] = await opened.db.select().from(budgetItems).where(eq(budgetItems.id, itemId));
  expect(row).toBeDefined();
  return row!.executedAmount;
}

describe('budget of an action plan', () => {
  it('plans items on drafts only, by the plan’s network', async () => {
    const { plan, activity, item } = await planWithItem(500_000);
    expect(item).toMatchObject({
      plannedAmount: 500_000,
      planId: plan.id,
      activityId: activity.id,
      description: null,
    });
    const input = {
      activityId: activity.id,
      resourceType: 'HUMAN',
      fundingSource: 'NATIONAL',
      plannedAmount: 1,
    };
    // Another network's draft is not even visible to its staff.
    expect((await refusal(call('addBudgetItem', { input }, NORTE))).code).toBe('NOT_FOUND');
    await approve(plan.id);
    const late = await refusal(call('addBudgetItem', { input }));
    expect(late.code).toBe('CONFLICT');
    expect(late.message).toMatch(/solo se modifican planes en borrador/);
  });

  it('executes on approved plans only; up to the planned amount freely, one peso more with a justification', async () => {
    const { plan, item } = await planWithItem(1_000_000);
    const draft = await refusal(execute(item.id, 1));
    expect(draft.code).toBe('CONFLICT');
    expect(draft.message).toMatch(/solo en planes aprobados/);
    await approve(plan.id);
    expect((await refusal(execute(item.id, 1, {}, NORTE))).code).toBe('FORBIDDEN');

    expect(await execute(item.id, 600_000)).toMatchObject({ id: item.id, executedAmount: 600_000 });
    await execute(item.id, 400_000, { date: '2030-05-02', note: 'Segundo pago' }); // exactly the planned amount
    expect(await executed(item.id)).toBe(1_000_000);

    const over = await refusal(execute(item.id, 1));
    expect(over.code).toBe('BAD_USER_INPUT');
    expect(over.message).toBe(
      'Campo "justification": lo ejecutado (1000001 pesos) supera lo planeado (1000000 pesos); justifique el exceso.',
    );
    expect(await executed(item.id)).toBe(1_000_000);
    await execute(item.id, 1, { justification: 'Alza de precios' });
    expect(await executed(item.id)).toBe(1_000_001);

    const rows = await opened.db
      .select()
      .from(budgetExecutions)
      .where(eq(budgetExecutions.budgetItemId, item.id));
    expect(
      rows
        .sort((a, b) => b.amount - a.amount)
        .map((r) => [r.amount, r.date, r.note, r.justification, r.recordedBy]),
    ).toEqual([
      [600_000, todayInBogota(), null, null, 'staff-centro'],
      [400_000, '2030-05-02', 'Segundo pago', null, 'staff-centro'],
      [1, todayInBogota(), null, 'Alza de precios', 'staff-centro'],
    ]);
    const [stored] = await opened.db.select().from(budgetItems).where(eq(budgetItems.id, item.id));
    expect(
      (resolvers.BudgetItem as { executionRate: (b: unknown) => number | null }).executionRate(stored),
    ).toBe(100);
  });

  it('refuses an execution of an item that does not exist', async () => {
    const missing = await refusal(execute('00000000-0000-4000-8000-000000000000', 5));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe('No existe el rubro de presupuesto 00000000-0000-4000-8000-000000000000.');
  });
});

describe('what the budget records', () => {
  it('keeps the description, audits each step with its amount, and shows the activity and executions', async () => {
    const { plan, activity } = await planWithItem(300_000);
    const item = await call('addBudgetItem', {
      input: {
        activityId: activity.id,
        resourceType: 'HUMAN',
        fundingSource: 'NATIONAL',
        plannedAmount: 200_000,
        description: 'Refrigerios',
      },
    });
    expect(item).toMatchObject({
      description: 'Refrigerios',
      resourceType: 'HUMAN',
      fundingSource: 'NATIONAL',
    });
    await approve(plan.id);
    await execute(item.id, 50_000);
    const audit = await opened.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, item.id))
      .orderBy(asc(auditEvents.id));
    expect(audit.map((a) => [a.actor, a.action, a.entity, a.details])).toEqual([
      [
        'staff-centro',
        'budget_item.added',
        'BudgetItem',
        { plannedAmount: 200_000, fundingSource: 'NATIONAL' },
      ],
      ['staff-centro', 'budget_item.executed', 'BudgetItem', { amount: 50_000 }],
    ]);
    const [stored] = await opened.db.select().from(budgetItems).where(eq(budgetItems.id, item.id));
    const fields = resolvers.BudgetItem as Record<
      string,
      (b: unknown, args: unknown, ctx: Context) => unknown
    >;
    expect(fields.executionRate!(stored, {}, as(CENTRO))).toBe(25);
    expect(await fields.activity!(stored, {}, as(CENTRO))).toMatchObject({ id: activity.id });
    const executions = (await fields.executions!(stored, {}, as(CENTRO))) as { amount: number }[];
    expect(executions.map((e) => e.amount)).toEqual([50_000]);
    // Another network's staff records nothing on an approved CENTRO plan's items.
    expect((await refusal(execute(item.id, 1, {}, NORTE))).code).toBe('FORBIDDEN');
    expect(
      (
        await refusal(
          call(
            'addBudgetItem',
            {
              input: {
                activityId: activity.id,
                resourceType: 'HUMAN',
                fundingSource: 'NATIONAL',
                plannedAmount: 1,
              },
            },
            NORTE,
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});
