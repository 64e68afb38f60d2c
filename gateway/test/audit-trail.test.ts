import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { planningService } from '@participa/planning';
import { territoryByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `auditTrail` on the entities each subgraph owns, read through the gateway as a front end does. */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, planningService, educationService, feedbackService]);
});
afterAll(() => graph?.stop());

const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'staff-centro-7' };
const CENTRO_ADMIN: Caller = { role: 'ese_admin', network: 'CENTRO', sub: 'admin-centro-1' };
const NORTE_STAFF: Caller = { role: 'ese_staff', network: 'NORTE', sub: 'staff-norte-3' };
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretaria-2' };
const CITIZEN: Caller = { role: 'citizen', sub: 'citizen-42' };
const C09 = territoryByCode('C09')!.id;
const HOUR_MS = 3_600_000;

interface AuditEvent {
  at: string;
  action: string;
  actor: string | null;
  details: string | null;
}
const TRAIL = 'auditTrail { at action actor details }';

function expectChronological(trail: AuditEvent[]) {
  const times = trail.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
}

/** The trail of one entity as `as` sees it (null when the entity itself is not readable). */
async function trailOf(query: string, id: string, as?: Caller): Promise<AuditEvent[] | null> {
  const result = await graph.request<Record<string, { auditTrail: AuditEvent[] } | null>>(query, { id }, as);
  const entity = Object.values(result.data ?? {})[0];
  return entity ? entity.auditTrail : null;
}

let nextYear = 2040;
const freshYear = () => {
  nextYear += 2;
  return nextYear;
};

async function createOrganization(name: string, as: Caller = CENTRO_STAFF) {
  const data = await graph.data<{ createOrganization: { id: string } }>(
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    { input: { networkCode: 'CENTRO', name, kind: 'ASOCIACION_USUARIOS' } },
    as,
  );
  return data.createOrganization.id;
}

async function createPlan(year: number) {
  const data = await graph.data<{ createActionPlan: { id: string } }>(
    'mutation ($input: CreateActionPlanInput!) { createActionPlan(input: $input) { id } }',
    {
      input: {
        networkCode: 'CENTRO',
        year,
        title: `Plan de acción ${year}`,
        generalObjective: 'Fortalecer la participación social en salud.',
        specificObjectives: ['Formar a la ciudadanía en derechos en salud.'],
      },
    },
    CENTRO_STAFF,
  );
  return data.createActionPlan.id;
}

async function addActivity(planId: string, year: number, title: string) {
  const data = await graph.data<{ addActivity: { id: string } }>(
    'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }',
    {
      input: {
        planId,
        title,
        axisCodes: ['EJE2'],
        territoryIds: [C09],
        startDate: `${year}-03-01`,
        endDate: `${year}-06-30`,
        goalQuantity: 10,
        goalUnit: 'talleres',
      },
    },
    CENTRO_STAFF,
  );
  return data.addActivity.id;
}

let workshopDay = 10;
async function scheduleWorkshop(title: string) {
  const startsAt = new Date(Date.now() + workshopDay++ * 24 * HOUR_MS);
  const data = await graph.data<{ scheduleWorkshop: { id: string } }>(
    'mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { id } }',
    {
      input: {
        networkCode: 'CENTRO',
        title,
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        territoryId: C09,
        capacity: 20,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * HOUR_MS).toISOString(),
      },
    },
    CENTRO_STAFF,
  );
  return data.scheduleWorkshop.id;
}

async function submitPqrs(as: Caller | undefined, anonymous = false) {
  const data = await graph.data<{ submitPqrs: { radicado: string } }>(
    'mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }',
    {
      input: {
        networkCode: 'CENTRO',
        type: 'PETICION',
        subject: 'Copia de historia clínica',
        description: 'Solicito copia de mi historia clínica.',
        channel: 'WEB',
        ...(anonymous
          ? { anonymous: true }
          : {
              petitioner: {
                fullName: 'María Fernanda Ocoró',
                documentType: 'CC',
                documentNumber: '31987654',
              },
            }),
      },
    },
    as,
  );
  const list = await graph.data<{ pqrsList: { edges: { node: { id: string; radicado: string } }[] } }>(
    '{ pqrsList(first: 100) { edges { node { id radicado } } } }',
    {},
    CENTRO_STAFF,
  );
  return list.pqrsList.edges.find((e) => e.node.radicado === data.submitPqrs.radicado)!.node.id;
}

describe('territory', () => {
  const ORGANIZATION = `query ($id: ID!) { organization(id: $id) { ${TRAIL} } }`;

  it('records who created and changed an organization, oldest first, without personal data', async () => {
    const id = await createOrganization('Asociación de Usuarios Hospital Cañaveralejo');
    await graph.data(
      'mutation ($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { id } }',
      { input: { id, interest: 5, contactEmail: 'asociacion@example.org' } },
      CENTRO_ADMIN,
    );

    const trail = (await trailOf(ORGANIZATION, id, CENTRO_STAFF))!;
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['organization.created', 'staff-centro-7'],
      ['organization.updated', 'admin-centro-1'],
    ]);
    expectChronological(trail);
    expect(JSON.parse(trail[0]!.details!)).toEqual({ kind: 'ASOCIACION_USUARIOS', network: 'CENTRO' });
    // The names of the fields changed, never their values (the e-mail is a contact).
    expect(JSON.parse(trail[1]!.details!)).toEqual({ fields: ['interest', 'contactEmail'] });
    expect(JSON.stringify(trail)).not.toContain('asociacion@example.org');

    expect(await trailOf(ORGANIZATION, id, SECRETARIAT)).toEqual(trail);
    expect(await trailOf(ORGANIZATION, id, NORTE_STAFF)).toEqual([]);
    expect(await trailOf(ORGANIZATION, id, CITIZEN)).toEqual([]);
    expect(await trailOf(ORGANIZATION, id)).toEqual([]);
  });

  it('shows the trail of district-wide actors (no network) to the secretariat only', async () => {
    const { createOrganization: created } = await graph.data<{ createOrganization: { id: string } }>(
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      { input: { name: 'Veeduría Distrital en Salud', kind: 'VEEDURIA' } },
      SECRETARIAT,
    );
    expect((await trailOf(ORGANIZATION, created.id, SECRETARIAT))!.map((e) => e.action)).toEqual([
      'organization.created',
    ]);
    expect(await trailOf(ORGANIZATION, created.id, CENTRO_STAFF)).toEqual([]);
  });

  it('records the creation of a facility', async () => {
    const { createFacility } = await graph.data<{ createFacility: { id: string } }>(
      'mutation ($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
      { input: { networkCode: 'CENTRO', name: 'Puesto de Salud El Rodeo', kind: 'PUESTO_SALUD' } },
      SECRETARIAT,
    );
    const FACILITY = `{ network(code: "CENTRO") { facilities { id ${TRAIL} } } }`;
    const facilities = async (as?: Caller) =>
      (
        await graph.data<{ network: { facilities: { id: string; auditTrail: AuditEvent[] }[] } }>(
          FACILITY,
          {},
          as,
        )
      ).network.facilities.find((f) => f.id === createFacility.id)!.auditTrail;
    expect((await facilities(CENTRO_STAFF)).map((e) => [e.action, e.actor])).toEqual([
      ['facility.created', 'secretaria-2'],
    ]);
    expect(await facilities(NORTE_STAFF)).toEqual([]);
    expect(await facilities()).toEqual([]);
  });
});

describe('planning', () => {
  const PLAN = `query ($id: ID!) { actionPlan(id: $id) { ${TRAIL} } }`;
  const ACTIVITY = `query ($id: ID!) { activity(id: $id) { ${TRAIL} } }`;

  it('records a plan through its lifecycle and its activities apart', async () => {
    const year = freshYear();
    const planId = await createPlan(year);
    const activityId = await addActivity(planId, year, 'Taller de derechos en salud');
    await graph.data(
      'mutation ($id: ID!) { submitActionPlan(id: $id) { status } }',
      { id: planId },
      CENTRO_STAFF,
    );
    await graph.data(
      'mutation ($id: ID!) { approveActionPlan(id: $id) { status } }',
      { id: planId },
      SECRETARIAT,
    );

    const plan = (await trailOf(PLAN, planId, CENTRO_STAFF))!;
    expect(plan.map((e) => [e.action, e.actor])).toEqual([
      ['action_plan.created', 'staff-centro-7'],
      ['action_plan.submit', 'staff-centro-7'],
      ['action_plan.approve', 'secretaria-2'],
    ]);
    expectChronological(plan);
    const activity = (await trailOf(ACTIVITY, activityId, SECRETARIAT))!;
    expect(activity.map((e) => e.action)).toEqual(['activity.added']);
    expect(JSON.parse(activity[0]!.details!)).toEqual({ planId });

    // An approved plan is public; its trail is not.
    expect(await trailOf(PLAN, planId, NORTE_STAFF)).toEqual([]);
    expect(await trailOf(PLAN, planId)).toEqual([]);
    expect(await trailOf(ACTIVITY, activityId, NORTE_STAFF)).toEqual([]);
    expect(await trailOf(ACTIVITY, activityId)).toEqual([]);
  });
});

describe('education', () => {
  const WORKSHOP = `query ($id: ID!) { workshop(id: $id) { ${TRAIL} } }`;

  it('records scheduling, rescheduling and cancelling a workshop', async () => {
    const id = await scheduleWorkshop('Taller de deberes y derechos');
    const startsAt = new Date(Date.now() + 60 * 24 * HOUR_MS);
    await graph.data(
      'mutation ($input: RescheduleWorkshopInput!) { rescheduleWorkshop(input: $input) { id } }',
      {
        input: {
          id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * HOUR_MS).toISOString(),
          reason: 'Cruce con la jornada de vacunación',
        },
      },
      CENTRO_ADMIN,
    );
    await graph.data(
      'mutation ($id: ID!) { cancelWorkshop(id: $id, reason: "Sin salón disponible") { id } }',
      { id },
      CENTRO_STAFF,
    );

    const trail = (await trailOf(WORKSHOP, id, SECRETARIAT))!;
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['workshop.scheduled', 'staff-centro-7'],
      ['workshop.rescheduled', 'admin-centro-1'],
      ['workshop.cancelled', 'staff-centro-7'],
    ]);
    expectChronological(trail);
    expect(JSON.parse(trail[0]!.details!)).toEqual({ network: 'CENTRO', capacity: 20 });
    expect(trail[2]!.details).toBeNull();

    expect(await trailOf(WORKSHOP, id, CENTRO_STAFF)).toEqual(trail);
    expect(await trailOf(WORKSHOP, id, NORTE_STAFF)).toEqual([]);
    expect(await trailOf(WORKSHOP, id, CITIZEN)).toEqual([]);
    expect(await trailOf(WORKSHOP, id)).toEqual([]);
  });
});

describe('feedback', () => {
  const PQRS = `query ($id: ID!) { pqrs(id: $id) { ${TRAIL} } }`;

  it('records the handling of a PQRS and never names the citizen who filed it', async () => {
    const id = await submitPqrs(CITIZEN, true);
    await graph.data(
      'mutation ($input: AssignPqrsInput!) { assignPqrs(input: $input) { id } }',
      { input: { pqrsId: id, area: 'SIAU' } },
      CENTRO_STAFF,
    );

    const trail = (await trailOf(PQRS, id, CENTRO_STAFF))!;
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['pqrs.submitted', null], // a signed-in citizen filed it anonymously: the id stays hidden
      ['pqrs.assigned', 'staff-centro-7'],
    ]);
    expectChronological(trail);
    expect(JSON.parse(trail[1]!.details!)).toEqual({ from: 'RECEIVED', to: 'IN_PROGRESS' });
    expect(JSON.stringify(trail)).not.toContain('citizen-42');
    expect(await trailOf(PQRS, id, SECRETARIAT)).toEqual(trail);

    // Other networks' staff and citizens do not get the PQRS, let alone its trail.
    expect(await trailOf(PQRS, id, NORTE_STAFF)).toBeNull();
    expect(await trailOf(PQRS, id, CITIZEN)).toBeNull();
    expect(await trailOf(PQRS, id)).toBeNull();
  });
});

describe('batching', () => {
  /** SQL statements per service for one query. */
  async function queriesFor(query: string, variables: Record<string, unknown>) {
    graph.resetCounters();
    const data = await graph.data<Record<string, unknown>>(query, variables, SECRETARIAT);
    return { data, queries: { ...graph.queryCount } };
  }

  const trailsOf = (data: Record<string, unknown>, key: string) =>
    (data[key] as { edges: { node: { auditTrail: AuditEvent[] } }[] }).edges.map((e) => e.node.auditTrail);

  it('reads the trails of a page of organizations, workshops or PQRS in one query per type', async () => {
    for (let i = 0; i < 12; i++) {
      await createOrganization(`Comité de participación ${i + 1}`);
      await scheduleWorkshop(`Jornada de salud ${i + 1}`);
      await submitPqrs(undefined);
    }
    const QUERY = `query ($first: Int) {
      organizations(filter: { networkCode: "CENTRO" }, first: $first) { edges { node { auditTrail { action } } } }
      workshops(filter: { networkCode: "CENTRO" }, first: $first) { edges { node { auditTrail { action } } } }
      pqrsList(filter: { networkCode: "CENTRO" }, first: $first) { edges { node { auditTrail { action } } } }
    }`;
    const two = await queriesFor(QUERY, { first: 2 });
    const twelve = await queriesFor(QUERY, { first: 12 });

    for (const key of ['organizations', 'workshops', 'pqrsList']) {
      expect(trailsOf(two.data, key)).toHaveLength(2);
      const trails = trailsOf(twelve.data, key);
      expect(trails).toHaveLength(12);
      for (const trail of trails) expect(trail.length).toBeGreaterThan(0);
    }
    expect(twelve.queries).toEqual(two.queries);
    // One audit query per service on top of what the page costs without trails (territory also
    // reads the networks, batched, to apply the access rule).
    const without = await queriesFor(QUERY.replaceAll('auditTrail { action }', 'id'), { first: 12 });
    expect(twelve.queries.territory).toBe(without.queries.territory! + 2);
    expect(twelve.queries.education).toBe(without.queries.education! + 1);
    expect(twelve.queries.feedback).toBe(without.queries.feedback! + 1);
    expect(twelve.queries.territory).toBeLessThanOrEqual(4);
    expect(twelve.queries.education).toBeLessThanOrEqual(4);
    expect(twelve.queries.feedback).toBeLessThanOrEqual(4);
    console.info('audit trail batching, SQL per service for 12 of each:', twelve.queries);
  });

  it('reads the trails of a plan and its activities in one query per entity type', async () => {
    const measure = async (activities: number) => {
      const year = freshYear();
      const planId = await createPlan(year);
      for (let i = 0; i < activities; i++) await addActivity(planId, year, `Actividad ${i + 1}`);
      return queriesFor(
        `query ($year: Int) {
          actionPlans(networkCode: "CENTRO", year: $year) { auditTrail { action } activities { auditTrail { action } } }
        }`,
        { year },
      );
    };
    const two = await measure(2);
    const ten = await measure(10);
    type Plans = { actionPlans: { auditTrail: AuditEvent[]; activities: { auditTrail: AuditEvent[] }[] }[] };
    const plans = (ten.data as Plans).actionPlans;
    expect(plans[0]!.auditTrail.map((e) => e.action)).toEqual(['action_plan.created']);
    expect(plans[0]!.activities).toHaveLength(10);
    for (const a of plans[0]!.activities)
      expect(a.auditTrail.map((e) => e.action)).toEqual(['activity.added']);
    expect(ten.queries).toEqual(two.queries);
    // Plans, activities, the plans' trail and the activities' trail.
    expect(ten.queries.planning).toBeLessThanOrEqual(4);
    console.info('audit trail batching, planning SQL for a plan with 10 activities:', ten.queries.planning);
  });
});
