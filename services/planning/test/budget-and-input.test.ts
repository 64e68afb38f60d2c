import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planningService } from '../src/service.ts';
import {
  activityInput,
  addActivity,
  approve,
  CENTRO_STAFF,
  createPlan,
  draftPlanWithActivity,
  freshYear,
} from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService]);
});
afterAll(() => graph?.stop());

const ADD_ACTIVITY = 'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }';
const ADD_ITEM = `mutation ($input: AddBudgetItemInput!) { addBudgetItem(input: $input) { id plannedAmount } }`;
const EXECUTE = `mutation ($input: RecordBudgetExecutionInput!) { recordBudgetExecution(input: $input) { executedAmount executionRate executions { amount justification } } }`;

async function rowCounts() {
  const db = graph.databases.planning!.db;
  const result = await db.execute(sql`SELECT
    (SELECT count(*) FROM planning.activities)::int AS activities,
    (SELECT count(*) FROM planning.budget_items)::int AS items,
    (SELECT count(*) FROM planning.budget_executions)::int AS executions,
    (SELECT count(*) FROM planning.audit_events)::int AS audit`);
  return (result as unknown as Record<string, number>[])[0];
}

async function expectBadInput(query: string, input: unknown, message: string) {
  const before = await rowCounts();
  const result = await graph.request(query, { input }, CENTRO_STAFF);
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  expect(result.errors?.[0]?.message).toBe(message);
  expect(await rowCounts()).toEqual(before);
}

it('refuses bad activities with a Spanish message naming the field, writing nothing', async () => {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  await expectBadInput(
    ADD_ACTIVITY,
    activityInput(planId, year, { startDate: `${year}-06-01`, endDate: `${year}-05-31` }),
    'Campo "endDate": la fecha de fin no puede ser anterior a la de inicio',
  );
  await expectBadInput(
    ADD_ACTIVITY,
    activityInput(planId, year, { axisCodes: ['EJE2', 'EJE9'] }),
    'Campo "axisCodes": el eje estratégico "EJE9" no existe (EJE1 a EJE5).',
  );
  await expectBadInput(
    ADD_ACTIVITY,
    activityInput(planId, year, { startDate: `${year - 1}-12-01` }),
    `Campo "startDate": debe estar dentro del año del plan (${year}).`,
  );
  await expectBadInput(
    ADD_ACTIVITY,
    activityInput(planId, year, { goalQuantity: 0 }),
    'Campo "goalQuantity": debe ser al menos 1',
  );
  await expectBadInput(
    ADD_ACTIVITY,
    activityInput(planId, year, { territoryIds: ['00000000-0000-4000-8000-000000000000'] }),
    'Campo "territoryIds": no existe el territorio 00000000-0000-4000-8000-000000000000.',
  );
});

it('refuses negative amounts and unjustified over-execution, writing nothing', async () => {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  const activityId = await addActivity(graph, activityInput(planId, year));
  await expectBadInput(
    ADD_ITEM,
    { activityId, resourceType: 'MATERIAL', fundingSource: 'OWN_RESOURCES', plannedAmount: -5000 },
    'Campo "plannedAmount": no puede ser negativo',
  );
  const item = await graph.data<{ addBudgetItem: { id: string } }>(
    ADD_ITEM,
    {
      input: {
        activityId,
        resourceType: 'MATERIAL',
        fundingSource: 'OWN_RESOURCES',
        plannedAmount: 1_000_000,
      },
    },
    CENTRO_STAFF,
  );
  const budgetItemId = item.addBudgetItem.id;
  // Execution is recorded on approved plans only.
  expect(
    errorCodes(await graph.request(EXECUTE, { input: { budgetItemId, executedAmount: 1 } }, CENTRO_STAFF)),
  ).toEqual(['CONFLICT']);
  await approve(graph, planId);
  await expectBadInput(
    EXECUTE,
    { budgetItemId, executedAmount: -100 },
    'Campo "executedAmount": no puede ser negativo',
  );
  await expectBadInput(
    EXECUTE,
    { budgetItemId, executedAmount: 0 },
    'Campo "executedAmount": debe ser mayor que cero',
  );

  await graph.data(
    EXECUTE,
    { input: { budgetItemId, executedAmount: 700_000, note: 'Primer pago' } },
    CENTRO_STAFF,
  );
  await expectBadInput(
    EXECUTE,
    { budgetItemId, executedAmount: 300_001 },
    'Campo "justification": lo ejecutado (1000001 pesos) supera lo planeado (1000000 pesos); justifique el exceso.',
  );
  const over = await graph.data<{ recordBudgetExecution: unknown }>(
    EXECUTE,
    { input: { budgetItemId, executedAmount: 350_000, justification: 'Alza de precios del proveedor' } },
    CENTRO_STAFF,
  );
  expect(over.recordBudgetExecution).toEqual({
    executedAmount: 1_050_000,
    executionRate: 105,
    executions: [
      { amount: 700_000, justification: null },
      { amount: 350_000, justification: 'Alza de precios del proveedor' },
    ],
  });
});

it('totals the budget per activity and per plan in integer pesos', async () => {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  const first = await addActivity(graph, activityInput(planId, year));
  const second = await addActivity(graph, activityInput(planId, year, { title: 'Jornada comunitaria' }));
  const items: [string, number][] = [
    [first, 6_500_000],
    [first, 4_000_001],
    [second, 15_000_000],
  ];
  const ids: string[] = [];
  for (const [activityId, plannedAmount] of items) {
    const data = await graph.data<{ addBudgetItem: { id: string } }>(
      ADD_ITEM,
      { input: { activityId, resourceType: 'HUMAN', fundingSource: 'MUNICIPAL_BUDGET', plannedAmount } },
      CENTRO_STAFF,
    );
    ids.push(data.addBudgetItem.id);
  }
  await approve(graph, planId);
  await graph.data(EXECUTE, { input: { budgetItemId: ids[1], executedAmount: 3_200_000 } }, CENTRO_STAFF);
  await graph.data(EXECUTE, { input: { budgetItemId: ids[2], executedAmount: 13_500_000 } }, CENTRO_STAFF);
  const data = await graph.data<{ actionPlan: unknown }>(
    'query ($id: ID!) { actionPlan(id: $id) { budgetPlanned budgetExecuted activities { budgetPlanned budgetExecuted } } }',
    { id: planId },
  );
  expect(data.actionPlan).toEqual({
    budgetPlanned: 25_500_001,
    budgetExecuted: 16_700_000,
    activities: [
      { budgetPlanned: 10_500_001, budgetExecuted: 3_200_000 },
      { budgetPlanned: 15_000_000, budgetExecuted: 13_500_000 },
    ],
  });
});

it('serialises concurrent executions: the planned amount is never exceeded without justification', async () => {
  const { planId, activityId } = await draftPlanWithActivity(graph, freshYear());
  const item = await graph.data<{ addBudgetItem: { id: string } }>(
    ADD_ITEM,
    { input: { activityId, resourceType: 'FINANCIAL', fundingSource: 'NATIONAL', plannedAmount: 500_000 } },
    CENTRO_STAFF,
  );
  await approve(graph, planId);
  const results = await Promise.all(
    Array.from({ length: 10 }, () =>
      graph.request(
        EXECUTE,
        { input: { budgetItemId: item.addBudgetItem.id, executedAmount: 100_000 } },
        CENTRO_STAFF,
      ),
    ),
  );
  expect(results.filter((r) => !r.errors).length).toBe(5);
  expect(results.flatMap(errorCodes)).toEqual(Array(5).fill('BAD_USER_INPUT'));
  const data = await graph.data<{ actionPlan: { budgetExecuted: number } }>(
    'query ($id: ID!) { actionPlan(id: $id) { budgetExecuted } }',
    { id: planId },
  );
  expect(data.actionPlan.budgetExecuted).toBe(500_000);
});
