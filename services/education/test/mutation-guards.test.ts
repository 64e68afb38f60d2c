import type { Identity } from '@participa/auth';
import { lifeStageOf, yearInBogota } from '@participa/characterization';
import { openDatabase } from '@participa/db';
import { createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { createLogger } from '@participa/subgraph-kit';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.ts';
import { registrationsByIds } from '../src/data/registrations.ts';
import { schema } from '../src/db/index.ts';
import {
  auditEvents,
  outboxEvents,
  registrations,
  scheduleChanges,
  workshopMaterials,
} from '../src/db/schema.ts';
import { createLoaders } from '../src/loaders.ts';
import { cancel, erase, type RegistrationResult, recordAttendance, register } from '../src/registrations.ts';
import { educationService } from '../src/service.ts';
import {
  cancelWorkshop,
  createMaterial,
  recordCommunityDayServices,
  recordEvaluation,
  reschedule,
  schedule,
  useMaterials,
} from '../src/workshops.ts';
import { daysFromNow, person, territory } from './helpers.ts';

/**
 * Guards found by mutation testing (docs/mutation-testing.md): the seat, waitlist, attendance and
 * erasure rules of the resolvers, called directly on a real PostgreSQL database (no gateway, so
 * that Stryker can run them for each mutant in a second).
 */
let database: TestDatabase;
let opened: Awaited<ReturnType<typeof openDatabase<typeof schema>>>;
const logger = createLogger('education-mutation-guards');

beforeAll(async () => {
  database = await createTestDatabase([
    { service: 'education', migrationsFolder: educationService.migrationsFolder },
  ]);
  opened = await openDatabase({
    service: 'education',
    schema,
    migrationsFolder: educationService.migrationsFolder,
    url: database.url,
    maxConnections: 4,
  });
});
afterAll(async () => {
  await opened?.close();
  await database?.drop();
});

const CENTRO: Identity = { sub: 'staff-centro', name: null, roles: ['ese_staff'], network: 'CENTRO' };
const NORTE: Identity = { sub: 'staff-norte', name: null, roles: ['ese_staff'], network: 'NORTE' };
const SECRETARIAT: Identity = { sub: 'sds-1', name: null, roles: ['secretariat'], network: null };
const CITIZEN: Identity = { sub: 'citizen-1', name: null, roles: ['citizen'], network: null };

const as = (identity: Identity): Context =>
  ({
    identity,
    db: opened.db,
    loaders: createLoaders(opened.db, identity),
    logger,
  }) as Context;

const code = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;
async function refusal(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  return { code: code(error), message: (error as Error).message };
}

let n = 0;
const someone = () => person(++n);

async function workshop(overrides: { capacity?: number; topic?: string; startsAt?: Date } = {}) {
  const startsAt = overrides.startsAt ?? daysFromNow(7);
  const row = await schedule(as(CENTRO), {
    networkCode: 'CENTRO',
    title: 'Taller de derechos en salud',
    topic: (overrides.topic ?? 'HEALTH_RIGHTS') as never,
    modality: 'IN_PERSON',
    territoryId: territory('C09'),
    capacity: overrides.capacity ?? 2,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
  } as never);
  return row;
}

const signUp = (workshopId: string, participant = someone(), identity = CITIZEN) =>
  register(as(identity), workshopId, participant as never);

async function statusOf(id: string) {
  const [row] = await registrationsByIds(opened.db, [id]);
  expect(row).toBeDefined();
  return row!.status;
}

describe('seats and waitlist', () => {
  it('fills exactly the capacity, waitlists the rest in arrival order, and shows the holder their code', async () => {
    const w = await workshop({ capacity: 2 });
    const people: RegistrationResult[] = [];
    for (let i = 0; i < 4; i++) people.push(await signUp(w.id));
    expect(people.map((p) => p.status)).toEqual(['REGISTERED', 'REGISTERED', 'WAITLISTED', 'WAITLISTED']);
    expect(people.every((p) => p.revealCheckInCode === true && /^[A-Z2-9]{10}$/.test(p.checkInCode!))).toBe(
      true,
    );

    // Cancelling a seat promotes the first of the waitlist, only them.
    const cancelled = await cancel(as(CENTRO), people[0]!.id, null);
    expect(cancelled.status).toBe('CANCELLED');
    expect(await statusOf(people[2]!.id)).toBe('REGISTERED');
    expect(await statusOf(people[3]!.id)).toBe('WAITLISTED');

    // Cancelling it again changes nothing and promotes nobody else.
    expect((await cancel(as(CENTRO), people[0]!.id, null)).status).toBe('CANCELLED');
    expect(await statusOf(people[3]!.id)).toBe('WAITLISTED');
  });

  it('lets the holder cancel with their own code only; other networks and wrong codes are refused', async () => {
    const w = await workshop({ capacity: 1 });
    const holder = await signUp(w.id);
    const other = await signUp(w.id);
    expect((await refusal(cancel(as(CITIZEN), holder.id, other.checkInCode))).code).toBe('FORBIDDEN');
    expect((await refusal(cancel(as(CITIZEN), holder.id, ''))).code).toBe('FORBIDDEN');
    expect((await refusal(cancel(as(NORTE), holder.id, null))).code).toBe('FORBIDDEN');
    expect(await statusOf(holder.id)).toBe('REGISTERED');
    expect((await cancel(as(CITIZEN), holder.id, holder.checkInCode)).status).toBe('CANCELLED');
    expect(await statusOf(other.id)).toBe('REGISTERED');
  });

  it('refuses the same person twice, and a cancelled or past workshop, naming why', async () => {
    const w = await workshop();
    const p = someone();
    await signUp(w.id, p);
    expect((await refusal(signUp(w.id, { ...p, email: 'otra@example.org' }))).code).toBe('CONFLICT');

    await cancelWorkshop(as(CENTRO), w.id, 'lluvia');
    const cancelled = await refusal(signUp(w.id));
    expect(cancelled.code).toBe('BAD_USER_INPUT');
    expect(cancelled.message).toMatch(/fue cancelado; no recibe inscripciones/);

    const past = await workshop({ startsAt: new Date(Date.now() - 4 * 3_600_000) });
    const held = await refusal(signUp(past.id));
    expect(held.code).toBe('BAD_USER_INPUT');
    expect(held.message).toMatch(/ya se realizó; no recibe inscripciones/);

    const missing = await refusal(signUp('00000000-0000-4000-8000-000000000000'));
    expect(missing.code).toBe('BAD_USER_INPUT');
  });

  it('promotes nobody when the workshop itself was cancelled', async () => {
    const w = await workshop({ capacity: 1 });
    const first = await signUp(w.id);
    const waiting = await signUp(w.id);
    await cancelWorkshop(as(CENTRO), w.id, 'sin sede');
    await cancel(as(CENTRO), first.id, null);
    expect(await statusOf(waiting.id)).toBe('WAITLISTED');
  });
});

describe('attendance', () => {
  it('marks seats by id and code, adds walk-ins, makes the workshop HELD; then nobody cancels an attended seat', async () => {
    const w = await workshop({ capacity: 2 });
    const [a, b, waiting] = [await signUp(w.id), await signUp(w.id), await signUp(w.id)];
    expect((await refusal(recordAttendance(as(CENTRO), { workshopId: w.id } as never))).code).toBe(
      'BAD_USER_INPUT',
    );
    const refusedWaitlisted = await refusal(
      recordAttendance(as(CENTRO), { workshopId: w.id, registrationIds: [waiting.id] } as never),
    );
    expect(refusedWaitlisted.message).toMatch(/registrationIds\.0.*no tiene cupo/);
    const refusedCode = await refusal(
      recordAttendance(as(CENTRO), { workshopId: w.id, checkInCodes: ['NOPE234567'] } as never),
    );
    expect(refusedCode.message).toMatch(/checkInCodes\.0.*no es una inscripción de este taller/);
    expect(
      (await refusal(recordAttendance(as(NORTE), { workshopId: w.id, registrationIds: [a.id] } as never)))
        .code,
    ).toBe('FORBIDDEN');

    const held = await recordAttendance(as(CENTRO), {
      workshopId: w.id,
      registrationIds: [a.id],
      checkInCodes: [b.checkInCode],
      walkIns: [{ ...someone(), dataConsent: true }],
    } as never);
    expect(held.status).toBe('HELD');
    const rows = await registrationsByIds(opened.db, [a.id, b.id]);
    expect(rows.length).toBe(2);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.attendanceMethod]))).toEqual({
      [a.id]: 'LIST',
      [b.id]: 'CHECK_IN_CODE',
    });
    expect(rows.every((r) => r.attendedAt instanceof Date)).toBe(true);

    const attended = await refusal(cancel(as(CENTRO), a.id, null));
    expect(attended.code).toBe('CONFLICT');
    expect(await statusOf(a.id)).toBe('REGISTERED');

    // A walk-in who is already registered is refused: their registration is marked instead.
    const again = await refusal(
      recordAttendance(as(CENTRO), {
        workshopId: w.id,
        walkIns: [{ ...someone(), email: null, documentNumber: rows[0]!.documentNumber, dataConsent: true }],
      } as never),
    );
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/^walkIns\.0: /);
  });

  it('refuses attendance at a cancelled workshop', async () => {
    const w = await workshop();
    const a = await signUp(w.id);
    await cancelWorkshop(as(CENTRO), w.id, 'lluvia');
    const refused = await refusal(
      recordAttendance(as(CENTRO), { workshopId: w.id, registrationIds: [a.id] } as never),
    );
    expect(refused.code).toBe('CONFLICT');
  });
});

describe('erasure (habeas data)', () => {
  it('a code erases its registration only; the whole person takes network staff and a request', async () => {
    const p = someone();
    const [w1, w2] = [await workshop(), await workshop()];
    const r1 = await signUp(w1.id, p);
    const r2 = await signUp(w2.id, p);
    expect((await refusal(erase(as(CITIZEN), r1.id, { checkInCode: 'WRONG23456' }))).code).toBe('FORBIDDEN');
    expect(
      (await refusal(erase(as(CITIZEN), r1.id, { checkInCode: r1.checkInCode, requestReference: 'RAD-1' })))
        .code,
    ).toBe('FORBIDDEN');
    expect(await erase(as(CITIZEN), r1.id, { checkInCode: r1.checkInCode })).toEqual({
      erasedRegistrations: 1,
    });
    const [kept] = await registrationsByIds(opened.db, [r2.id]);
    expect(kept?.email).toBe(p.email);

    const r3 = await signUp(w1.id, p);
    expect(await erase(as(CENTRO), r3.id, { requestReference: 'RAD-2' })).toEqual({ erasedRegistrations: 2 });
    const rows = await registrationsByIds(opened.db, [r2.id, r3.id]);
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.email === null && r.documentNumber === null && r.fullName === null)).toBe(
      true,
    );
  });
});

describe('workshop lifecycle', () => {
  it('reschedules and cancels only scheduled workshops; a held one is never cancelled', async () => {
    const w = await workshop();
    const later = daysFromNow(9);
    const moved = await reschedule(as(CENTRO), {
      id: w.id,
      startsAt: later,
      endsAt: new Date(later.getTime() + 3_600_000),
      reason: 'sede',
    });
    expect(moved.startsAt.getTime()).toBe(later.getTime());
    expect(
      (await refusal(reschedule(as(NORTE), { id: w.id, startsAt: later, endsAt: later, reason: 'x' }))).code,
    ).toBe('FORBIDDEN');
    const cancelled = await cancelWorkshop(as(CENTRO), w.id, 'lluvia');
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.cancellationReason).toBe('lluvia');
    expect((await cancelWorkshop(as(CENTRO), w.id, 'otra')).cancellationReason).toBe('lluvia');
    expect(
      (await refusal(reschedule(as(CENTRO), { id: w.id, startsAt: later, endsAt: later, reason: 'x' }))).code,
    ).toBe('CONFLICT');

    const h = await workshop();
    const a = await signUp(h.id);
    await recordAttendance(as(CENTRO), { workshopId: h.id, registrationIds: [a.id] } as never);
    expect((await refusal(cancelWorkshop(as(CENTRO), h.id, 'tarde'))).code).toBe('CONFLICT');
  });

  it('records services only for community days, and evaluations only of held workshops, once per registration', async () => {
    const w = await workshop();
    expect(
      (
        await refusal(
          recordCommunityDayServices(as(CENTRO), {
            workshopId: w.id,
            servicesOffered: [],
            peopleServed: 3,
          } as never),
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
    const day = await workshop({ topic: 'COMMUNITY_DAY' });
    expect(day.kind).toBe('COMMUNITY_DAY');
    const served = await recordCommunityDayServices(as(CENTRO), {
      workshopId: day.id,
      servicesOffered: ['VACCINATION', 'VACCINATION'],
      peopleServed: 3,
    } as never);
    expect(served.status).toBe('HELD');
    expect(served.peopleServed).toBe(3);
    expect(served.servicesOffered).toEqual(['VACCINATION']);

    const a = await signUp(w.id);
    const evaluation = { workshopId: w.id, registrationId: a.id, satisfaction: 5 };
    expect((await refusal(recordEvaluation(as(CENTRO), evaluation))).message).toMatch(
      /solo se evalúan talleres realizados/,
    );
    await recordAttendance(as(CENTRO), { workshopId: w.id, registrationIds: [a.id] } as never);
    const other = await workshop();
    const foreign = await signUp(other.id);
    expect(
      (await refusal(recordEvaluation(as(CENTRO), { ...evaluation, registrationId: foreign.id }))).message,
    ).toMatch(/no es una inscripción de este taller/);
    expect((await recordEvaluation(as(CENTRO), evaluation)).satisfaction).toBe(5);
    expect((await refusal(recordEvaluation(as(CENTRO), evaluation))).code).toBe('CONFLICT');
  });
});

describe('what is stored', () => {
  it('keeps the characterization as given, and audits each step with what it did', async () => {
    const w = await workshop({ capacity: 1 });
    const given = {
      ...someone(),
      phone: '3001234567',
      genderIdentity: 'FEMENINO',
      ethnicity: 'NEGRO_AFROCOLOMBIANO',
      disability: true,
      armedConflictVictim: true,
      migrant: true,
    };
    const seat = await signUp(w.id, given);
    const [row] = await registrationsByIds(opened.db, [seat.id]);
    expect(row).toMatchObject({
      fullName: given.fullName,
      documentType: 'CC',
      documentNumber: given.documentNumber,
      email: given.email,
      phone: '3001234567',
      birthYear: 1980,
      sex: 'MUJER',
      genderIdentity: 'FEMENINO',
      ethnicity: 'NEGRO_AFROCOLOMBIANO',
      disability: true,
      armedConflictVictim: true,
      migrant: true,
      territoryId: territory('C09'),
      walkIn: false,
    });
    const waiting = await signUp(w.id);
    await cancel(as(CENTRO), seat.id, null);
    await recordAttendance(as(CENTRO), {
      workshopId: w.id,
      registrationIds: [waiting.id],
      walkIns: [{ ...someone(), dataConsent: true }],
    } as never);
    const audit = await opened.db.select().from(auditEvents).where(eq(auditEvents.entityId, seat.id));
    expect(audit.map((a) => [a.action, a.entity, a.details])).toEqual([
      ['registration.created', 'Registration', { workshopId: w.id, status: 'REGISTERED' }],
      ['registration.cancelled', 'Registration', { workshopId: w.id, promoted: [waiting.id] }],
    ]);
    const held = await opened.db.select().from(auditEvents).where(eq(auditEvents.entityId, w.id));
    expect(held.map((a) => [a.action, a.entity])).toEqual([
      ['workshop.scheduled', 'Workshop'],
      ['attendance.recorded', 'Workshop'],
    ]);
    expect(held[1]!.details).toEqual({ listed: 1, checkedIn: 0, walkIns: 1 });
  });
});

/** What the outbox holds for an aggregate, in commit order. */
async function outbox(aggregate: string) {
  const rows = await opened.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregate, aggregate))
    .orderBy(asc(outboxEvents.seq));
  return rows.map((r) => ({ kind: r.kind, payload: r.payload as Record<string, unknown> }));
}

async function auditOf(entityId: string) {
  const rows = await opened.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.entityId, entityId))
    .orderBy(asc(auditEvents.id));
  return rows.map((a) => ({ actor: a.actor, action: a.action, entity: a.entity, details: a.details }));
}

describe('the workshop as scheduled, and what it tells', () => {
  it('stores every optional field as given, or null when absent; a community day is one by its topic', async () => {
    const startsAt = daysFromNow(8);
    const venueId = '3f1e2d3c-4b5a-4697-8877-665544332211';
    const activityId = '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d';
    const full = await schedule(as(CENTRO), {
      networkCode: 'CENTRO',
      title: 'Taller híbrido',
      description: 'Derechos y deberes',
      topic: 'HEALTH_RIGHTS',
      kind: 'COURSE',
      modality: 'HYBRID',
      virtualUrl: 'https://meet.example.org/taller',
      territoryId: territory('C09'),
      venueId,
      address: 'Calle 1 # 2-3',
      activityId,
      facilitator: 'Ana Pérez',
      capacity: 30,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
    } as never);
    expect(full).toMatchObject({
      description: 'Derechos y deberes',
      kind: 'COURSE',
      modality: 'HYBRID',
      virtualUrl: 'https://meet.example.org/taller',
      territoryId: territory('C09'),
      facilityId: venueId,
      address: 'Calle 1 # 2-3',
      activityId,
      facilitator: 'Ana Pérez',
      capacity: 30,
      createdBy: CENTRO.sub,
      status: 'SCHEDULED',
    });
    const bare = await schedule(as(CENTRO), {
      networkCode: 'CENTRO',
      title: 'Taller virtual',
      topic: 'HEALTH_RIGHTS',
      modality: 'VIRTUAL',
      virtualUrl: 'https://meet.example.org/otro',
      capacity: 5,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
    } as never);
    expect(bare).toMatchObject({
      description: null,
      kind: 'WORKSHOP',
      territoryId: null,
      facilityId: null,
      address: null,
      activityId: null,
      facilitator: null,
    });
    const day = await workshop({ topic: 'COMMUNITY_DAY' });
    expect(day.kind).toBe('COMMUNITY_DAY');
    expect(await auditOf(full.id)).toEqual([
      {
        actor: CENTRO.sub,
        action: 'workshop.scheduled',
        entity: 'Workshop',
        details: { network: 'CENTRO', capacity: 30 },
      },
    ]);
    expect(await outbox(`workshop:${full.id}`)).toEqual([
      {
        kind: 'workshop.scheduled',
        payload: expect.objectContaining({
          workshopTitle: 'Taller híbrido',
          networkCode: 'CENTRO',
          capacity: 30,
        }),
      },
    ]);
    // Another network's staff schedules nothing for CENTRO.
    const refused = await refusal(
      schedule(as(NORTE), {
        networkCode: 'CENTRO',
        title: 'Ajeno',
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        territoryId: territory('C09'),
        capacity: 5,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
      } as never),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('keeps the history of a rescheduling and tells each person still registered or waitlisted', async () => {
    const w = await workshop({ capacity: 1 });
    const seat = await signUp(w.id);
    const waiting = await signUp(w.id);
    const gone = await signUp(w.id);
    await cancel(as(CENTRO), gone.id, null);
    const later = daysFromNow(10);
    const end = new Date(later.getTime() + 3_600_000);
    const moved = await reschedule(as(CENTRO), {
      id: w.id,
      startsAt: later,
      endsAt: end,
      reason: 'sede en obra',
    });
    expect(moved.endsAt.getTime()).toBe(end.getTime());
    const history = await opened.db
      .select()
      .from(scheduleChanges)
      .where(eq(scheduleChanges.workshopId, w.id));
    expect(history).toEqual([
      expect.objectContaining({
        previousStartsAt: w.startsAt,
        previousEndsAt: w.endsAt,
        startsAt: later,
        endsAt: end,
        reason: 'sede en obra',
        changedBy: CENTRO.sub,
      }),
    ]);
    const change = { previousStartsAt: w.startsAt.toISOString(), reason: 'sede en obra' };
    for (const told of [seat, waiting]) {
      expect((await outbox(`registration:${told.id}`)).at(-1)).toEqual({
        kind: 'workshop.rescheduled',
        payload: expect.objectContaining(change),
      });
    }
    expect((await outbox(`registration:${gone.id}`)).map((e) => e.kind)).toEqual([
      'registration.waitlisted',
      'registration.cancelled',
    ]);
    expect((await outbox(`workshop:${w.id}`)).at(-1)).toEqual({
      kind: 'workshop.rescheduled',
      payload: expect.objectContaining({ ...change, participants: 2 }),
    });

    await cancelWorkshop(as(CENTRO), w.id, 'lluvia');
    expect((await outbox(`registration:${seat.id}`)).at(-1)).toEqual({
      kind: 'workshop.cancelled',
      payload: expect.objectContaining({ reason: 'lluvia' }),
    });
    expect((await outbox(`workshop:${w.id}`)).at(-1)).toEqual({
      kind: 'workshop.cancelled',
      payload: expect.objectContaining({ reason: 'lluvia', participants: 2 }),
    });
    expect((await auditOf(w.id)).map((a) => [a.action, a.entity, a.details, a.actor])).toEqual([
      ['workshop.scheduled', 'Workshop', { network: 'CENTRO', capacity: 1 }, CENTRO.sub],
      ['workshop.rescheduled', 'Workshop', {}, CENTRO.sub],
      ['workshop.cancelled', 'Workshop', {}, CENTRO.sub],
    ]);
  });

  it('staff of another network cancels, records or evaluates nothing of a CENTRO workshop', async () => {
    const w = await workshop();
    const day = await workshop({ topic: 'COMMUNITY_DAY' });
    const services = { workshopId: day.id, servicesOffered: ['VACCINATION'], peopleServed: 1 } as never;
    expect((await refusal(cancelWorkshop(as(NORTE), w.id, 'x'))).code).toBe('FORBIDDEN');
    expect((await refusal(recordCommunityDayServices(as(NORTE), services))).code).toBe('FORBIDDEN');
    expect((await refusal(recordEvaluation(as(NORTE), { workshopId: w.id, satisfaction: 4 }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal(useMaterials(as(NORTE), w.id, []))).code).toBe('FORBIDDEN');
    const missing = await refusal(cancelWorkshop(as(CENTRO), '00000000-0000-4000-8000-000000000000', 'x'));
    expect(missing.code).toBe('BAD_USER_INPUT');
    expect((await cancelWorkshop(as(CENTRO), w.id, 'x')).status).toBe('CANCELLED');

    await cancelWorkshop(as(CENTRO), day.id, 'lluvia');
    expect((await refusal(recordCommunityDayServices(as(CENTRO), services))).message).toMatch(
      /La jornada fue cancelada/,
    );
  });

  it('records services and evaluations with what was given', async () => {
    const day = await workshop({ topic: 'COMMUNITY_DAY' });
    await recordCommunityDayServices(as(CENTRO), {
      workshopId: day.id,
      servicesOffered: ['VACCINATION'],
      peopleServed: 7,
    } as never);
    expect(await auditOf(day.id)).toContainEqual({
      actor: CENTRO.sub,
      action: 'community_day.services_recorded',
      entity: 'Workshop',
      details: { peopleServed: 7 },
    });
    const w = await workshop();
    const a = await signUp(w.id);
    await recordAttendance(as(CENTRO), { workshopId: w.id, registrationIds: [a.id] } as never);
    const full = await recordEvaluation(as(CENTRO), {
      workshopId: w.id,
      registrationId: a.id,
      satisfaction: 4,
      preTestScore: 40,
      postTestScore: 80,
      comment: 'Muy claro',
    });
    expect(full).toMatchObject({
      workshopId: w.id,
      registrationId: a.id,
      satisfaction: 4,
      preTestScore: 40,
      postTestScore: 80,
      comment: 'Muy claro',
    });
    const anonymous = await recordEvaluation(as(CENTRO), { workshopId: w.id, satisfaction: 3 });
    expect(anonymous).toMatchObject({
      registrationId: null,
      preTestScore: null,
      postTestScore: null,
      comment: null,
    });
    const missing = await refusal(
      recordEvaluation(as(CENTRO), {
        workshopId: w.id,
        registrationId: '00000000-0000-4000-8000-000000000000',
        satisfaction: 3,
      }),
    );
    expect(missing.message).toMatch(/registrationId.*no es una inscripción de este taller/);
  });
});

describe('materials', () => {
  it("a network's materials by its staff, district-wide ones by the secretariat; linked once each", async () => {
    const own = await createMaterial(as(CENTRO), {
      networkCode: 'CENTRO',
      title: 'Cartilla de derechos',
      kind: 'BOOKLET',
      topic: 'HEALTH_RIGHTS',
      audience: 'Adultos mayores',
      language: 'en',
      accessibleFormats: ['EASY_READ', 'EASY_READ', 'LARGE_PRINT'],
      url: 'https://example.org/cartilla.pdf',
    } as never);
    expect(own).toMatchObject({
      title: 'Cartilla de derechos',
      kind: 'BOOKLET',
      topic: 'HEALTH_RIGHTS',
      audience: 'Adultos mayores',
      language: 'en',
      accessibleFormats: ['EASY_READ', 'LARGE_PRINT'],
      url: 'https://example.org/cartilla.pdf',
      createdBy: CENTRO.sub,
    });
    expect(own.networkId).not.toBeNull();
    const district = await createMaterial(as(SECRETARIAT), {
      title: 'Guía distrital',
      kind: 'GUIDE',
      topic: 'HEALTH_RIGHTS',
    } as never);
    expect(district).toMatchObject({
      networkId: null,
      audience: null,
      language: 'es',
      accessibleFormats: [],
      url: null,
    });
    const foreign = await refusal(
      createMaterial(as(NORTE), {
        networkCode: 'CENTRO',
        title: 'x',
        kind: 'GUIDE',
        topic: 'HEALTH_RIGHTS',
      } as never),
    );
    expect(foreign.code).toBe('FORBIDDEN');
    expect(foreign.message).toMatch(/el personal de una red crea materiales de su red/);
    expect(
      (
        await refusal(
          createMaterial(as(CENTRO), { title: 'x', kind: 'GUIDE', topic: 'HEALTH_RIGHTS' } as never),
        )
      ).code,
    ).toBe('FORBIDDEN');

    const w = await workshop();
    const used = await useMaterials(as(CENTRO), w.id, [own.id, own.id, district.id]);
    expect(used.id).toBe(w.id);
    const linked = await opened.db
      .select()
      .from(workshopMaterials)
      .where(eq(workshopMaterials.workshopId, w.id));
    expect(linked.map((l) => l.materialId).sort()).toEqual([own.id, district.id].sort());
    const unknown = '00000000-0000-4000-8000-0000000000aa';
    const refused = await refusal(useMaterials(as(CENTRO), w.id, [own.id, unknown]));
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.message).toBe(`Campo "materialIds": no existe el material ${unknown}.`);

    const startsAt = daysFromNow(6);
    const withMaterials = await schedule(as(CENTRO), {
      networkCode: 'CENTRO',
      title: 'Con materiales',
      topic: 'HEALTH_RIGHTS',
      modality: 'IN_PERSON',
      territoryId: territory('C09'),
      capacity: 5,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      materialIds: [own.id, own.id],
    } as never);
    const links = await opened.db
      .select()
      .from(workshopMaterials)
      .where(eq(workshopMaterials.workshopId, withMaterials.id));
    expect(links.map((l) => l.materialId)).toEqual([own.id]);
    const unknownAtSchedule = await refusal(
      schedule(as(CENTRO), {
        networkCode: 'CENTRO',
        title: 'Sin material',
        topic: 'HEALTH_RIGHTS',
        modality: 'IN_PERSON',
        territoryId: territory('C09'),
        capacity: 5,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        materialIds: [unknown],
      } as never),
    );
    expect(unknownAtSchedule.code).toBe('BAD_USER_INPUT');
  });
});

describe('registrations: what is told and what erasure leaves', () => {
  it('tells confirmed, waitlisted, cancelled and promoted people by their own event', async () => {
    const w = await workshop({ capacity: 1 });
    const seat = await signUp(w.id);
    const waiting = await signUp(w.id);
    expect(await outbox(`registration:${seat.id}`)).toEqual([
      {
        kind: 'registration.confirmed',
        payload: expect.objectContaining({ contact: { email: expect.any(String) } }),
      },
    ]);
    expect((await outbox(`registration:${waiting.id}`)).map((e) => e.kind)).toEqual([
      'registration.waitlisted',
    ]);
    await cancel(as(CENTRO), seat.id, null);
    expect((await outbox(`registration:${seat.id}`)).map((e) => e.kind)).toEqual([
      'registration.confirmed',
      'registration.cancelled',
    ]);
    expect((await outbox(`registration:${waiting.id}`)).map((e) => e.kind)).toEqual([
      'registration.waitlisted',
      'registration.promoted',
    ]);
    const missing = await refusal(cancel(as(CENTRO), '00000000-0000-4000-8000-000000000000', null));
    expect(missing.code).toBe('NOT_FOUND');
  });

  it('derives the life stage from the birth year at the workshop, and stores walk-ins with their consent', async () => {
    const w = await workshop();
    const seat = await signUp(w.id);
    const unborn = await signUp(w.id, { ...someone(), birthYear: undefined } as never);
    const [withYear] = await registrationsByIds(opened.db, [seat.id]);
    const [noYear] = await registrationsByIds(opened.db, [unborn.id]);
    expect(withYear!.lifeStage).toBe(lifeStageOf(1980, yearInBogota(w.startsAt)));
    expect(noYear!.lifeStage).toBeNull();
    expect(withYear!.createdBy).toBe(CITIZEN.sub);
    expect(withYear!.dataConsentAt).toBeInstanceOf(Date);

    const consenting = { ...someone(), dataConsent: true };
    const refusing = { ...someone(), dataConsent: false };
    await recordAttendance(as(CENTRO), { workshopId: w.id, walkIns: [consenting, refusing] } as never);
    const walkIns = await opened.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.workshopId, w.id), eq(registrations.walkIn, true)));
    expect(walkIns.length).toBe(2);
    const byDocument = Object.fromEntries(walkIns.map((r) => [String(r.documentNumber), r]));
    for (const row of walkIns) {
      expect(row).toMatchObject({
        workshopId: w.id,
        status: 'REGISTERED',
        walkIn: true,
        attendanceMethod: 'WALK_IN',
        createdBy: CENTRO.sub,
      });
      expect(row.attendedAt).toBeInstanceOf(Date);
    }
    expect(byDocument[String(consenting.documentNumber)]!.dataConsentAt).toBeInstanceOf(Date);
    expect(byDocument[String(refusing.documentNumber)]!.dataConsentAt).toBeNull();
    expect(byDocument[String(consenting.documentNumber)]!.fullName).toBe(consenting.fullName);
  });

  it('erasure deletes the outbox events of what it erased, and audits what and on which request', async () => {
    const p = someone();
    const [w1, w2, w3] = [await workshop(), await workshop(), await workshop()];
    const r1 = await signUp(w1.id, p);
    const r2 = await signUp(w2.id, p);
    const r3 = await signUp(w3.id, p);
    const other = await signUp(w1.id);
    await erase(as(CITIZEN), r1.id, { checkInCode: r1.checkInCode });
    expect(await outbox(`registration:${r1.id}`)).toEqual([]);
    expect((await outbox(`registration:${r2.id}`)).length).toBe(1);
    expect(await auditOf(r1.id)).toContainEqual({
      actor: CITIZEN.sub,
      action: 'registration.erased',
      entity: 'Registration',
      details: { erasedRegistrations: 1 },
    });
    await erase(as(CENTRO), r2.id, { requestReference: 'RAD-9' });
    expect(await outbox(`registration:${r2.id}`)).toEqual([]);
    expect(await outbox(`registration:${r3.id}`)).toEqual([]);
    expect((await outbox(`registration:${other.id}`)).length).toBe(1);
    expect(await auditOf(r2.id)).toContainEqual({
      actor: CENTRO.sub,
      action: 'participant.erased',
      entity: 'Registration',
      details: {
        erasedRegistrations: 2,
        requestReference: 'RAD-9',
        registrationIds: expect.arrayContaining([r2.id, r3.id]),
      },
    });
    const foreign = await refusal(erase(as(NORTE), other.id, { requestReference: 'RAD-10' }));
    expect(foreign.code).toBe('FORBIDDEN');
    expect(foreign.message).toMatch(/atendiendo una solicitud documentada/);
  });
});

describe('survivors of the run after the guards', () => {
  it('a walk-in has no code: no code proves it, so nobody without staff rights erases it', async () => {
    const w = await workshop();
    const walkIn = { ...someone(), dataConsent: true };
    await recordAttendance(as(CENTRO), { workshopId: w.id, walkIns: [walkIn] } as never);
    const [row] = await opened.db
      .select()
      .from(registrations)
      .where(and(eq(registrations.workshopId, w.id), eq(registrations.walkIn, true)));
    expect(row?.checkInCode).toBeNull();
    for (const checkInCode of [null, undefined, '']) {
      expect((await refusal(erase(as(CITIZEN), row!.id, { checkInCode }))).code).toBe('FORBIDDEN');
    }
    const [kept] = await registrationsByIds(opened.db, [row!.id]);
    expect(kept?.fullName).toBe(walkIn.fullName);
  });

  it('a second cancellation records nothing; attendance by one id and one code; walk-ins in a known territory', async () => {
    const w = await workshop({ capacity: 2 });
    const [a, b] = [await signUp(w.id), await signUp(w.id)];
    const c = await signUp((await workshop()).id);
    await cancel(as(CENTRO), c.id, null);
    await cancel(as(CENTRO), c.id, null);
    expect((await auditOf(c.id)).map((e) => e.action)).toEqual([
      'registration.created',
      'registration.cancelled',
    ]);
    const badTerritory = await refusal(
      recordAttendance(as(CENTRO), {
        workshopId: w.id,
        walkIns: [{ ...someone(), territoryId: '00000000-0000-4000-8000-0000000000bb', dataConsent: true }],
      } as never),
    );
    expect(badTerritory.code).toBe('BAD_USER_INPUT');
    expect(badTerritory.message).toMatch(/walkIns\.0\.territoryId/);
    const held = await recordAttendance(as(CENTRO), {
      workshopId: w.id,
      registrationIds: [a.id],
      checkInCodes: [b.checkInCode],
    } as never);
    expect(held.status).toBe('HELD');
  });
});
