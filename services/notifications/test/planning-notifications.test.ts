import { addCalendarDays, todayInBogota } from '@participa/calendar';
import { planningService } from '@participa/planning';
import { territoryService } from '@participa/territory';
import type { Caller, TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanningDb } from '../../planning/src/db/index.ts';
import { outboxEvents } from '../../planning/src/db/schema.ts';
import { emitCommitmentReminders } from '../../planning/src/reminders.ts';
import { activityInput, addActivity, createPlan, freshYear } from '../../planning/test/helpers.ts';
import { notificationsService } from '../src/service.ts';
import { eventually, type NotifiedGraph, startNotifiedGraph } from './harness.ts';
import { inboxKind } from './inbox.ts';

const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'planeacion-centro' };
const CENTRO_ADMIN: Caller = { role: 'ese_admin', network: 'CENTRO', sub: 'gerente-centro' };
const NORTE_ADMIN: Caller = { role: 'ese_admin', network: 'NORTE', sub: 'gerente-norte' };
const SURO_ADMIN: Caller = { role: 'ese_admin', network: 'SUROCCIDENTE', sub: 'gerente-suroccidente' };
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretaria-salud' };

let graph: TestGraph;
let running: NotifiedGraph | undefined;

beforeAll(async () => {
  running = await startNotifiedGraph([territoryService, planningService, notificationsService], outboxEvents);
  ({ graph } = running);
});

afterAll(async () => {
  await running?.stop();
});

const some = (caller: Caller, kind: string, count = 1) =>
  eventually(async () => {
    const found = await inboxKind(graph, caller, kind);
    return found.length >= count && found;
  });

describe('action plan moves', () => {
  it("reach the secretariat when submitted and CENTRO's admins when returned or approved, never NORTE's", async () => {
    const year = freshYear();
    const planId = await createPlan(graph, 'CENTRO', year, CENTRO_STAFF);
    await addActivity(graph, activityInput(planId, year), CENTRO_STAFF);
    const submit = () =>
      graph.data(
        'mutation ($id: ID!) { submitActionPlan(id: $id) { status } }',
        { id: planId },
        CENTRO_STAFF,
      );

    await submit();
    const [submitted] = await some(SECRETARIAT, 'plan.submitted');
    expect(submitted!.title).toBe(`Plan de acción ${year} de la red CENTRO enviado`);
    expect(submitted!.body).toContain('para revisión de la Secretaría.');

    const reason = 'Falta la meta de la actividad de veeduría ciudadana.';
    await graph.data(
      'mutation ($id: ID!, $reason: String!) { returnActionPlan(id: $id, reason: $reason) { status } }',
      { id: planId, reason },
      SECRETARIAT,
    );
    const [returned] = await some(CENTRO_ADMIN, 'plan.returned');
    expect(returned!.title).toBe(`Plan de acción ${year} devuelto`);
    expect(returned!.body).toContain(`Observaciones: ${reason}`);

    await submit();
    await some(SECRETARIAT, 'plan.submitted', 2);
    await graph.data(
      'mutation ($id: ID!) { approveActionPlan(id: $id) { status } }',
      { id: planId },
      SECRETARIAT,
    );
    const [approved] = await some(CENTRO_ADMIN, 'plan.approved');
    expect(approved!.body).toContain(`La Secretaría aprobó el plan de acción ${year}`);

    for (const kind of ['plan.submitted', 'plan.returned', 'plan.approved'])
      expect(await inboxKind(graph, NORTE_ADMIN, kind)).toEqual([]);
    // Admins are told of their own plan's outcome, not of each submission.
    expect(await inboxKind(graph, CENTRO_ADMIN, 'plan.submitted')).toEqual([]);
  });
});

describe('commitment reminders', () => {
  it("go once to the admins of every signing network (CENTRO and NORTE), not SUROCCIDENTE's", async () => {
    const today = todayInBogota();
    await graph.data(
      'mutation ($input: CreateCommitmentActInput!) { createCommitmentAct(input: $input) { id } }',
      {
        input: {
          title: 'Acta Cali Conecta de asociaciones de usuarios',
          eventName: 'Encuentro Cali Conecta',
          date: addCalendarDays(today, -30),
          place: 'Centro Cultural de Cali',
          networkCodes: ['CENTRO', 'NORTE'],
          commitments: [
            {
              description: 'Socializar la ruta de PQRS en las comunas 8 a 12',
              dueDate: addCalendarDays(today, 5),
            },
            {
              description: 'Instalar buzones de sugerencias en los CAP',
              dueDate: addCalendarDays(today, -3),
            },
            { description: 'Jornada de rendición de cuentas', dueDate: addCalendarDays(today, 40) },
          ],
        },
      },
      SECRETARIAT,
    );
    const db = graph.databases.planning!.db as PlanningDb;
    const [first, second] = await Promise.all([emitCommitmentReminders(db), emitCommitmentReminders(db)]);
    // Due in 5 days and overdue by 3: one each; due in 40 days: not yet.
    expect(first + second).toBe(2);
    expect(await emitCommitmentReminders(db)).toBe(0);

    for (const admin of [CENTRO_ADMIN, NORTE_ADMIN]) {
      const [due] = await some(admin, 'commitment.due');
      expect(due!.body).toContain(
        'El compromiso «Socializar la ruta de PQRS en las comunas 8 a 12» del acta «Acta Cali Conecta de asociaciones de usuarios» vence el',
      );
      const [overdue] = await some(admin, 'commitment.overdue');
      expect(overdue!.title).toBe('Compromiso vencido');
      expect(overdue!.body).toContain('«Instalar buzones de sugerencias en los CAP»');
    }
    await eventually(async () => {
      const rows = (await db.execute(
        'SELECT count(*)::int AS n FROM planning.outbox_events WHERE done_at IS NULL',
      )) as unknown as { n: number }[];
      return rows[0]!.n === 0;
    }, 30_000);
    expect(await inboxKind(graph, CENTRO_ADMIN, 'commitment.due')).toHaveLength(1);
    expect(await inboxKind(graph, CENTRO_ADMIN, 'commitment.overdue')).toHaveLength(1);
    expect(await inboxKind(graph, SURO_ADMIN, 'commitment.due')).toEqual([]);
    expect(await inboxKind(graph, SURO_ADMIN, 'commitment.overdue')).toEqual([]);
  });
});
