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

it('links the demo data of all subgraphs through stable ids: activities, venues, PQRS by facility', async () => {
  const { network } = await graph.data<{
    network: {
      facilities: { id: string; name: string }[];
      actionPlans: {
        activities: { workshops: { title: string; venue: { name: string } | null }[] }[];
      }[];
      pqrsStats: { received: number; byFacility: { facility: { name: string } | null; count: number }[] };
    };
  }>(
    `{ network(code: "CENTRO") {
      facilities { id name }
      actionPlans(year: 2023) { activities { workshops { title venue { name } } } }
      pqrsStats { received byFacility { facility { name } count } }
    } }`,
    undefined,
    CENTRO,
  );

  // Education's demo workshops carry out lines 2, 3, 5, 6 and 8 of the plan (planning's ids) in
  // territory's facilities; the community day is in a park, no facility.
  const workshop = (title: string, venue: string | null) => ({ title, venue: venue && { name: venue } });
  expect(network.actionPlans[0]!.activities.map((a) => a.workshops)).toEqual([
    [], // 1. recursos financieros
    [workshop('Taller de derechos y deberes en salud', 'Hospital Primitivo Iglesias')], // 2. talleres educativos
    // 3. presupuestación participativa y control social
    [workshop('Presupuestación participativa y control social en salud', 'Centro de Salud Cristóbal Colón')],
    [], // 4. enfoque diferencial
    [workshop('Conozca el portafolio de servicios de su red', 'Centro de Salud El Rodeo')], // 5. portafolio
    [workshop('Habilidades digitales: citas, resultados y portal del usuario', 'Centro de Salud Obrero')], // 6. TIC
    [], // 7. asociaciones de usuarios
    [workshop('Jornada comunitaria de salud Comuna 11', null)], // 8. jornadas comunitarias
    [], // 9. cartografía social
  ]);

  // Feedback's demo PQRS name facilities of their own network, whose names territory resolves;
  // a realistic share names none.
  const centroNames = network.facilities.map((f) => f.name);
  const named = network.pqrsStats.byFacility.filter((b) => b.facility !== null);
  expect(named.length).toBeGreaterThanOrEqual(5);
  expect(named.every((b) => centroNames.includes(b.facility!.name))).toBe(true);
  const namedCount = named.reduce((sum, b) => sum + b.count, 0);
  expect(namedCount).toBeGreaterThan(network.pqrsStats.received * 0.3);
  expect(namedCount).toBeLessThan(network.pqrsStats.received);
  expect(network.pqrsStats.byFacility.reduce((sum, b) => sum + b.count, 0)).toBe(network.pqrsStats.received);

  // Facility.pqrs: the hospital's PQRS for staff of its network, none for another network's staff.
  const hospital = network.facilities.find((f) => f.name === 'Hospital Primitivo Iglesias')!;
  const query = `query ($id: ID!) { facility(id: $id) { name pqrs(first: 100) { totalCount edges { node {
    radicado facility { id } } } } } }`;
  type FacilityPqrs = {
    facility: {
      name: string;
      pqrs: { totalCount: number; edges: { node: { radicado: string; facility: { id: string } } }[] };
    };
  };
  const own = await graph.data<FacilityPqrs>(query, { id: hospital.id }, CENTRO);
  expect(own.facility.name).toBe('Hospital Primitivo Iglesias');
  expect(own.facility.pqrs.totalCount).toBeGreaterThan(0);
  expect(own.facility.pqrs.edges).toHaveLength(Math.min(own.facility.pqrs.totalCount, 100));
  expect(
    own.facility.pqrs.edges.every(
      (e) => e.node.facility.id === hospital.id && e.node.radicado.startsWith('CENTRO-'),
    ),
  ).toBe(true);
  const foreign = await graph.data<FacilityPqrs>(
    query,
    { id: hospital.id },
    { role: 'ese_staff', network: 'NORTE' },
  );
  expect(foreign.facility.pqrs.totalCount).toBe(0);
});
