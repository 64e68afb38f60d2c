import { yearInBogota } from '@participa/characterization';
import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { educationService } from '../src/service.ts';
import {
  daysFromNow,
  NORTE_STAFF,
  person,
  register,
  SECRETARIAT,
  scheduleWorkshop,
  territory,
} from './helpers.ts';

const STAFF = { role: 'ese_staff' as const, network: 'SURORIENTE' };
const BREAKDOWN = `participants attendances
  byLifeStage { key participants attendances } bySex { key participants attendances }
  byEthnicity { key participants attendances } byDisability { key participants attendances }
  byComuna { territory { code } participants attendances }`;
const STATS = `query ($filter: ParticipationFilter!) {
  participationStats(filter: $filter) { workshopsScheduled workshopsHeld workshopsCancelled breakdown { ${BREAKDOWN} } }
}`;
const dateIn = (days: number) => daysFromNow(days).toISOString().slice(0, 10);

let graph: TestGraph;
let heldId: string;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService]);
  const startsAt = daysFromNow(2);
  const year = yearInBogota(startsAt);
  const surOriente = { networkCode: 'SURORIENTE', territoryId: territory('C16'), capacity: 3 };
  heldId = await scheduleWorkshop(graph, { ...surOriente, startsAt }, STAFF);
  const reg = async (n: number, over: object) =>
    (await register(graph, heldId, person(n, over as never))).data!.registerForWorkshop;
  const p1 = await reg(1, {
    birthYear: year - 15,
    ethnicity: 'NEGRO_AFROCOLOMBIANO',
    disability: false,
    territoryId: territory('C16'),
  });
  const p2 = await reg(2, {
    birthYear: year - 35,
    sex: 'HOMBRE',
    ethnicity: 'NINGUNO',
    disability: true,
    territoryId: territory('C09-01'),
  });
  const p5 = await reg(5, { birthYear: year - 40 });
  await graph.data('mutation ($id: ID!) { cancelRegistration(id: $id) { id } }', { id: p5.id }, STAFF);
  await reg(3, { birthYear: year - 70, ethnicity: 'INDIGENA', territoryId: null });
  const p4 = await reg(4, { birthYear: year - 50 });
  expect(p4.status).toBe('WAITLISTED');
  await graph.data(
    'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { id } }',
    {
      input: {
        workshopId: heldId,
        registrationIds: [p1.id, p2.id],
        walkIns: [{ birthYear: year - 20, sex: 'HOMBRE', territoryId: territory('C16') }],
      },
    },
    STAFF,
  );
  // A cancelled workshop (its registrations do not count) and one outside the period.
  const cancelled = await scheduleWorkshop(graph, { ...surOriente, startsAt: daysFromNow(3) }, STAFF);
  await register(graph, cancelled, person(6));
  await graph.data(
    'mutation ($id: ID!) { cancelWorkshop(id: $id, reason: "Orden público") { id } }',
    { id: cancelled },
    STAFF,
  );
  const later = await scheduleWorkshop(graph, { ...surOriente, startsAt: daysFromNow(60) }, STAFF);
  await register(graph, later, person(7));
});
afterAll(() => graph?.stop());

// Hand-counted from the fixture above: p1, p2, p3 and the walk-in hold seats; p1, p2 and the walk-in attended.
const EXPECTED = {
  participants: 4,
  attendances: 3,
  byLifeStage: [
    { key: 'PRIMERA_INFANCIA', participants: 0, attendances: 0 },
    { key: 'INFANCIA', participants: 0, attendances: 0 },
    { key: 'ADOLESCENCIA', participants: 1, attendances: 1 },
    { key: 'JUVENTUD', participants: 1, attendances: 1 },
    { key: 'ADULTEZ', participants: 1, attendances: 1 },
    { key: 'VEJEZ', participants: 1, attendances: 0 },
  ],
  bySex: [
    { key: 'HOMBRE', participants: 2, attendances: 2 },
    { key: 'MUJER', participants: 2, attendances: 1 },
    { key: 'INTERSEXUAL', participants: 0, attendances: 0 },
  ],
  byEthnicity: [
    { key: 'INDIGENA', participants: 1, attendances: 0 },
    { key: 'GITANO_ROM', participants: 0, attendances: 0 },
    { key: 'RAIZAL', participants: 0, attendances: 0 },
    { key: 'PALENQUERO', participants: 0, attendances: 0 },
    { key: 'NEGRO_AFROCOLOMBIANO', participants: 1, attendances: 1 },
    { key: 'NINGUNO', participants: 1, attendances: 1 },
    { key: 'SIN_DATO', participants: 1, attendances: 1 },
  ],
  byDisability: [
    { key: 'SI', participants: 1, attendances: 1 },
    { key: 'NO', participants: 1, attendances: 1 },
    { key: 'SIN_DATO', participants: 2, attendances: 1 },
  ],
  byComuna: [
    { territory: { code: 'C16' }, participants: 2, attendances: 2 },
    { territory: { code: 'C09' }, participants: 1, attendances: 1 },
    { territory: null, participants: 1, attendances: 0 },
  ],
};

describe('aggregates without personal data', () => {
  it('per network and period, checked against the hand-counted fixture', async () => {
    const data = await graph.data<{ participationStats: unknown }>(
      STATS,
      { filter: { networkCode: 'SURORIENTE', from: dateIn(0), to: dateIn(30) } },
      SECRETARIAT,
    );
    expect(data.participationStats).toEqual({
      workshopsScheduled: 0,
      workshopsHeld: 1,
      workshopsCancelled: 1,
      breakdown: EXPECTED,
    });
  });

  it('per workshop, the same figures; staff of another network may read them (no names in them)', async () => {
    const data = await graph.data<{ workshop: { participation: unknown } }>(
      `query ($id: ID!) { workshop(id: $id) { participation { ${BREAKDOWN} } } }`,
      { id: heldId },
      NORTE_STAFF,
    );
    expect(data.workshop.participation).toEqual(EXPECTED);
  });

  it('the period filter counts the later workshop only when it is inside', async () => {
    const data = await graph.data<{
      participationStats: { workshopsScheduled: number; breakdown: { participants: number } };
    }>(STATS, { filter: { networkCode: 'SURORIENTE', from: dateIn(0), to: dateIn(90) } }, SECRETARIAT);
    expect(data.participationStats.workshopsScheduled).toBe(1);
    expect(data.participationStats.breakdown.participants).toBe(5);
  });

  it('anonymous callers and citizens do not read aggregates', async () => {
    const filter = { networkCode: 'SURORIENTE' };
    expect(errorCodes(await graph.request(STATS, { filter }))).toEqual(['UNAUTHENTICATED']);
    expect(
      errorCodes(await graph.request(STATS, { filter }, { role: 'citizen', sub: 'ciudadana-1' })),
    ).toEqual(['FORBIDDEN']);
    const reversed = await graph.request(STATS, { filter: { from: dateIn(5), to: dateIn(1) } }, SECRETARIAT);
    expect(reversed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });
});
