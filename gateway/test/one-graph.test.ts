import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { planningService } from '@participa/planning';
import { territoryByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

/** Every subgraph behind one gateway, queried across service boundaries as a front end does. */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService, educationService, feedbackService], {
    demoData: true,
  });
});
afterAll(() => graph?.stop());

const CENTRO = { role: 'ese_staff', network: 'CENTRO' } as const;
const C09 = territoryByCode('C09')!.id;
const NEXT_YEAR = new Date().getFullYear() + 1;

it('links a plan activity (planning) to the workshops that carry it out (education)', async () => {
  const { createActionPlan } = await graph.data<{ createActionPlan: { id: string } }>(
    `mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }`,
    {
      input: {
        networkCode: 'CENTRO',
        year: NEXT_YEAR,
        title: `Plan de participación social ${NEXT_YEAR}`,
        generalObjective: 'Fortalecer la participación activa de la comunidad en las comunas 8 a 12.',
        specificObjectives: ['Formar a la ciudadanía en derechos en salud.'],
      },
    },
    CENTRO,
  );
  const { addActivity } = await graph.data<{ addActivity: { id: string } }>(
    `mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }`,
    {
      input: {
        planId: createActionPlan.id,
        title: 'Elaborar instrumentos y talleres educativos, así como el uso de medios virtuales',
        axisCodes: ['EJE2'],
        territoryIds: [C09],
        startDate: `${NEXT_YEAR}-02-01`,
        endDate: `${NEXT_YEAR}-11-30`,
        goalQuantity: 12,
        goalUnit: 'talleres',
      },
    },
    CENTRO,
  );
  await graph.data(
    `mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { id } }`,
    {
      input: {
        networkCode: 'CENTRO',
        title: 'Taller de derechos y deberes en salud',
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        territoryId: C09,
        address: 'Centro de Salud Obrero, salón comunal',
        startsAt: `${NEXT_YEAR}-03-10T14:00:00-05:00`,
        endsAt: `${NEXT_YEAR}-03-10T17:00:00-05:00`,
        capacity: 30,
        activityId: addActivity.id,
      },
    },
    CENTRO,
  );

  const { actionPlan } = await graph.data<{
    actionPlan: {
      network: { code: string };
      activities: {
        territories: { code: string }[];
        workshops: { title: string; activity: { id: string } }[];
      }[];
    };
  }>(
    `query ($id: ID!) { actionPlan(id: $id) {
      network { code }
      activities { territories { code } workshops { title activity { id } } }
    } }`,
    { id: createActionPlan.id },
    CENTRO,
  );
  expect(actionPlan.network.code).toBe('CENTRO');
  expect(actionPlan.activities[0]?.territories).toEqual([{ code: 'C09' }]);
  expect(actionPlan.activities[0]?.workshops).toEqual([
    { title: 'Taller de derechos y deberes en salud', activity: { id: addActivity.id } },
  ]);
});

it('answers one query that spans territory, planning, education and feedback', async () => {
  const { network } = await graph.data<{
    network: {
      name: string;
      territories: { code: string }[];
      actionPlans: { year: number; activities: { title: string }[] }[];
      workshops: { totalCount: number };
      pqrsStats: { received: number; answered: number };
    };
  }>(
    `{ network(code: "CENTRO") {
      name
      territories { code }
      actionPlans(year: 2023) { year activities { title } }
      workshops(first: 5) { totalCount }
      pqrsStats { received answered }
    } }`,
    undefined,
    { role: 'secretariat' },
  );
  expect(network.name).toBe('Red de Salud del Centro E.S.E.');
  expect(network.territories.map((t) => t.code)).toEqual(['C08', 'C09', 'C10', 'C11', 'C12']);
  expect(network.actionPlans[0]?.activities).toHaveLength(9);
  expect(network.workshops.totalCount).toBeGreaterThan(0);
  expect(network.pqrsStats.received).toBeGreaterThan(network.pqrsStats.answered);
});
