import type { Identity } from '@participa/auth';
import { openDatabase } from '@participa/db';
import { createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { createLogger } from '@participa/subgraph-kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.ts';
import { registrationsByIds } from '../src/data/registrations.ts';
import { schema } from '../src/db/index.ts';
import { auditEvents } from '../src/db/schema.ts';
import { createLoaders } from '../src/loaders.ts';
import { cancel, erase, type RegistrationResult, recordAttendance, register } from '../src/registrations.ts';
import { educationService } from '../src/service.ts';
import {
  cancelWorkshop,
  recordCommunityDayServices,
  recordEvaluation,
  reschedule,
  schedule,
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
      migrant: false,
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
      migrant: false,
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
