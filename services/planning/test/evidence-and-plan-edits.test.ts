import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningService } from '../src/service.ts';
import { expectRefused, planningRowCounts } from './counts.ts';
import {
  approve,
  CENTRO_STAFF,
  createPlan,
  draftPlanWithActivity,
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

const ADD_EVIDENCE = `mutation ($input: AddActivityEvidenceInput!) {
  addActivityEvidence(input: $input) { id name kind url date } }`;
const ACTIVITY = `query ($id: ID!) { activity(id: $id) {
  title plan { status } territories { code name } evidence { id name kind url date } } }`;
const UPDATE = `mutation ($input: UpdateActionPlanInput!) {
  updateActionPlan(input: $input) { id status title generalObjective specificObjectives } }`;
const PLAN = `query ($id: ID!) { actionPlan(id: $id) {
  status title generalObjective specificObjectives network { code name } activities { title } } }`;
const CLOSE = 'mutation ($input: CloseActionPlanInput!) { closeActionPlan(input: $input) { status } }';

const evidence = (activityId: string, year: number, extra: Record<string, unknown> = {}) => ({
  input: {
    activityId,
    name: 'Acta del taller en la comuna 8',
    kind: 'MINUTES',
    url: 'https://archivo.redcentro.gov.co/actas/taller-c08.pdf',
    date: `${year}-03-15`,
    ...extra,
  },
});

/** An approved CENTRO plan with one activity. */
async function approvedActivity() {
  const { planId, activityId, year } = await draftPlanWithActivity(graph, freshYear());
  await approve(graph, planId);
  return { planId, activityId, year };
}

describe('addActivityEvidence', () => {
  it('records minutes, attendance lists and photos on an activity of an approved plan, listed by date', async () => {
    const { activityId, year } = await approvedActivity();
    const photo = await graph.data<{ addActivityEvidence: unknown }>(
      ADD_EVIDENCE,
      evidence(activityId, year, {
        name: '  Registro fotográfico  ',
        kind: 'PHOTO',
        url: 'http://fotos.redcentro.gov.co/taller/1.jpg',
        date: `${year}-04-02`,
      }),
      CENTRO_STAFF,
    );
    expect(photo.addActivityEvidence).toEqual({
      id: expect.any(String),
      name: 'Registro fotográfico',
      kind: 'PHOTO',
      url: 'http://fotos.redcentro.gov.co/taller/1.jpg',
      date: `${year}-04-02`,
    });
    await graph.data(ADD_EVIDENCE, evidence(activityId, year), CENTRO_STAFF);
    // Evidence is the network's operational record: the secretariat reads it but does not record it.
    const listing = evidence(activityId, year, {
      name: 'Listado de asistencia',
      kind: 'ATTENDANCE_LIST',
      url: 'https://archivo.redcentro.gov.co/asistencia.xlsx',
      date: `${year}-03-20`,
    });
    await expectRefused(graph, ADD_EVIDENCE, listing, SECRETARIAT, 'FORBIDDEN');
    await graph.data(ADD_EVIDENCE, listing, CENTRO_STAFF);
    // An approved plan is public: anyone may read its evidence.
    const data = await graph.data<{ activity: { evidence: unknown[] } }>(ACTIVITY, { id: activityId });
    expect(data.activity).toEqual({
      title: 'Taller de derechos en salud',
      plan: { status: 'APPROVED' },
      territories: [{ code: 'C08', name: expect.any(String) }],
      evidence: [
        {
          id: expect.any(String),
          name: 'Acta del taller en la comuna 8',
          kind: 'MINUTES',
          url: 'https://archivo.redcentro.gov.co/actas/taller-c08.pdf',
          date: `${year}-03-15`,
        },
        {
          id: expect.any(String),
          name: 'Listado de asistencia',
          kind: 'ATTENDANCE_LIST',
          url: 'https://archivo.redcentro.gov.co/asistencia.xlsx',
          date: `${year}-03-20`,
        },
        photo.addActivityEvidence,
      ],
    });
  });

  it('is recorded only while the plan is APPROVED: DRAFT, SUBMITTED and CLOSED are CONFLICT, nothing written', async () => {
    const { planId, activityId, year } = await draftPlanWithActivity(graph, freshYear());
    const draft = await expectRefused(
      graph,
      ADD_EVIDENCE,
      evidence(activityId, year),
      CENTRO_STAFF,
      'CONFLICT',
    );
    expect(draft.errors?.[0]?.message).toBe(
      'El plan de acción está en borrador: la ejecución se registra solo en planes aprobados.',
    );
    await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
    await expectRefused(graph, ADD_EVIDENCE, evidence(activityId, year), CENTRO_STAFF, 'CONFLICT');
    await graph.data(
      'mutation ($id: ID!) { approveActionPlan(id: $id) { status } }',
      { id: planId },
      SECRETARIAT,
    );
    await graph.data(ADD_EVIDENCE, evidence(activityId, year), CENTRO_STAFF);
    await graph.data(
      CLOSE,
      {
        input: {
          id: planId,
          achievements: 'Se realizaron los talleres.',
          difficulties: 'Baja convocatoria en vacaciones.',
          lessons: 'Convocar con las JAC.',
          activityResults: [{ activityId, result: 'Talleres realizados con la comunidad.' }],
        },
      },
      CENTRO_STAFF,
    );
    const closed = await expectRefused(
      graph,
      ADD_EVIDENCE,
      evidence(activityId, year),
      CENTRO_STAFF,
      'CONFLICT',
    );
    expect(closed.errors?.[0]?.message).toBe(
      'El plan de acción está cerrado: la ejecución se registra solo en planes aprobados.',
    );
    const data = await graph.data<{ activity: { evidence: unknown[] } }>(ACTIVITY, { id: activityId });
    expect(data.activity.evidence).toHaveLength(1);
  });

  it("refuses another network's staff (FORBIDDEN) and anonymous callers (UNAUTHENTICATED), writing nothing", async () => {
    const { activityId, year } = await approvedActivity();
    const refused = await expectRefused(
      graph,
      ADD_EVIDENCE,
      evidence(activityId, year),
      NORTE_STAFF,
      'FORBIDDEN',
    );
    expect(refused.errors?.[0]?.message).toBe('No tiene permiso para modificar datos de la red CENTRO.');
    await expectRefused(graph, ADD_EVIDENCE, evidence(activityId, year), { role: 'citizen' }, 'FORBIDDEN');
    await expectRefused(graph, ADD_EVIDENCE, evidence(activityId, year), undefined, 'UNAUTHENTICATED');
    // An activity of another network's draft is not even visible.
    const draft = await draftPlanWithActivity(graph, freshYear());
    await expectRefused(
      graph,
      ADD_EVIDENCE,
      evidence(draft.activityId, draft.year),
      NORTE_STAFF,
      'NOT_FOUND',
    );
    const data = await graph.data<{ activity: { evidence: unknown[] } }>(ACTIVITY, { id: activityId });
    expect(data.activity.evidence).toEqual([]);
  });

  it('refuses bad evidence with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const { activityId, year } = await approvedActivity();
    const bad = (extra: Record<string, unknown>, field: string) =>
      expectRefused(
        graph,
        ADD_EVIDENCE,
        evidence(activityId, year, extra),
        CENTRO_STAFF,
        'BAD_USER_INPUT',
        field,
      );
    const url = await bad({ url: 'javascript:alert(1)' }, 'url');
    expect(url.errors?.[0]?.message).toBe('Campo "url": debe ser una dirección http o https');
    await bad({ url: 'ftp://archivo.redcentro.gov.co/acta.pdf' }, 'url');
    await bad({ url: 'acta del taller' }, 'url');
    await bad({ url: `https://archivo.redcentro.gov.co/${'a'.repeat(2000)}` }, 'url');
    await bad({ name: '   ' }, 'name');
    await bad({ name: 'x'.repeat(201) }, 'name');
    await bad({ activityId: 'no-es-un-id' }, 'activityId');
    // A malformed Date or an unknown kind is refused while the gateway coerces the variables: the
    // message names the field, but that error carries no `extensions.field`.
    const coercion = (extra: Record<string, unknown>) =>
      expectRefused(graph, ADD_EVIDENCE, evidence(activityId, year, extra), CENTRO_STAFF, 'BAD_USER_INPUT');
    for (const date of [`${year}-02-30`, '15/03/2031']) {
      const result = await coercion({ date });
      expect(result.errors?.[0]?.message).toBe(
        `Campo "date": "${date}" no es una fecha válida (AAAA-MM-DD).`,
      );
    }
    expect((await coercion({ kind: 'VIDEO' })).errors?.[0]?.message).toMatch(/^Campo "kind": /);
    await expectRefused(
      graph,
      ADD_EVIDENCE,
      evidence('00000000-0000-4000-8000-000000000000', year),
      CENTRO_STAFF,
      'NOT_FOUND',
    );
  });
});

describe('updateActionPlan', () => {
  it('changes only the given fields of a DRAFT plan', async () => {
    const year = freshYear();
    const planId = await createPlan(graph, 'CENTRO', year);
    const updated = await graph.data<{ updateActionPlan: unknown }>(
      UPDATE,
      { input: { id: planId, title: `  Plan de participación social ${year}  ` } },
      CENTRO_STAFF,
    );
    expect(updated.updateActionPlan).toEqual({
      id: planId,
      status: 'DRAFT',
      title: `Plan de participación social ${year}`,
      generalObjective: 'Fortalecer la participación social en salud.',
      specificObjectives: ['Formar a la ciudadanía en derechos en salud.'],
    });
    await graph.data(
      UPDATE,
      {
        input: {
          id: planId,
          generalObjective: 'Garantizar la participación de la ciudadanía en las decisiones en salud.',
          specificObjectives: ['Conformar veedurías.', ' Rendir cuentas por comuna. '],
        },
      },
      CENTRO_STAFF,
    );
    expect(await graph.data(PLAN, { id: planId }, CENTRO_STAFF)).toEqual({
      actionPlan: {
        status: 'DRAFT',
        title: `Plan de participación social ${year}`,
        generalObjective: 'Garantizar la participación de la ciudadanía en las decisiones en salud.',
        specificObjectives: ['Conformar veedurías.', 'Rendir cuentas por comuna.'],
        network: { code: 'CENTRO', name: expect.any(String) },
        activities: [],
      },
    });
    // An empty list clears the specific objectives.
    const cleared = await graph.data<{ updateActionPlan: { specificObjectives: string[] } }>(
      UPDATE,
      { input: { id: planId, specificObjectives: [] } },
      CENTRO_STAFF,
    );
    expect(cleared.updateActionPlan.specificObjectives).toEqual([]);
  });

  it('changes nothing when no field is given, and answers the plan (was an SQL error)', async () => {
    const year = freshYear();
    const planId = await createPlan(graph, 'CENTRO', year);
    const before = await planningRowCounts(graph);
    const result = await graph.request<{ updateActionPlan: { title: string } }>(
      UPDATE,
      { input: { id: planId } },
      CENTRO_STAFF,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateActionPlan.title).toBe(`Plan de acción ${year}`);
    expect(await planningRowCounts(graph)).toEqual(before);
    // The state and permission rules still apply.
    await expectRefused(graph, UPDATE, { input: { id: planId } }, undefined, 'UNAUTHENTICATED');
    await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
    await expectRefused(graph, UPDATE, { input: { id: planId } }, CENTRO_STAFF, 'CONFLICT');
  });

  it('refuses SUBMITTED, APPROVED and CLOSED plans with CONFLICT; a returned plan is editable again', async () => {
    const { planId, activityId } = await draftPlanWithActivity(graph, freshYear());
    const change = { input: { id: planId, title: 'Otro título' } };
    await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
    const submitted = await expectRefused(graph, UPDATE, change, CENTRO_STAFF, 'CONFLICT');
    expect(submitted.errors?.[0]?.message).toBe(
      'El plan de acción está enviado: solo se modifican planes en borrador.',
    );
    await expectRefused(graph, UPDATE, change, CENTRO_STAFF, 'CONFLICT');
    await expectRefused(graph, UPDATE, change, SECRETARIAT, 'FORBIDDEN');
    await graph.data(
      'mutation ($id: ID!, $reason: String!) { returnActionPlan(id: $id, reason: $reason) { status } }',
      { id: planId, reason: 'Precise el objetivo general.' },
      SECRETARIAT,
    );
    await graph.data(
      UPDATE,
      { input: { id: planId, generalObjective: 'Objetivo precisado.' } },
      CENTRO_STAFF,
    );
    await approve(graph, planId);
    await expectRefused(graph, UPDATE, change, CENTRO_STAFF, 'CONFLICT');
    await graph.data(
      CLOSE,
      {
        input: {
          id: planId,
          achievements: 'Logros',
          difficulties: 'Dificultades',
          lessons: 'Lecciones',
          activityResults: [{ activityId, result: 'Resultado' }],
        },
      },
      CENTRO_STAFF,
    );
    await expectRefused(graph, UPDATE, change, CENTRO_STAFF, 'CONFLICT');
    const data = await graph.data<{ actionPlan: { title: string; generalObjective: string } }>(PLAN, {
      id: planId,
    });
    expect(data.actionPlan).toMatchObject({ status: 'CLOSED', generalObjective: 'Objetivo precisado.' });
    expect(data.actionPlan.title).not.toBe('Otro título');
  });

  it("refuses another network's staff and anonymous callers, writing nothing", async () => {
    const year = freshYear();
    const planId = await createPlan(graph, 'CENTRO', year);
    const change = { input: { id: planId, title: 'Título ajeno' } };
    // Another network does not see the draft at all.
    await expectRefused(graph, UPDATE, change, NORTE_STAFF, 'NOT_FOUND');
    await expectRefused(graph, UPDATE, change, undefined, 'UNAUTHENTICATED');
    await graph.data(SUBMIT, { id: planId }, CENTRO_STAFF);
    // Once submitted it is visible, but still not theirs.
    await expectRefused(graph, UPDATE, change, NORTE_STAFF, 'FORBIDDEN');
    await expectRefused(graph, UPDATE, change, undefined, 'UNAUTHENTICATED');
    const data = await graph.data<{ actionPlan: { title: string } }>(PLAN, { id: planId });
    expect(data.actionPlan.title).toBe(`Plan de acción ${year}`);
  });

  it('refuses bad changes with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const year = freshYear();
    const planId = await createPlan(graph, 'CENTRO', year);
    const bad = (changes: Record<string, unknown>, field: string) =>
      expectRefused(
        graph,
        UPDATE,
        { input: { id: planId, ...changes } },
        CENTRO_STAFF,
        'BAD_USER_INPUT',
        field,
      );
    const empty = await bad({ title: '   ' }, 'title');
    expect(empty.errors?.[0]?.message).toBe('Campo "title": no puede estar vacío');
    await bad({ title: 'x'.repeat(201) }, 'title');
    await bad({ title: null }, 'title');
    await bad({ generalObjective: '' }, 'generalObjective');
    await bad({ generalObjective: null }, 'generalObjective');
    await bad({ specificObjectives: ['Válido', '  '] }, 'specificObjectives.1');
    await bad(
      { specificObjectives: Array.from({ length: 21 }, (_, i) => `Objetivo ${i}`) },
      'specificObjectives',
    );
    await expectRefused(
      graph,
      UPDATE,
      { input: { id: 'no-es-un-id', title: 'Título' } },
      CENTRO_STAFF,
      'BAD_USER_INPUT',
      'id',
    );
    const data = await graph.data<{ actionPlan: { title: string } }>(PLAN, { id: planId }, CENTRO_STAFF);
    expect(data.actionPlan.title).toBe(`Plan de acción ${year}`);
  });
});
