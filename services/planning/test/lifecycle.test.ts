import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planningService } from '../src/service.ts';
import {
  APPROVE,
  activityInput,
  addActivity,
  approve,
  CENTRO_STAFF,
  createPlan,
  freshYear,
  NORTE_STAFF,
  SECRETARIAT,
  SUBMIT,
} from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService]);
});
afterAll(() => graph?.stop());

const PLAN = `query ($id: ID!) { actionPlan(id: $id) { status returnReason progress evaluation { lessons }
  activities { title status progress goalQuantity startDate evaluationResult carriedFrom { id } } previousPlan { id } } }`;
const RETURN =
  'mutation ($id: ID!, $reason: String!) { returnActionPlan(id: $id, reason: $reason) { status returnReason } }';
const CLOSE = 'mutation ($input: CloseActionPlanInput!) { closeActionPlan(input: $input) { status } }';
const PROGRESS = `mutation ($input: RecordActivityProgressInput!) { recordActivityProgress(input: $input) { status progress executedQuantity } }`;

it('goes DRAFT → SUBMITTED → DRAFT (with reason) → SUBMITTED → APPROVED → CLOSED, illegal moves are CONFLICT', async () => {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  await addActivity(graph, activityInput(planId, year));

  expect(errorCodes(await graph.request(APPROVE, { id: planId }, SECRETARIAT))).toEqual(['CONFLICT']);
  expect(await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF)).toEqual({
    submitActionPlan: { status: 'SUBMITTED' },
  });
  expect(errorCodes(await graph.request(SUBMIT, { id: planId }, CENTRO_STAFF))).toEqual(['CONFLICT']);
  // Only drafts are edited.
  expect(
    errorCodes(
      await graph.request(
        'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }',
        { input: activityInput(planId, year) },
        CENTRO_STAFF,
      ),
    ),
  ).toEqual(['CONFLICT']);

  expect(
    await graph.data(RETURN, { id: planId, reason: 'Falta el presupuesto de la actividad.' }, SECRETARIAT),
  ).toEqual({
    returnActionPlan: { status: 'DRAFT', returnReason: 'Falta el presupuesto de la actividad.' },
  });
  await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
  expect(await graph.data(APPROVE, { id: planId }, SECRETARIAT)).toEqual({
    approveActionPlan: { status: 'APPROVED' },
  });
  expect(errorCodes(await graph.request(RETURN, { id: planId, reason: 'x' }, SECRETARIAT))).toEqual([
    'CONFLICT',
  ]);
  expect(errorCodes(await graph.request(APPROVE, { id: planId }, SECRETARIAT))).toEqual(['CONFLICT']);
});

it('allows approval only by the secretariat, and ESE roles act only in their own network', async () => {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  const create = 'mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }';
  const input = { networkCode: 'CENTRO', year: freshYear(), title: 'Plan', generalObjective: 'Objetivo' };
  expect(errorCodes(await graph.request(create, { input }, NORTE_STAFF))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await graph.request(create, { input }))).toEqual(['UNAUTHENTICATED']);
  // A draft is invisible outside its network; once submitted, others see it but cannot act on it.
  expect(await graph.data(PLAN, { id: planId })).toEqual({ actionPlan: null });
  expect(await graph.data(PLAN, { id: planId }, NORTE_STAFF)).toEqual({ actionPlan: null });
  await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
  expect(errorCodes(await graph.request(RETURN, { id: planId, reason: 'No' }, NORTE_STAFF))).toEqual([
    'FORBIDDEN',
  ]);
  expect(errorCodes(await graph.request(APPROVE, { id: planId }, CENTRO_STAFF))).toEqual(['FORBIDDEN']);
  expect(
    errorCodes(await graph.request(APPROVE, { id: planId }, { role: 'ese_admin', network: 'CENTRO' })),
  ).toEqual(['FORBIDDEN']);
  expect(errorCodes(await graph.request(APPROVE, { id: planId }))).toEqual(['UNAUTHENTICATED']);
  expect((await graph.data<{ actionPlan: { status: string } }>(PLAN, { id: planId })).actionPlan.status).toBe(
    'SUBMITTED',
  );
  expect(await graph.data(APPROVE, { id: planId }, SECRETARIAT)).toEqual({
    approveActionPlan: { status: 'APPROVED' },
  });
  // A network's plan is written by its own staff: the secretariat approves, it does not draft.
  const norte = { networkCode: 'NORTE', year: freshYear(), title: 'Plan', generalObjective: 'Objetivo' };
  const refused = await graph.request(
    'mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }',
    { input: norte },
    SECRETARIAT,
  );
  expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
});

it('closes with an evaluation and starts next year with the unfinished activities', async () => {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  const done = await addActivity(graph, activityInput(planId, year, { title: 'Terminada', goalQuantity: 4 }));
  const half = await addActivity(
    graph,
    activityInput(planId, year, { title: 'A medias', goalQuantity: 8, startDate: `${year}-02-10` }),
  );
  await approve(graph, planId);
  expect(
    await graph.data(PROGRESS, { input: { activityId: done, executedQuantity: 4 } }, CENTRO_STAFF),
  ).toEqual({
    recordActivityProgress: { status: 'DONE', progress: 100, executedQuantity: 4 },
  });
  expect(
    errorCodes(
      await graph.request(PROGRESS, { input: { activityId: half, executedQuantity: 3 } }, NORTE_STAFF),
    ),
  ).toEqual(['FORBIDDEN']);
  await graph.data(
    PROGRESS,
    { input: { activityId: half, executedQuantity: 3, note: 'Tres talleres' } },
    CENTRO_STAFF,
  );
  expect(
    (await graph.data<{ actionPlan: { progress: number } }>(PLAN, { id: planId }, CENTRO_STAFF)).actionPlan
      .progress,
  ).toBe(68.8);

  const evaluation = {
    id: planId,
    achievements: 'Logros',
    difficulties: 'Dificultades',
    lessons: 'Lecciones',
  };
  const missing = await graph.request(
    CLOSE,
    { input: { ...evaluation, activityResults: [{ activityId: done, result: 'Cumplida' }] } },
    CENTRO_STAFF,
  );
  expect(errorCodes(missing)).toEqual(['BAD_USER_INPUT']);
  expect(missing.errors?.[0]?.message).toBe(
    'Campo "activityResults": falta el resultado de la actividad "A medias".',
  );

  const closeInput = {
    ...evaluation,
    activityResults: [
      { activityId: done, result: 'Cumplida' },
      { activityId: half, result: 'Ejecutada parcialmente' },
    ],
    startNextYear: true,
  };
  expect(await graph.data(CLOSE, { input: closeInput }, CENTRO_STAFF)).toEqual({
    closeActionPlan: { status: 'CLOSED' },
  });
  expect(errorCodes(await graph.request(CLOSE, { input: closeInput }, CENTRO_STAFF))).toEqual(['CONFLICT']);
  expect(errorCodes(await graph.request(SUBMIT, { id: planId }, CENTRO_STAFF))).toEqual(['CONFLICT']);
  expect(errorCodes(await graph.request(APPROVE, { id: planId }, SECRETARIAT))).toEqual(['CONFLICT']);
  expect(errorCodes(await graph.request(RETURN, { id: planId, reason: 'x' }, SECRETARIAT))).toEqual([
    'CONFLICT',
  ]);

  const next = await graph.data<{ actionPlans: { id: string; status: string }[] }>(
    'query ($year: Int) { actionPlans(networkCode: "CENTRO", year: $year) { id status } }',
    { year: year + 1 },
    CENTRO_STAFF,
  );
  expect(next.actionPlans).toHaveLength(1);
  const nextPlan = await graph.data<{
    actionPlan: { status: string; previousPlan: { id: string }; activities: unknown[] };
  }>(PLAN, { id: next.actionPlans[0]!.id }, CENTRO_STAFF);
  expect(nextPlan.actionPlan).toMatchObject({
    status: 'DRAFT',
    previousPlan: { id: planId },
    activities: [
      {
        title: 'A medias',
        status: 'PLANNED',
        goalQuantity: 5,
        startDate: `${year + 1}-02-10`,
        carriedFrom: { id: half },
      },
    ],
  });
  const closed = await graph.data<{
    actionPlan: { evaluation: { lessons: string }; activities: { evaluationResult: string }[] };
  }>(PLAN, { id: planId });
  expect(closed.actionPlan.evaluation.lessons).toBe('Lecciones');
  expect(closed.actionPlan.activities.map((a) => a.evaluationResult)).toEqual([
    'Cumplida',
    'Ejecutada parcialmente',
  ]);
});

it('lets exactly one of two concurrent approvals and one of five concurrent creations win', async () => {
  const year = freshYear();
  const planId = await createPlan(graph, 'CENTRO', year);
  await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
  const approvals = await Promise.all([1, 2].map(() => graph.request(APPROVE, { id: planId }, SECRETARIAT)));
  expect(approvals.flatMap(errorCodes)).toEqual(['CONFLICT']);

  const input = { networkCode: 'LADERA', year: freshYear(), title: 'Plan', generalObjective: 'Objetivo' };
  const creations = await Promise.all(
    [1, 2, 3, 4, 5].map(() =>
      graph.request(
        'mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }',
        { input },
        { role: 'ese_staff', network: 'LADERA' },
      ),
    ),
  );
  expect(creations.filter((r) => !r.errors).length).toBe(1);
  expect(creations.flatMap(errorCodes)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
});
