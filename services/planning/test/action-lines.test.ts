import type { Caller } from '@participa/testing';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planningService } from '../src/service.ts';
import { expectRefused, planningRowCounts } from './counts.ts';
import { activityInput, CENTRO_STAFF, createPlan, freshYear, SECRETARIAT } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([planningService]);
});
afterAll(() => graph?.stop());

const LINE_FIELDS = 'id code name retired axis { code }';
const CREATE = `mutation ($input: CreateActionLineInput!) { createActionLine(input: $input) { ${LINE_FIELDS} } }`;
const RENAME = `mutation ($id: ID!, $name: String!) { renameActionLine(id: $id, name: $name) { ${LINE_FIELDS} } }`;
const RETIRE = `mutation ($id: ID!) { retireActionLine(id: $id) { ${LINE_FIELDS} } }`;
const DELETE = 'mutation ($id: ID!) { deleteActionLine(id: $id) }';
const AXES = `query ($all: Boolean) { strategicAxes { code lines(includeRetired: $all) { id code name retired } } }`;
const ADD_ACTIVITY = 'mutation ($input: AddActivityInput!) { addActivity(input: $input) { id } }';
const ACTIVITY = 'query ($id: ID!) { activity(id: $id) { actionLines { id code name retired } } }';

type Line = { id: string; code: string; name: string; retired: boolean; axis?: { code: string } };

async function createLine(axisCode: string, code: string, name: string): Promise<Line> {
  const data = await graph.data<{ createActionLine: Line }>(
    CREATE,
    { input: { axisCode, code, name } },
    SECRETARIAT,
  );
  return data.createActionLine;
}

async function linesOf(axisCode: string, includeRetired = false): Promise<Line[]> {
  const data = await graph.data<{ strategicAxes: { code: string; lines: Line[] }[] }>(AXES, {
    all: includeRetired,
  });
  return data.strategicAxes.find((a) => a.code === axisCode)?.lines ?? [];
}

describe('lines of action (secretariat reference data)', () => {
  it('creates a line (normalising code, axis and name) that strategicAxes lists under its axis', async () => {
    const line = await createLine(' eje3 ', 'l3.9', '  Ferias comunitarias de salud  ');
    expect(line).toEqual({
      id: expect.any(String),
      code: 'L3.9',
      name: 'Ferias comunitarias de salud',
      retired: false,
      axis: { code: 'EJE3' },
    });
    const lines = await linesOf('EJE3');
    expect(lines.map((l) => l.code)).toEqual(['L3.1', 'L3.2', 'L3.3', 'L3.9']);
    expect(lines.at(-1)).toEqual({
      id: line.id,
      code: 'L3.9',
      name: 'Ferias comunitarias de salud',
      retired: false,
    });
    expect((await linesOf('EJE4')).map((l) => l.code)).not.toContain('L3.9');
  });

  it('renames a line, keeping its id, code and axis', async () => {
    const line = await createLine('EJE4', 'L4.8', 'Veedurías ciudadanas');
    const renamed = await graph.data<{ renameActionLine: Line }>(
      RENAME,
      { id: line.id, name: '  Veedurías ciudadanas en salud ' },
      SECRETARIAT,
    );
    expect(renamed.renameActionLine).toEqual({ ...line, name: 'Veedurías ciudadanas en salud' });
    expect((await linesOf('EJE4')).find((l) => l.id === line.id)?.name).toBe('Veedurías ciudadanas en salud');
  });

  it('retires a line: hidden from strategicAxes unless includeRetired, retiring again changes nothing', async () => {
    const line = await createLine('EJE5', 'L5.8', 'Presupuestos participativos en salud');
    const retired = await graph.data<{ retireActionLine: Line }>(RETIRE, { id: line.id }, SECRETARIAT);
    expect(retired.retireActionLine).toEqual({ ...line, retired: true });
    expect((await linesOf('EJE5')).map((l) => l.id)).not.toContain(line.id);
    expect((await linesOf('EJE5', true)).find((l) => l.id === line.id)).toEqual({
      id: line.id,
      code: 'L5.8',
      name: 'Presupuestos participativos en salud',
      retired: true,
    });
    const again = await graph.data<{ retireActionLine: Line }>(RETIRE, { id: line.id }, SECRETARIAT);
    expect(again.retireActionLine.retired).toBe(true);
  });

  it('deletes an unused line, whose code can then be used again; a deleted line is NOT_FOUND', async () => {
    const line = await createLine('EJE1', 'L1.9', 'Línea creada por error');
    const before = await planningRowCounts(graph);
    expect(await graph.data(DELETE, { id: line.id }, SECRETARIAT)).toEqual({ deleteActionLine: line.id });
    expect((await planningRowCounts(graph)).actionLines).toBe(before.actionLines - 1);
    expect((await linesOf('EJE1', true)).map((l) => l.id)).not.toContain(line.id);
    expect(errorCodes(await graph.request(DELETE, { id: line.id }, SECRETARIAT))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await graph.request(RETIRE, { id: line.id }, SECRETARIAT))).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await graph.request(RENAME, { id: line.id, name: 'Otro nombre' }, SECRETARIAT)),
    ).toEqual(['NOT_FOUND']);
    const recreated = await createLine('EJE1', 'L1.9', 'Línea corregida');
    expect(recreated.id).not.toBe(line.id);
  });

  it('refuses to delete a line in use (CONFLICT); retired instead, it stays on the activity but cannot be chosen again', async () => {
    const line = await createLine('EJE2', 'L2.9', 'Escuelas de liderazgo en salud');
    const year = freshYear();
    const planId = await createPlan(graph, 'CENTRO', year);
    const { data } = await graph.request<{ addActivity: { id: string } }>(
      ADD_ACTIVITY,
      { input: activityInput(planId, year, { territoryIds: [], actionLineIds: [line.id] }) },
      CENTRO_STAFF,
    );
    const activityId = data!.addActivity.id;

    const refused = await expectRefused(graph, DELETE, { id: line.id }, SECRETARIAT, 'CONFLICT');
    expect(refused.errors?.[0]?.message).toBe(
      'La línea "Escuelas de liderazgo en salud" está en uso por actividades: retírela en lugar de eliminarla.',
    );
    expect((await linesOf('EJE2')).map((l) => l.id)).toContain(line.id);

    await graph.data(RETIRE, { id: line.id }, SECRETARIAT);
    // Still refused once retired: the activity keeps it.
    await expectRefused(graph, DELETE, { id: line.id }, SECRETARIAT, 'CONFLICT');
    expect(await graph.data(ACTIVITY, { id: activityId }, CENTRO_STAFF)).toEqual({
      activity: {
        actionLines: [{ id: line.id, code: 'L2.9', name: 'Escuelas de liderazgo en salud', retired: true }],
      },
    });
    const result = await expectRefused(
      graph,
      ADD_ACTIVITY,
      { input: activityInput(planId, year, { territoryIds: [], actionLineIds: [line.id] }) },
      CENTRO_STAFF,
      'BAD_USER_INPUT',
      'actionLineIds',
    );
    expect(result.errors?.[0]?.message).toBe(
      'Campo "actionLineIds": la línea "Escuelas de liderazgo en salud" fue retirada.',
    );
  });

  it('lets only the secretariat manage lines: ESE roles FORBIDDEN, anonymous UNAUTHENTICATED, nothing written', async () => {
    const line = await createLine('EJE3', 'L3.8', 'Cuidado colectivo en los barrios');
    const eseAdmin: Caller = { role: 'ese_admin', network: 'CENTRO' };
    const citizen: Caller = { role: 'citizen' };
    const calls: [string, Record<string, unknown>][] = [
      [CREATE, { input: { axisCode: 'EJE3', code: 'L3.7', name: 'Línea no autorizada' } }],
      [RENAME, { id: line.id, name: 'Nombre no autorizado' }],
      [RETIRE, { id: line.id }],
      [DELETE, { id: line.id }],
    ];
    for (const [query, variables] of calls) {
      await expectRefused(graph, query, variables, CENTRO_STAFF, 'FORBIDDEN');
      await expectRefused(graph, query, variables, eseAdmin, 'FORBIDDEN');
      await expectRefused(graph, query, variables, citizen, 'FORBIDDEN');
      await expectRefused(graph, query, variables, undefined, 'UNAUTHENTICATED');
    }
    expect((await linesOf('EJE3')).find((l) => l.id === line.id)).toEqual({
      id: line.id,
      code: 'L3.8',
      name: 'Cuidado colectivo en los barrios',
      retired: false,
    });
  });

  it('refuses bad line input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const line = await createLine('EJE1', 'L1.8', 'Mesas técnicas de participación');
    const create = (input: Record<string, unknown>) => ({
      input: { axisCode: 'EJE1', code: 'L1.7', name: 'Línea válida', ...input },
    });
    const unknownAxis = await expectRefused(
      graph,
      CREATE,
      create({ axisCode: 'EJE9' }),
      SECRETARIAT,
      'BAD_USER_INPUT',
      'axisCode',
    );
    expect(unknownAxis.errors?.[0]?.message).toBe(
      'Campo "axisCode": el eje estratégico "EJE9" no existe (EJE1 a EJE5).',
    );
    await expectRefused(graph, CREATE, create({ code: 'L 1.7' }), SECRETARIAT, 'BAD_USER_INPUT', 'code');
    await expectRefused(graph, CREATE, create({ code: '' }), SECRETARIAT, 'BAD_USER_INPUT', 'code');
    await expectRefused(
      graph,
      CREATE,
      create({ code: 'L1.7'.repeat(6) }),
      SECRETARIAT,
      'BAD_USER_INPUT',
      'code',
    );
    await expectRefused(graph, CREATE, create({ name: '   ' }), SECRETARIAT, 'BAD_USER_INPUT', 'name');
    await expectRefused(
      graph,
      CREATE,
      create({ name: 'x'.repeat(301) }),
      SECRETARIAT,
      'BAD_USER_INPUT',
      'name',
    );
    await expectRefused(graph, RENAME, { id: line.id, name: ' ' }, SECRETARIAT, 'BAD_USER_INPUT', 'name');
    await expectRefused(
      graph,
      RENAME,
      { id: 'no-es-un-id', name: 'Nombre' },
      SECRETARIAT,
      'BAD_USER_INPUT',
      'id',
    );
    await expectRefused(graph, RETIRE, { id: 'no-es-un-id' }, SECRETARIAT, 'BAD_USER_INPUT', 'id');
    await expectRefused(graph, DELETE, { id: 'no-es-un-id' }, SECRETARIAT, 'BAD_USER_INPUT', 'id');
    expect((await linesOf('EJE1')).find((l) => l.id === line.id)?.name).toBe(
      'Mesas técnicas de participación',
    );
  });

  it('refuses a code that is taken (also by a seeded or retired line) with CONFLICT, writing nothing', async () => {
    const seeded = await expectRefused(
      graph,
      CREATE,
      { input: { axisCode: 'EJE2', code: 'l1.1', name: 'Duplicada' } },
      SECRETARIAT,
      'CONFLICT',
    );
    expect(seeded.errors?.[0]?.message).toBe('Ya existe una línea de acción con el código L1.1.');
    const retired = await createLine('EJE4', 'L4.7', 'Línea para retirar');
    await graph.data(RETIRE, { id: retired.id }, SECRETARIAT);
    await expectRefused(
      graph,
      CREATE,
      { input: { axisCode: 'EJE4', code: 'L4.7', name: 'Otra' } },
      SECRETARIAT,
      'CONFLICT',
    );
  });
});
