import { educationService } from '@participa/education';
import { territoryByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import type { Caller, TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../education/src/db/schema.ts';
import { notificationsService } from '../src/service.ts';
import { eventually, type NotifiedGraph, startNotifiedGraph } from './harness.ts';
import { inboxKind, mailText } from './inbox.ts';

const ORIENTE_STAFF: Caller = { role: 'ese_staff', network: 'ORIENTE', sub: 'promotora-oriente' };
const LADERA_STAFF: Caller = { role: 'ese_staff', network: 'LADERA', sub: 'promotora-ladera' };
/** Signs up herself while signed in: news of her registration reaches her inbox too. */
const CITIZEN: Caller = { role: 'citizen', sub: 'ciudadana-yuri' };
const HOUR = 3_600_000;

let graph: TestGraph;
let smtp: NotifiedGraph['smtp'];
let running: NotifiedGraph | undefined;

beforeAll(async () => {
  running = await startNotifiedGraph(
    [territoryService, educationService, notificationsService],
    outboxEvents,
  );
  ({ graph, smtp } = running);
});

afterAll(async () => {
  await running?.stop();
});

const TITLE = 'Taller de deberes y derechos en salud';

async function scheduleWorkshop(capacity: number): Promise<string> {
  const startsAt = new Date(Date.now() + 6 * 24 * HOUR);
  const data = await graph.data<{ scheduleWorkshop: { id: string } }>(
    `mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { id } }`,
    {
      input: {
        networkCode: 'ORIENTE',
        title: TITLE,
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        address: 'Caseta comunal de El Vallado',
        territoryId: territoryByCode('C15')!.id,
        capacity,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
      },
    },
    ORIENTE_STAFF,
  );
  return data.scheduleWorkshop.id;
}

async function register(workshopId: string, email: string, documentNumber: string, as?: Caller) {
  const data = await graph.data<{ registerForWorkshop: { id: string; status: string; checkInCode: string } }>(
    `mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { id status checkInCode } }`,
    {
      input: {
        workshopId,
        dataConsent: true,
        participant: {
          fullName: 'Participante de prueba',
          documentType: 'CC',
          documentNumber,
          email,
          birthYear: 1980,
          sex: 'MUJER',
        },
      },
    },
    as,
  );
  return data.registerForWorkshop;
}

const mailsTo = (address: string, text: string) =>
  smtp.received
    .filter((m) => m.to.includes(address))
    .map((m) => mailText(m.raw))
    .filter((t) => t.includes(text));

const oneMail = (address: string, text: string) =>
  eventually(async () => {
    const found = mailsTo(address, text);
    return found.length > 0 && found[0];
  });

describe('workshop changes', () => {
  it("tells ORIENTE's staff of a new workshop, not LADERA's", async () => {
    await scheduleWorkshop(20);
    const [scheduled] = await eventually(async () => {
      const found = await inboxKind(graph, ORIENTE_STAFF, 'workshop.scheduled');
      return found.length > 0 && found;
    });
    expect(scheduled!.title).toBe(`Nuevo taller programado: ${TITLE}`);
    expect(scheduled!.body).toContain('Lugar: Caseta comunal de El Vallado.');
    expect(scheduled!.body).toContain('Cupos: 20.');
    expect(await inboxKind(graph, LADERA_STAFF, 'workshop.scheduled')).toEqual([]);
  });

  it('cancellation promotes the waitlisted, rescheduling and cancelling the workshop reach who still holds a place', async () => {
    const workshopId = await scheduleWorkshop(1);
    const first = await register(workshopId, 'nelly.cuero@example.org', '29111222');
    const second = await register(workshopId, 'yuri.angulo@example.org', '31222333', CITIZEN);
    expect([first.status, second.status]).toEqual(['REGISTERED', 'WAITLISTED']);

    await graph.data(
      'mutation ($id: ID!, $code: String) { cancelRegistration(id: $id, checkInCode: $code) { id } }',
      {
        id: first.id,
        code: first.checkInCode,
      },
    );
    expect(await oneMail('nelly.cuero@example.org', `Inscripción cancelada: ${TITLE}`)).toContain(
      `Su inscripción al taller «${TITLE}» del`,
    );
    const promoted = await oneMail('yuri.angulo@example.org', `Ya tiene cupo: ${TITLE}`);
    expect(promoted).toContain('se le asignó: su inscripción está confirmada.');
    expect(promoted).not.toContain('31222333');
    const [inApp] = await eventually(async () => {
      const found = await inboxKind(graph, CITIZEN, 'registration.promoted');
      return found.length > 0 && found;
    });
    expect(inApp!.title).toBe(`Ya tiene cupo: ${TITLE}`);

    const startsAt = new Date(Date.now() + 9 * 24 * HOUR);
    await graph.data(
      `mutation ($input: RescheduleWorkshopInput!) { rescheduleWorkshop(input: $input) { id } }`,
      {
        input: {
          id: workshopId,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3 * HOUR).toISOString(),
          reason: 'La caseta comunal no está disponible ese día.',
        },
      },
      ORIENTE_STAFF,
    );
    const moved = await oneMail('yuri.angulo@example.org', `Cambio de fecha: ${TITLE}`);
    expect(moved).toContain('Motivo: La caseta comunal no está disponible ese día.');
    const [staffMoved] = await eventually(async () => {
      const found = await inboxKind(graph, ORIENTE_STAFF, 'workshop.rescheduled');
      return found.length > 0 && found;
    });
    expect(staffMoved!.body).toContain('Se avisó a 1 persona(s) inscrita(s) o en lista de espera.');
    expect(staffMoved!.body).not.toContain('yuri.angulo');

    await graph.data(
      'mutation ($id: ID!, $reason: String!) { cancelWorkshop(id: $id, reason: $reason) { status } }',
      { id: workshopId, reason: 'Emergencia sanitaria en la comuna.' },
      ORIENTE_STAFF,
    );
    expect(await oneMail('yuri.angulo@example.org', `Taller cancelado: ${TITLE}`)).toContain(
      'Su inscripción queda sin efecto.',
    );
    await eventually(async () => (await inboxKind(graph, ORIENTE_STAFF, 'workshop.cancelled')).length === 1);
    // Nelly had cancelled: neither the new date nor the cancellation is hers to hear.
    expect(mailsTo('nelly.cuero@example.org', 'Cambio de fecha')).toEqual([]);
    expect(mailsTo('nelly.cuero@example.org', 'Taller cancelado')).toEqual([]);
    for (const kind of ['workshop.rescheduled', 'workshop.cancelled'])
      expect(await inboxKind(graph, LADERA_STAFF, kind)).toEqual([]);
  });
});
