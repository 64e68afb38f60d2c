import { referenceId } from '@participa/reference';
import type { Caller, TestGraph } from '@participa/testing';

export const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO' };
export const NORTE_STAFF: Caller = { role: 'ese_staff', network: 'NORTE' };
export const SECRETARIAT: Caller = { role: 'secretariat' };
export const C08 = referenceId('territory', 'C08');
export const C09 = referenceId('territory', 'C09');

let nextYear = 2030;
/** A fresh year per plan, so tests in one file never collide on (network, year). */
export const freshYear = () => {
  nextYear += 2; // closing a plan may create the next year's
  return nextYear;
};

export async function createPlan(
  graph: TestGraph,
  networkCode: string,
  year: number,
  as: Caller = CENTRO_STAFF,
) {
  const data = await graph.data<{ createActionPlan: { id: string } }>(
    `mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }`,
    {
      input: {
        networkCode,
        year,
        title: `Plan de acción ${year}`,
        generalObjective: 'Fortalecer la participación social en salud.',
        specificObjectives: ['Formar a la ciudadanía en derechos en salud.'],
      },
    },
    as,
  );
  return data.createActionPlan.id;
}

export function activityInput(planId: string, year: number, extra: Record<string, unknown> = {}) {
  return {
    planId,
    title: 'Taller de derechos en salud',
    axisCodes: ['EJE2'],
    territoryIds: [C08],
    startDate: `${year}-03-01`,
    endDate: `${year}-06-30`,
    goalQuantity: 10,
    goalUnit: 'talleres',
    ...extra,
  };
}

export async function addActivity(
  graph: TestGraph,
  input: Record<string, unknown>,
  as: Caller = CENTRO_STAFF,
) {
  const data = await graph.data<{ addActivity: { id: string } }>(
    `mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }`,
    { input },
    as,
  );
  return data.addActivity.id;
}

export const SUBMIT = 'mutation ($id: ID!) { submitActionPlan(id: $id) { status } }';
export const APPROVE = 'mutation ($id: ID!) { approveActionPlan(id: $id) { status } }';

/** A draft plan with one activity. */
export async function draftPlanWithActivity(graph: TestGraph, year = freshYear()) {
  const planId = await createPlan(graph, 'CENTRO', year);
  const activityId = await addActivity(graph, activityInput(planId, year));
  return { planId, activityId, year };
}

export async function approve(graph: TestGraph, planId: string) {
  await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
  await graph.data(APPROVE, { id: planId }, SECRETARIAT);
}
