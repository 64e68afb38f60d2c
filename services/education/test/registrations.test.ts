import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { educationService } from '../src/service.ts';
import {
  CENTRO_STAFF,
  counts,
  NORTE_STAFF,
  person,
  REGISTER,
  register,
  SECRETARIAT,
  scheduleWorkshop,
} from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService]);
});
afterAll(() => graph?.stop());

const REGISTRATIONS = /* GraphQL */ `
  query ($id: ID!) {
    workshop(id: $id) {
      registrations {
        totalCount
        edges {
          node {
            id
            status
            erased
            checkInCode
            participant { fullName documentNumber email }
            characterization { lifeStage sex territory { id } }
          }
        }
      }
    }
  }
`;
type RegistrationNode = {
  id: string;
  status: string;
  erased: boolean;
  checkInCode: string | null;
  participant: { fullName: string | null; documentNumber: string | null; email: string | null } | null;
  characterization: { lifeStage: string; sex: string; territory: { id: string } | null } | null;
};
async function registrationsAs(id: string, as = CENTRO_STAFF) {
  const result = await graph.request<{
    workshop: { registrations: { totalCount: number; edges: { node: RegistrationNode }[] } };
  }>(REGISTRATIONS, { id }, as);
  return result;
}
const CANCEL =
  'mutation ($id: ID!, $code: String) { cancelRegistration(id: $id, checkInCode: $code) { id status } }';

describe('registration and waitlist', () => {
  it('registers while seats remain, then waitlists in arrival order; cancelling promotes the first waitlisted', async () => {
    const workshopId = await scheduleWorkshop(graph, { capacity: 2 });
    const first = (await register(graph, workshopId, person(1))).data!.registerForWorkshop;
    const second = (await register(graph, workshopId, person(2))).data!.registerForWorkshop;
    const third = (await register(graph, workshopId, person(3))).data!.registerForWorkshop;
    const fourth = (await register(graph, workshopId, person(4))).data!.registerForWorkshop;
    expect([first.status, second.status, third.status, fourth.status]).toEqual([
      'REGISTERED',
      'REGISTERED',
      'WAITLISTED',
      'WAITLISTED',
    ]);
    expect([third.waitlistPosition, fourth.waitlistPosition]).toEqual([1, 2]);
    // The participant gets a printable check-in code in the answer.
    expect(first.checkInCode).toMatch(/^[A-Z0-9]{10}$/);

    // An anonymous participant cancels with their own code.
    const cancelled = await graph.request(CANCEL, { id: first.id, code: first.checkInCode });
    expect(cancelled.data).toEqual({ cancelRegistration: { id: first.id, status: 'CANCELLED' } });
    const list = (await registrationsAs(workshopId)).data!.workshop.registrations.edges.map((e) => e.node);
    expect(list.map((r) => [r.id, r.status])).toEqual([
      [first.id, 'CANCELLED'],
      [second.id, 'REGISTERED'],
      [third.id, 'REGISTERED'],
      [fourth.id, 'WAITLISTED'],
    ]);
    expect(await counts(graph, workshopId)).toMatchObject({
      registeredCount: 2,
      waitlistCount: 1,
      seatsLeft: 0,
    });
  });

  it('accepts the minimal contract participant: a name and an e-mail (characterization is optional)', async () => {
    const workshopId = await scheduleWorkshop(graph);
    const result = await register(graph, workshopId, {
      fullName: 'Andrés Caicedo',
      email: 'andres@example.org',
    });
    expect(result.data?.registerForWorkshop.status).toBe('REGISTERED');
    const own = (await registrationsAs(workshopId)).data!.workshop.registrations.edges[0]!.node;
    expect(own.characterization).toMatchObject({ lifeStage: null, sex: null });
  });

  it('refuses to cancel without the code or the network staff role', async () => {
    const workshopId = await scheduleWorkshop(graph, { capacity: 2 });
    const reg = (await register(graph, workshopId, person(20))).data!.registerForWorkshop;
    expect(errorCodes(await graph.request(CANCEL, { id: reg.id }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graph.request(CANCEL, { id: reg.id, code: 'WRONGCODE1' }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await graph.request(CANCEL, { id: reg.id }, NORTE_STAFF))).toEqual(['FORBIDDEN']);
    expect((await counts(graph, workshopId)).registeredCount).toBe(1);
    const byStaff = await graph.data<{ cancelRegistration: { status: string } }>(
      CANCEL,
      { id: reg.id },
      CENTRO_STAFF,
    );
    expect(byStaff.cancelRegistration.status).toBe('CANCELLED');
  });

  it('refuses the same person twice (same document or e-mail, however written) with CONFLICT, writing nothing', async () => {
    const workshopId = await scheduleWorkshop(graph);
    await register(graph, workshopId, person(30, { documentNumber: '31.456.789', email: 'ana@example.org' }));
    const sameDocument = await register(graph, workshopId, person(31, { documentNumber: '31456789' }));
    const sameEmail = await register(graph, workshopId, person(32, { email: ' ANA@example.org' }));
    expect(errorCodes(sameDocument)).toEqual(['CONFLICT']);
    expect(errorCodes(sameEmail)).toEqual(['CONFLICT']);
    expect((await counts(graph, workshopId)).registeredCount).toBe(1);
    // The same person may take part in another workshop.
    const other = await scheduleWorkshop(graph);
    expect(errorCodes(await register(graph, other, person(33, { documentNumber: '31456789' })))).toEqual([]);
  });

  it('refuses a registration without consent to the processing of personal data', async () => {
    const workshopId = await scheduleWorkshop(graph);
    const result = await graph.request(REGISTER, {
      input: { workshopId, participant: person(40), dataConsent: false },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain('dataConsent');
    expect(result.errors![0]!.message).toContain('Ley 1581');
    expect((await counts(graph, workshopId)).registeredCount).toBe(0);
  });

  it('names the field of bad input in Spanish', async () => {
    const workshopId = await scheduleWorkshop(graph);
    const noIdentity = await register(graph, workshopId, person(41, { documentNumber: null, email: null }));
    expect(errorCodes(noIdentity)).toEqual(['BAD_USER_INPUT']);
    expect(noIdentity.errors![0]!.extensions!.field).toBe('participant.documentNumber');
    const badYear = await register(graph, workshopId, person(42, { birthYear: 1850 }));
    expect(badYear.errors![0]!.message).toMatch(/^Campo "participant.birthYear": /);
    const badTerritory = await register(
      graph,
      workshopId,
      person(43, { territoryId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(badTerritory.errors![0]!.extensions!.field).toBe('participant.territoryId');
    expect((await counts(graph, workshopId)).registeredCount).toBe(0);
  });

  it('refuses registrations for cancelled workshops', async () => {
    const workshopId = await scheduleWorkshop(graph);
    await graph.data(
      'mutation ($id: ID!) { cancelWorkshop(id: $id, reason: "Lluvias") { status } }',
      { id: workshopId },
      CENTRO_STAFF,
    );
    const result = await register(graph, workshopId, person(50));
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain('cancelado');
  });
});

describe('personal data', () => {
  it('only staff of the workshop network see identities; other networks and the secretariat never do', async () => {
    const workshopId = await scheduleWorkshop(graph);
    const reg = (await register(graph, workshopId, person(60, { fullName: 'Luz Dary Angulo' }))).data!
      .registerForWorkshop;
    const own = (await registrationsAs(workshopId)).data!.workshop.registrations.edges[0]!.node;
    expect(own.participant?.fullName).toBe('Luz Dary Angulo');
    expect(own.characterization).toMatchObject({ lifeStage: 'ADULTEZ', sex: 'MUJER' });
    expect(own.checkInCode).toBe(reg.checkInCode);

    // Hidden like any personal data: an empty page, not an error that would wipe out the workshop.
    for (const caller of [NORTE_STAFF, SECRETARIAT, undefined]) {
      const result = await graph.request(REGISTRATIONS, { id: workshopId }, caller);
      expect(result).toEqual({ data: { workshop: { registrations: { totalCount: 0, edges: [] } } } });
    }
  });

  const ERASE = /* GraphQL */ `
    mutation ($id: ID!, $code: String, $ref: String) {
      eraseParticipantData(registrationId: $id, checkInCode: $code, requestReference: $ref) {
        erasedRegistrations
      }
    }
  `;
  const erase = (vars: { id: string; code?: string; ref?: string }, as?: typeof CENTRO_STAFF) =>
    graph.request<{ eraseParticipantData: { erasedRegistrations: number } }>(ERASE, vars, as);
  const identitiesIn = async (workshopId: string) =>
    (await registrationsAs(workshopId)).data!.workshop.registrations.edges.map((e) => e.node);

  it('a check-in code erases only its own registration: an impostor with the same e-mail cannot erase the victim', async () => {
    const w1 = await scheduleWorkshop(graph, { capacity: 5 });
    const w2 = await scheduleWorkshop(graph, { capacity: 5 });
    await register(graph, w1, person(90, { fullName: 'Ana Gómez', email: 'ana@correo.co' }));
    const impostor = (
      await register(graph, w2, person(91, { fullName: 'Impostora', email: 'ana@correo.co' }))
    ).data!.registerForWorkshop;

    const result = await erase({ id: impostor.id, code: impostor.checkInCode });
    // The answer counts what the code proved and says nothing of other registrations.
    expect(result).toEqual({ data: { eraseParticipantData: { erasedRegistrations: 1 } } });

    const [victim] = await identitiesIn(w1);
    expect(victim).toMatchObject({
      erased: false,
      participant: { fullName: 'Ana Gómez', email: 'ana@correo.co' },
    });
    const [own] = await identitiesIn(w2);
    expect(own).toMatchObject({ erased: true, participant: null, checkInCode: null });
  });

  it('staff acting on a documented request erase the person from every registration in the network and keep anonymous counts', async () => {
    const w1 = await scheduleWorkshop(graph, { capacity: 5 });
    const w2 = await scheduleWorkshop(graph, { capacity: 5 });
    const me = person(70, { fullName: 'Jhon Jairo Riascos', territoryId: null });
    const r1 = (await register(graph, w1, me)).data!.registerForWorkshop;
    await register(graph, w2, { ...me, territoryId: undefined });
    await register(graph, w1, person(71));
    const before = await counts(graph, w1);

    expect(errorCodes(await erase({ id: r1.id, code: r1.checkInCode, ref: 'HD-2026-0042' }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await erase({ id: r1.id, ref: 'HD-2026-0042' }, NORTE_STAFF))).toEqual(['FORBIDDEN']);
    const done = await erase({ id: r1.id, ref: 'HD-2026-0042' }, CENTRO_STAFF);
    expect(done).toEqual({ data: { eraseParticipantData: { erasedRegistrations: 2 } } });

    expect(await counts(graph, w1)).toEqual(before);
    for (const id of [w1, w2]) {
      const erased = (await identitiesIn(id)).find((n) => n.erased)!;
      expect(erased).toMatchObject({ participant: null, checkInCode: null, status: 'REGISTERED' });
      expect(erased.characterization).toMatchObject({ lifeStage: 'ADULTEZ', sex: 'MUJER' });
    }
    const rows = await graph.databases.education!.db.execute(
      "SELECT count(*)::int AS n FROM education.registrations WHERE full_name = 'Jhon Jairo Riascos' OR email = 'persona70@example.org'",
    );
    expect((rows as unknown as { n: number }[])[0]!.n).toBe(0);
    const audit = await graph.databases.education!.db.execute(
      "SELECT details FROM education.audit_events WHERE action = 'participant.erased' AND entity_id = '" +
        r1.id +
        "'",
    );
    expect(
      (audit as unknown as { details: { requestReference: string } }[])[0]!.details.requestReference,
    ).toBe('HD-2026-0042');
  });

  it('erasure needs the code or the network staff role', async () => {
    const workshopId = await scheduleWorkshop(graph);
    const reg = (await register(graph, workshopId, person(80))).data!.registerForWorkshop;
    const result = await graph.request(
      'mutation ($id: ID!) { eraseParticipantData(registrationId: $id) { erasedRegistrations } }',
      { id: reg.id },
      SECRETARIAT,
    );
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});

describe('attendance', () => {
  const ATTEND = /* GraphQL */ `
    mutation ($input: RecordAttendanceInput!) {
      recordAttendance(input: $input) { id status attendedCount registeredCount }
    }
  `;

  it('records listed registrations, check-in codes and walk-ins, and makes the workshop HELD', async () => {
    const workshopId = await scheduleWorkshop(graph, { capacity: 3 });
    const regs = [];
    for (let i = 0; i < 4; i++)
      regs.push((await register(graph, workshopId, person(100 + i))).data!.registerForWorkshop);
    const data = await graph.data<{ recordAttendance: Record<string, unknown> }>(
      ATTEND,
      {
        input: {
          workshopId,
          registrationIds: [regs[0]!.id],
          checkInCodes: [regs[1]!.checkInCode.toLowerCase()],
          walkIns: [{ birthYear: 1950, sex: 'HOMBRE', ethnicity: 'INDIGENA' }],
        },
      },
      CENTRO_STAFF,
    );
    expect(data.recordAttendance).toEqual({
      id: workshopId,
      status: 'HELD',
      attendedCount: 3,
      registeredCount: 4,
    });
  });

  it('refuses waitlisted or foreign registrations and writes nothing', async () => {
    const workshopId = await scheduleWorkshop(graph, { capacity: 1 });
    const seated = (await register(graph, workshopId, person(110))).data!.registerForWorkshop;
    const waiting = (await register(graph, workshopId, person(111))).data!.registerForWorkshop;
    const result = await graph.request(
      ATTEND,
      { input: { workshopId, registrationIds: [seated.id, waiting.id] } },
      CENTRO_STAFF,
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.field).toBe('registrationIds.1');
    expect(await counts(graph, workshopId)).toMatchObject({ status: 'SCHEDULED', attendedCount: 0 });
  });

  it('walk-ins with an identity need consent', async () => {
    const workshopId = await scheduleWorkshop(graph);
    const result = await graph.request(
      ATTEND,
      { input: { workshopId, walkIns: [{ fullName: 'Yolanda Mosquera', sex: 'MUJER' }] } },
      CENTRO_STAFF,
    );
    expect(result.errors![0]!.extensions!.field).toBe('walkIns.0.dataConsent');
    expect((await counts(graph, workshopId)).registeredCount).toBe(0);
  });

  it('only staff of the network record attendance', async () => {
    const workshopId = await scheduleWorkshop(graph);
    const reg = (await register(graph, workshopId, person(120))).data!.registerForWorkshop;
    const input = { workshopId, registrationIds: [reg.id] };
    expect(errorCodes(await graph.request(ATTEND, { input }, NORTE_STAFF))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graph.request(ATTEND, { input }))).toEqual(['UNAUTHENTICATED']);
    expect((await counts(graph, workshopId)).attendedCount).toBe(0);
  });
});
