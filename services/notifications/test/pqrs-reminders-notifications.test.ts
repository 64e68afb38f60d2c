import {
  addCalendarDays,
  bogotaDay,
  startOfBogotaDay,
  subtractBusinessDays,
  todayInBogota,
} from '@participa/calendar';
import { feedbackService } from '@participa/feedback';
import type { Caller, TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackDb } from '../../feedback/src/db/index.ts';
import { outboxEvents } from '../../feedback/src/db/schema.ts';
import { emitDeadlineReminders, emitOverdueDigests } from '../../feedback/src/reminders.ts';
import { idOf, petition, submit } from '../../feedback/test/helpers.ts';
import { notificationsService } from '../src/service.ts';
import { eventually, type NotifiedGraph, startNotifiedGraph } from './harness.ts';
import { inboxKind } from './inbox.ts';

const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'siau-centro' };
const NORTE_STAFF: Caller = { role: 'ese_staff', network: 'NORTE', sub: 'siau-norte' };
const ASSIGNEE: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'gestora-centro' };
const CENTRO_ADMIN: Caller = { role: 'ese_admin', network: 'CENTRO', sub: 'gerente-centro' };
const NORTE_ADMIN: Caller = { role: 'ese_admin', network: 'NORTE', sub: 'gerente-norte' };
const ORIENTE_ADMIN: Caller = { role: 'ese_admin', network: 'ORIENTE', sub: 'gerente-oriente' };
const HOUR = 3_600_000;

let graph: TestGraph;
let db: FeedbackDb;
let running: NotifiedGraph | undefined;

beforeAll(async () => {
  running = await startNotifiedGraph([feedbackService, notificationsService], outboxEvents);
  ({ graph } = running);
  db = graph.databases.feedback!.db as FeedbackDb;
});

afterAll(async () => {
  await running?.stop();
});

const at = (day: string, hour: number) => new Date(startOfBogotaDay(day).getTime() + hour * HOUR);
const some = (caller: Caller, kind: string) =>
  eventually(async () => {
    const found = await inboxKind(graph, caller, kind);
    return found.length > 0 && found;
  });

/** Runs a scan twice at once, then again: what each emitted. */
async function scanTwiceAndAgain(scan: () => Promise<number>) {
  const [a, b] = await Promise.all([scan(), scan()]);
  return { concurrent: a + b, again: await scan() };
}

describe('PQRS deadline reminders', () => {
  it('go once to the assignee, or to the network staff when unassigned: due soon, then due today', async () => {
    const centro = await submit(graph, petition(), CENTRO_STAFF);
    await graph.data(
      'mutation ($input: AssignPqrsInput!) { assignPqrs(input: $input) { id } }',
      { input: { pqrsId: await idOf(graph, centro.radicado, CENTRO_STAFF), assignee: 'gestora-centro' } },
      CENTRO_STAFF,
    );
    const norte = await submit(graph, petition({ networkCode: 'NORTE' }), NORTE_STAFF);
    const dueDay = bogotaDay(new Date(centro.dueAt!));
    expect(bogotaDay(new Date(norte.dueAt!))).toBe(dueDay);

    const soon = at(subtractBusinessDays(dueDay, 2), 9);
    expect(await emitDeadlineReminders(db, new Date(soon.getTime() - 10 * HOUR))).toBe(0);
    expect(await scanTwiceAndAgain(() => emitDeadlineReminders(db, soon))).toEqual({
      concurrent: 2,
      again: 0,
    });
    const [mine] = await some(ASSIGNEE, 'pqrs.due_soon');
    expect(mine!.title).toBe(`PQRS ${centro.radicado} por vencer`);
    expect(mine!.body).toContain(`La petición con radicado ${centro.radicado} de la red CENTRO vence el`);
    expect(mine!.body).not.toContain('Ocoró');
    const [norteStaff] = await some(NORTE_STAFF, 'pqrs.due_soon');
    expect(norteStaff!.title).toBe(`PQRS ${norte.radicado} por vencer`);
    // CENTRO's was assigned: it reaches the assignee, not every CENTRO handler; NORTE's stays in NORTE.
    expect(await inboxKind(graph, CENTRO_STAFF, 'pqrs.due_soon')).toEqual([]);

    expect(await scanTwiceAndAgain(() => emitDeadlineReminders(db, at(dueDay, 8)))).toEqual({
      concurrent: 2,
      again: 0,
    });
    const [today] = await some(ASSIGNEE, 'pqrs.due_today');
    expect(today!.title).toBe(`PQRS ${centro.radicado} vence hoy`);
    // Once past the deadline, no reminder: the digest takes over.
    expect(await emitDeadlineReminders(db, at(addCalendarDays(dueDay, 1), 8))).toBe(0);
  });
});

describe('overdue digest', () => {
  it('sends one digest per network and day to its admins, listing only its own radicados', async () => {
    const receivedAt = '2026-06-01T09:00:00-05:00';
    const centro = await submit(graph, petition({ receivedAt }), CENTRO_STAFF);
    const norte = await submit(graph, petition({ networkCode: 'NORTE', receivedAt }), NORTE_STAFF);
    const today = todayInBogota();

    expect(await scanTwiceAndAgain(() => emitOverdueDigests(db, at(today, 8)))).toEqual({
      concurrent: 2,
      again: 0,
    });
    const tomorrow = addCalendarDays(today, 1);
    expect(await emitOverdueDigests(db, at(tomorrow, 6))).toBe(0);
    expect(await emitOverdueDigests(db, at(tomorrow, 7))).toBe(2);

    const digests = await eventually(async () => {
      const found = await inboxKind(graph, CENTRO_ADMIN, 'pqrs.overdue_digest');
      return found.length === 2 && found;
    });
    for (const digest of digests) {
      expect(digest.title).toBe('PQRS vencidas en la red CENTRO: 1');
      expect(digest.body).toContain(`${centro.radicado}.`);
      expect(digest.body).not.toContain(norte.radicado);
      expect(digest.body).not.toContain('Ocoró');
    }
    const [forNorte] = await some(NORTE_ADMIN, 'pqrs.overdue_digest');
    expect(forNorte!.body).toContain(norte.radicado);
    expect(forNorte!.body).not.toContain(centro.radicado);
    expect(await inboxKind(graph, ORIENTE_ADMIN, 'pqrs.overdue_digest')).toEqual([]);
  });
});
