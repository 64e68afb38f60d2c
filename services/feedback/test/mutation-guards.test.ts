import type { Identity } from '@participa/auth';
import { addBusinessDays, bogotaDay, deadline, endOfBogotaDay } from '@participa/calendar';
import { openDatabase } from '@participa/db';
import { createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { territoryByCode } from '@participa/reference';
import { createLogger } from '@participa/subgraph-kit';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.ts';
import { schema } from '../src/db/index.ts';
import { auditEvents, outboxEvents, pqrs, pqrsEvents } from '../src/db/schema.ts';
import { submitPqrs } from '../src/intake.ts';
import {
  addPqrsNote,
  assignPqrs,
  closePqrs,
  extendPqrsDeadline,
  reopenPqrs,
  respondToPqrs,
  transferPqrs,
} from '../src/lifecycle.ts';
import { createLoaders } from '../src/loaders.ts';
import { trackingCodeMatches, unseal } from '../src/secrets.ts';
import { feedbackService } from '../src/service.ts';
import { petition } from './helpers.ts';

/**
 * Guards found by mutation testing (docs/mutation-testing.md): intake and lifecycle of a PQRS,
 * called directly on a real PostgreSQL database (no gateway, so that Stryker can run them for each
 * mutant in a second).
 */
let database: TestDatabase;
let opened: Awaited<ReturnType<typeof openDatabase<typeof schema>>>;
const logger = createLogger('feedback-mutation-guards');

beforeAll(async () => {
  database = await createTestDatabase([
    { service: 'feedback', migrationsFolder: feedbackService.migrationsFolder },
  ]);
  opened = await openDatabase({
    service: 'feedback',
    schema,
    migrationsFolder: feedbackService.migrationsFolder,
    url: database.url,
    maxConnections: 4,
  });
});
afterAll(async () => {
  await opened?.close();
  await database?.drop();
});

const CENTRO: Identity = { sub: 'staff-centro', name: 'Gestora', roles: ['ese_staff'], network: 'CENTRO' };
const NORTE: Identity = { sub: 'staff-norte', name: null, roles: ['ese_staff'], network: 'NORTE' };
const CITIZEN: Identity = { sub: 'citizen-1', name: null, roles: ['citizen'], network: null };
const HOUR = 3_600_000;

const as = (identity: Identity): Context =>
  ({ identity, db: opened.db, loaders: createLoaders(opened.db, identity), logger }) as Context;

async function refusal(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  return {
    code: (error as { extensions?: { code?: string } }).extensions?.code,
    message: (error as Error).message,
  };
}

async function rowOf(radicado: string) {
  const [row] = await opened.db.select().from(pqrs).where(eq(pqrs.radicado, radicado));
  expect(row).toBeDefined();
  return row!;
}

async function timelineOf(pqrsId: string) {
  const rows = await opened.db
    .select()
    .from(pqrsEvents)
    .where(eq(pqrsEvents.pqrsId, pqrsId))
    .orderBy(asc(pqrsEvents.id));
  return rows.map((e) => ({
    kind: e.kind,
    actor: e.actor,
    actorName: e.actorName,
    note: e.note,
    details: e.details,
  }));
}

async function auditOf(entityId: string) {
  const rows = await opened.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.entityId, entityId))
    .orderBy(asc(auditEvents.id));
  return rows.map((a) => ({ actor: a.actor, action: a.action, entity: a.entity, details: a.details }));
}

async function outboxOf(pqrsId: string) {
  const rows = await opened.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.aggregate, `pqrs:${pqrsId}`))
    .orderBy(asc(outboxEvents.seq));
  return rows.map((r) => ({ kind: r.kind, payload: r.payload as Record<string, unknown> }));
}

const PETITIONER = petition().petitioner;
const C09 = territoryByCode('C09')!.id;
const DAY = 86_400_000;

describe('intake', () => {
  it('numbers PQRS of a network in filing order and sets the legal deadline', async () => {
    const a = await submitPqrs(as(CITIZEN), petition());
    const b = await submitPqrs(as(CITIZEN), petition());
    const year = bogotaDay(new Date()).slice(0, 4);
    expect(a.radicado).toMatch(new RegExp(`^CENTRO-${year}-\\d{6}$`));
    expect(Number(b.radicado.slice(-6))).toBe(Number(a.radicado.slice(-6)) + 1);
    expect(a.dueAt?.getTime()).toBe(endOfBogotaDay(addBusinessDays(bogotaDay(a.receivedAt), 15)).getTime());
    const row = await rowOf(a.radicado);
    expect(row).toMatchObject({ status: 'RECEIVED', termUnit: 'BUSINESS_DAYS', termAmount: 15 });
    expect(row.originalDueAt?.getTime()).toBe(a.dueAt?.getTime());
    expect(a.trackingCode.length).toBeGreaterThan(0);
  });

  it('gives a vital health claim 24 hours, and a felicitación no deadline', async () => {
    const vital = await submitPqrs(as(CITIZEN), petition({ type: 'RECLAMO', riskLevel: 'VITAL' }));
    expect(vital.dueAt!.getTime() - vital.receivedAt.getTime()).toBe(24 * HOUR);
    expect((await rowOf(vital.radicado)).termUnit).toBe('HOURS');
    const thanks = await submitPqrs(as(CITIZEN), petition({ type: 'FELICITACION' }));
    expect(thanks.dueAt).toBeNull();
  });

  it('lets only the network’s staff backdate the receipt, counting the term from it', async () => {
    const receivedAt = new Date(Date.now() - 2 * 86_400_000);
    expect((await refusal(submitPqrs(as(CITIZEN), petition({ receivedAt })))).code).toBe('FORBIDDEN');
    expect((await refusal(submitPqrs(as(NORTE), petition({ receivedAt })))).code).toBe('FORBIDDEN');
    const filed = await submitPqrs(as(CENTRO), petition({ receivedAt }));
    expect(filed.receivedAt.getTime()).toBe(receivedAt.getTime());
    expect(filed.dueAt?.getTime()).toBe(
      deadline(receivedAt, { unit: 'BUSINESS_DAYS', amount: 15 }).getTime(),
    );
    const [event] = await opened.db
      .select()
      .from(pqrsEvents)
      .where(eq(pqrsEvents.pqrsId, (await rowOf(filed.radicado)).id));
    expect(event).toMatchObject({ kind: 'RECEIVED', actor: 'staff-centro', actorName: 'Gestora' });
  });

  it('answers a retry with the same receipt, and refuses the key for other content', async () => {
    const idempotencyKey = `retry-${crypto.randomUUID()}`;
    const first = await submitPqrs(as(CITIZEN), petition({ idempotencyKey }));
    const again = await submitPqrs(as(CITIZEN), petition({ idempotencyKey }));
    expect(again).toEqual(first);
    const other = await refusal(
      submitPqrs(as(CITIZEN), petition({ idempotencyKey, subject: 'Otro asunto' })),
    );
    expect(other.code).toBe('CONFLICT');
  });
});

describe('intake: what is stored, audited and announced', () => {
  it('stores the optional fields, the sealed petitioner and the tracking hash; no retry secrets without a key', async () => {
    const facilityId = crypto.randomUUID();
    const receipt = await submitPqrs(
      as(CITIZEN),
      petition({
        type: 'RECLAMO',
        riskLevel: 'SIMPLE',
        channel: 'TELEFONICO',
        facilityId,
        territoryId: C09,
        service: 'Urgencias',
      }),
    );
    expect(receipt.dueAt!.getTime() - receipt.receivedAt.getTime()).toBe(72 * HOUR);
    const row = await rowOf(receipt.radicado);
    expect(row).toMatchObject({
      type: 'RECLAMO',
      channel: 'TELEFONICO',
      facilityId,
      territoryId: C09,
      service: 'Urgencias',
      riskLevel: 'SIMPLE',
      anonymous: false,
      termUnit: 'HOURS',
      termAmount: 72,
      idempotencyKey: null,
      requestHash: null,
      trackingCodeSealed: null,
      createdBy: 'citizen-1',
    });
    expect(trackingCodeMatches(receipt.trackingCode, row.trackingHash)).toBe(true);
    expect(row.petitionerSealed).not.toBeNull();
    expect(row.petitionerSealed).not.toContain(PETITIONER.fullName);
    expect(unseal(row.petitionerSealed!, row.id)).toMatchObject({
      fullName: PETITIONER.fullName,
      documentNumber: PETITIONER.documentNumber,
      email: PETITIONER.email,
    });

    // Filed by the citizen: no staff on the timeline; the receipt goes to their address and inbox.
    expect(await timelineOf(row.id)).toEqual([
      { kind: 'RECEIVED', actor: null, actorName: null, note: null, details: { channel: 'TELEFONICO' } },
    ]);
    expect(await auditOf(row.id)).toEqual([
      {
        actor: 'citizen-1',
        action: 'pqrs.submitted',
        entity: 'Pqrs',
        details: { radicado: receipt.radicado, type: 'RECLAMO', channel: 'TELEFONICO' },
      },
    ]);
    expect(await outboxOf(row.id)).toEqual([
      {
        kind: 'pqrs.received',
        payload: {
          radicado: receipt.radicado,
          networkCode: 'CENTRO',
          type: 'RECLAMO',
          dueAt: receipt.dueAt!.toISOString(),
          contact: { email: PETITIONER.email },
          userSub: 'citizen-1',
        },
      },
    ]);
  });

  it('stores nothing of an anonymous petitioner, and no optional field it was not given', async () => {
    const receipt = await submitPqrs(
      as(CITIZEN),
      petition({ anonymous: true, petitioner: null, type: 'FELICITACION' }),
    );
    expect(receipt.dueAt).toBeNull();
    const row = await rowOf(receipt.radicado);
    expect(row).toMatchObject({
      anonymous: true,
      petitionerSealed: null,
      facilityId: null,
      territoryId: null,
      service: null,
      riskLevel: null,
      termUnit: null,
      termAmount: null,
      dueAt: null,
      originalDueAt: null,
    });
    const [announced] = await outboxOf(row.id);
    expect(announced?.payload).toMatchObject({ contact: null, dueAt: null, userSub: 'citizen-1' });
  });

  it('filed by staff for someone: the staff member on the timeline, no citizen inbox', async () => {
    const receipt = await submitPqrs(as(CENTRO), petition({ channel: 'PRESENCIAL' }));
    const row = await rowOf(receipt.radicado);
    expect(row.receivedAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await timelineOf(row.id)).toEqual([
      {
        kind: 'RECEIVED',
        actor: 'staff-centro',
        actorName: 'Gestora',
        note: null,
        details: { channel: 'PRESENCIAL' },
      },
    ]);
    const [announced] = await outboxOf(row.id);
    expect(announced?.payload).toMatchObject({ userSub: null, contact: { email: PETITIONER.email } });
  });

  it('checks the territories it is given, naming the field', async () => {
    const unknown = crypto.randomUUID();
    const plain = await refusal(submitPqrs(as(CITIZEN), petition({ territoryId: unknown })));
    expect(plain.code).toBe('BAD_USER_INPUT');
    expect(plain.message).toBe(`Campo "territoryId": no existe el territorio ${unknown}.`);
    const nested = await refusal(
      submitPqrs(
        as(CITIZEN),
        petition({ petitioner: { ...PETITIONER, characterization: { territoryId: unknown } } }),
      ),
    );
    expect(nested.code).toBe('BAD_USER_INPUT');
    expect(nested.message).toBe(
      `Campo "petitioner.characterization.territoryId": no existe el territorio ${unknown}.`,
    );
    const filed = await submitPqrs(
      as(CITIZEN),
      petition({ petitioner: { ...PETITIONER, characterization: { territoryId: C09 } } }),
    );
    expect(filed.radicado).toMatch(/^CENTRO-/);
  });

  it('keeps the retry secrets of a keyed submission: the key, the request hash, the sealed tracking code', async () => {
    const idempotencyKey = `keyed-${crypto.randomUUID()}`;
    const receipt = await submitPqrs(as(CITIZEN), petition({ idempotencyKey }));
    const row = await rowOf(receipt.radicado);
    expect(row.idempotencyKey).toBe(idempotencyKey);
    expect(row.requestHash).toMatch(/^[0-9a-f]{64}$/);
    expect(unseal(row.trackingCodeSealed!, row.id)).toBe(receipt.trackingCode);
  });

  it('numbers a batch of simultaneous submissions in arrival order, each network from its own counter, and a concurrent retry gets the winner’s receipt', async () => {
    const idempotencyKey = `race-${crypto.randomUUID()}`;
    // LADERA and ORIENTE have no PQRS yet in this database: their numbers start at 1.
    const receipts = await Promise.all([
      submitPqrs(as(CITIZEN), petition({ networkCode: 'LADERA', subject: 'Primera' })),
      submitPqrs(as(CITIZEN), petition({ networkCode: 'ORIENTE', subject: 'Oriente 1' })),
      submitPqrs(as(CITIZEN), petition({ networkCode: 'LADERA', subject: 'Segunda' })),
      submitPqrs(as(CITIZEN), petition({ networkCode: 'ORIENTE', subject: 'Oriente 2' })),
      submitPqrs(as(CITIZEN), petition({ networkCode: 'LADERA', subject: 'Tercera' })),
    ]);
    const year = bogotaDay(new Date()).slice(0, 4);
    expect(receipts.map((r) => r.radicado)).toEqual([
      `LADERA-${year}-000001`,
      `ORIENTE-${year}-000001`,
      `LADERA-${year}-000002`,
      `ORIENTE-${year}-000002`,
      `LADERA-${year}-000003`,
    ]);
    for (const [i, subject] of ['Primera', 'Oriente 1', 'Segunda', 'Oriente 2', 'Tercera'].entries())
      expect((await rowOf(receipts[i]!.radicado)).subject).toBe(subject);
    const next = await submitPqrs(as(CITIZEN), petition({ networkCode: 'LADERA' }));
    expect(next.radicado).toBe(`LADERA-${year}-000004`);

    const [a, b, c, d] = await Promise.all([
      submitPqrs(as(CITIZEN), petition({ idempotencyKey })),
      submitPqrs(as(CITIZEN), petition({ idempotencyKey })),
      submitPqrs(as(CITIZEN), petition({ subject: 'Otra' })),
      submitPqrs(as(CITIZEN), petition({ idempotencyKey })),
    ]);
    expect(b).toEqual(a);
    expect(d).toEqual(a);
    expect(c!.radicado).not.toBe(a!.radicado);
    const keyed = await opened.db.select().from(pqrs).where(eq(pqrs.idempotencyKey, idempotencyKey));
    expect(keyed).toHaveLength(1);
  });

  it('files more than one batch (200) of simultaneous submissions once each', async () => {
    const receipts = await Promise.all(
      Array.from({ length: 201 }, (_, i) =>
        submitPqrs(as(CITIZEN), petition({ networkCode: 'SURORIENTE', subject: `Lote ${i}` })),
      ),
    );
    expect(receipts).toHaveLength(201);
    const year = bogotaDay(new Date()).slice(0, 4);
    expect(receipts.map((r) => r.radicado)).toEqual(
      Array.from({ length: 201 }, (_, i) => `SURORIENTE-${year}-${String(i + 1).padStart(6, '0')}`),
    );
    const next = await submitPqrs(as(CITIZEN), petition({ networkCode: 'SURORIENTE' }));
    expect(next.radicado).toBe(`SURORIENTE-${year}-000202`);
  });

  it('in one batch, files a key once: its retry gets the same receipt, its reuse for other content is CONFLICT, no number is lost', async () => {
    const idempotencyKey = `batch-${crypto.randomUUID()}`;
    const [first, retry, reuse, other] = await Promise.allSettled([
      submitPqrs(as(CITIZEN), petition({ networkCode: 'NORTE', idempotencyKey })),
      submitPqrs(as(CITIZEN), petition({ networkCode: 'NORTE', idempotencyKey })),
      submitPqrs(as(CITIZEN), petition({ networkCode: 'NORTE', idempotencyKey, subject: 'Otro' })),
      submitPqrs(as(CITIZEN), petition({ networkCode: 'NORTE', subject: 'Sin clave' })),
    ]);
    // Whichever content arrived first is filed, once; the same content again gets its receipt, the
    // other content is CONFLICT.
    const keyed = await opened.db.select().from(pqrs).where(eq(pqrs.idempotencyKey, idempotencyKey));
    expect(keyed).toHaveLength(1);
    const outcomes = [first!, retry!, reuse!];
    const filed = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(filed.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const o of filed) expect(o.value.radicado).toBe(keyed[0]!.radicado);
    for (const o of refused)
      expect((o.reason as { extensions: { code: string } }).extensions.code).toBe('CONFLICT');
    expect(first!.status === 'fulfilled').toBe(retry!.status === 'fulfilled');
    expect(first!.status === 'fulfilled').toBe(reuse!.status === 'rejected');
    const number = (radicado: string) => Number(radicado.split('-')[2]);
    expect(other.status).toBe('fulfilled');
    // The keyed one and the keyless one took two consecutive numbers, in either order.
    const numbers = [
      keyed[0]!.radicado,
      (other as PromiseFulfilledResult<{ radicado: string }>).value.radicado,
    ]
      .map(number)
      .sort((x, y) => x - y);
    expect(numbers[1]).toBe(numbers[0]! + 1);
  });

  it('a retry filed at the same time by another process (its own pool): one PQRS, both get its receipt, no number lost', async () => {
    const other = await openDatabase({
      service: 'feedback',
      schema,
      migrationsFolder: feedbackService.migrationsFolder,
      url: database.url,
      maxConnections: 2,
    });
    try {
      const inOther = { ...as(CITIZEN), db: other.db, loaders: createLoaders(other.db, CITIZEN) } as Context;
      for (let round = 0; round < 5; round++) {
        const idempotencyKey = `process-${crypto.randomUUID()}`;
        const input = petition({ networkCode: 'ORIENTE', idempotencyKey });
        const [here, there] = await Promise.all([submitPqrs(as(CITIZEN), input), submitPqrs(inOther, input)]);
        expect(there).toEqual(here);
        const keyed = await opened.db.select().from(pqrs).where(eq(pqrs.idempotencyKey, idempotencyKey));
        expect(keyed).toHaveLength(1);
        const next = await submitPqrs(as(CITIZEN), petition({ networkCode: 'ORIENTE' }));
        expect(Number(next.radicado.split('-')[2])).toBe(Number(here.radicado.split('-')[2]) + 1);
      }
    } finally {
      await other.close();
    }
  });

  it('names the field and the rule of each refusal', async () => {
    const network = await refusal(submitPqrs(as(CITIZEN), petition({ networkCode: 'MARTE' })));
    expect(network.code).toBe('BAD_USER_INPUT');
    expect(network.message).toMatch(/^Campo "networkCode": la red "MARTE" no existe/);
    const backdated = await refusal(
      submitPqrs(as(NORTE), petition({ receivedAt: new Date(Date.now() - DAY) })),
    );
    expect(backdated.message).toBe(
      'Solo el personal de la red CENTRO puede indicar la fecha de recibo (receivedAt); para la ciudadanía es el momento del envío.',
    );
    const idempotencyKey = `reused-${crypto.randomUUID()}`;
    await submitPqrs(as(CITIZEN), petition({ idempotencyKey }));
    const reused = await refusal(submitPqrs(as(CITIZEN), petition({ idempotencyKey, subject: 'Otro' })));
    expect(reused.message).toBe(
      'La clave de idempotencia (idempotencyKey) ya se usó para otra PQRS con otro contenido.',
    );
  });
});

describe('lifecycle', () => {
  const file = async (overrides: Record<string, unknown> = {}) => {
    const receipt = await submitPqrs(as(CITIZEN), petition(overrides));
    return { receipt, id: (await rowOf(receipt.radicado)).id };
  };

  it('moves RECEIVED → IN_PROGRESS → ANSWERED → CLOSED → IN_PROGRESS, refusing moves out of order', async () => {
    const { id, receipt } = await file();
    const early = await refusal(respondToPqrs(as(CENTRO), { pqrsId: id, response: 'Listo.' }));
    expect(early.code).toBe('CONFLICT');
    expect(early.message).toBe(`No se puede responder la PQRS ${receipt.radicado}: está radicada.`);
    expect((await refusal(assignPqrs(as(NORTE), { pqrsId: id, area: 'SIAU' }))).code).toBe('FORBIDDEN');
    expect((await refusal(closePqrs(as(CENTRO), id))).code).toBe('CONFLICT');

    expect((await assignPqrs(as(CENTRO), { pqrsId: id, assignee: 'Ana', area: 'SIAU' })).status).toBe(
      'IN_PROGRESS',
    );
    const answered = await respondToPqrs(as(CENTRO), { pqrsId: id, response: 'Adjuntamos la copia.' });
    expect(answered.status).toBe('ANSWERED');
    expect(answered.answeredOnTime).toBe(true);
    const answeredAt = answered.answeredAt!.getTime();
    expect((await closePqrs(as(CENTRO), id)).status).toBe('CLOSED');
    expect((await reopenPqrs(as(CENTRO), { pqrsId: id, reason: 'Falta un folio.' })).status).toBe(
      'IN_PROGRESS',
    );
    const second = await respondToPqrs(as(CENTRO), { pqrsId: id, response: 'Ahora completa.' });
    expect(second.answeredAt!.getTime()).toBe(answeredAt);
    expect(second.response).toBe('Ahora completa.');

    await addPqrsNote(as(CENTRO), { pqrsId: id, note: 'Nota interna' });
    const events = await opened.db.select().from(pqrsEvents).where(eq(pqrsEvents.pqrsId, id));
    expect(events.map((e) => e.kind).sort()).toEqual(
      ['ANSWERED', 'ANSWERED', 'ASSIGNED', 'CLOSED', 'NOTE', 'RECEIVED', 'REOPENED'].sort(),
    );
  });

  it('extends a deadline later than the current one, at most to twice the term', async () => {
    const { id, receipt } = await file();
    const dueAt = receipt.dueAt!;
    const latest = deadline(receipt.receivedAt, { unit: 'BUSINESS_DAYS', amount: 30 });
    const extend = (newDueAt: Date) =>
      extendPqrsDeadline(as(CENTRO), { pqrsId: id, reason: 'Complejidad', newDueAt });
    expect((await refusal(extend(dueAt))).message).toMatch(/posterior al actual/);
    const tooLate = await refusal(extend(new Date(latest.getTime() + 1)));
    expect(tooLate.code).toBe('BAD_USER_INPUT');
    expect(tooLate.message).toMatch(/doble del término/);
    const extended = await extend(latest);
    expect(extended.dueAt?.getTime()).toBe(latest.getTime());
    expect(extended.originalDueAt?.getTime()).toBe(dueAt.getTime());

    const thanks = await file({ type: 'FELICITACION' });
    const none = await refusal(
      extendPqrsDeadline(as(CENTRO), { pqrsId: thanks.id, reason: 'x', newDueAt: latest }),
    );
    expect(none.code).toBe('CONFLICT');
    expect(none.message).toMatch(/no tiene término que prorrogar/);
  });

  it('transfers to another network as a linked PQRS with its own radicado and the same deadline', async () => {
    const { id, receipt } = await file();
    const same = await refusal(
      transferPqrs(as(CENTRO), { pqrsId: id, toNetworkCode: 'CENTRO', reason: 'x' }),
    );
    expect(same.code).toBe('BAD_USER_INPUT');
    const moved = await transferPqrs(as(CENTRO), {
      pqrsId: id,
      toNetworkCode: 'NORTE',
      reason: 'Competencia',
    });
    expect(moved.status).toBe('TRANSFERRED');
    const [linked] = await opened.db.select().from(pqrs).where(eq(pqrs.id, moved.transferredToId!));
    expect(linked).toBeDefined();
    expect(linked!.radicado).toMatch(/^NORTE-\d{4}-\d{6}$/);
    expect(linked!.status).toBe('RECEIVED');
    expect(linked!.transferredFromId).toBe(id);
    expect(linked!.dueAt?.getTime()).toBe(receipt.dueAt!.getTime());
    expect((await refusal(assignPqrs(as(CENTRO), { pqrsId: id, area: 'SIAU' }))).code).toBe('CONFLICT');

    const other = await file();
    const entity = await transferPqrs(as(CENTRO), {
      pqrsId: other.id,
      toEntityName: 'Superintendencia Nacional de Salud',
      reason: 'Competencia',
    });
    expect(entity).toMatchObject({
      status: 'TRANSFERRED',
      transferredToEntity: 'Superintendencia Nacional de Salud',
    });
  });
});

describe('lifecycle: what each step writes', () => {
  const file = async (overrides: Record<string, unknown> = {}, as_: Identity = CITIZEN) => {
    const receipt = await submitPqrs(as(as_), petition(overrides));
    return { receipt, id: (await rowOf(receipt.radicado)).id };
  };
  const facts = (radicado: string, dueAt: Date | null) => ({
    radicado,
    networkCode: 'CENTRO',
    type: 'PETICION',
    dueAt: dueAt?.toISOString() ?? null,
  });

  it('refuses an unknown PQRS as not found', async () => {
    const unknown = crypto.randomUUID();
    const missing = await refusal(addPqrsNote(as(CENTRO), { pqrsId: unknown, note: 'x' }));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toBe(`No existe la PQRS ${unknown}.`);
  });

  it('each step leaves its timeline event, its audit entry (from, to) and its outbox event', async () => {
    const { id, receipt } = await file();
    const area = await assignPqrs(as(CENTRO), { pqrsId: id, area: 'SIAU', note: 'Revisar' });
    expect(area).toMatchObject({ status: 'IN_PROGRESS', assignedTo: null, assignedArea: 'SIAU' });
    const person = await assignPqrs(as(CENTRO), { pqrsId: id, assignee: 'Ana' });
    expect(person).toMatchObject({ status: 'IN_PROGRESS', assignedTo: 'Ana', assignedArea: null });
    await addPqrsNote(as(CENTRO), { pqrsId: id, note: 'Llamar el lunes' });
    const answered = await respondToPqrs(as(CENTRO), {
      pqrsId: id,
      response: 'Adjuntamos la copia.',
      note: 'Enviada',
    });
    expect(answered).toMatchObject({
      response: 'Adjuntamos la copia.',
      answeredOnTime: true,
      closedAt: null,
    });
    const closed = await closePqrs(as(CENTRO), id);
    expect(closed.closedAt).toBeInstanceOf(Date);
    const reopened = await reopenPqrs(as(CENTRO), { pqrsId: id, reason: 'Falta un folio.' });
    expect(reopened).toMatchObject({ status: 'IN_PROGRESS', closedAt: null });

    const staff = { actor: 'staff-centro', actorName: 'Gestora' };
    expect(await timelineOf(id)).toEqual([
      { kind: 'RECEIVED', actor: null, actorName: null, note: null, details: { channel: 'WEB' } },
      { kind: 'ASSIGNED', ...staff, note: 'Revisar', details: { area: 'SIAU' } },
      { kind: 'ASSIGNED', ...staff, note: null, details: { assignee: 'Ana' } },
      { kind: 'NOTE', ...staff, note: 'Llamar el lunes', details: null },
      { kind: 'ANSWERED', ...staff, note: 'Enviada', details: null },
      { kind: 'CLOSED', ...staff, note: null, details: null },
      { kind: 'REOPENED', ...staff, note: 'Falta un folio.', details: null },
    ]);
    const audit = (action: string, from: string, to: string) => ({
      actor: 'staff-centro',
      action,
      entity: 'Pqrs',
      details: { from, to },
    });
    expect((await auditOf(id)).slice(1)).toEqual([
      audit('pqrs.assigned', 'RECEIVED', 'IN_PROGRESS'),
      audit('pqrs.assigned', 'IN_PROGRESS', 'IN_PROGRESS'),
      audit('pqrs.note', 'IN_PROGRESS', 'IN_PROGRESS'),
      audit('pqrs.answered', 'IN_PROGRESS', 'ANSWERED'),
      audit('pqrs.closed', 'ANSWERED', 'CLOSED'),
      audit('pqrs.reopened', 'CLOSED', 'IN_PROGRESS'),
    ]);
    // A note, a closing and a reopening tell no one; the answer tells the petitioner only that it exists.
    expect((await outboxOf(id)).slice(1)).toEqual([
      {
        kind: 'pqrs.assigned',
        payload: { ...facts(receipt.radicado, receipt.dueAt), assignee: null, area: 'SIAU' },
      },
      {
        kind: 'pqrs.assigned',
        payload: { ...facts(receipt.radicado, receipt.dueAt), assignee: 'Ana', area: null },
      },
      {
        kind: 'pqrs.answered',
        payload: {
          ...facts(receipt.radicado, receipt.dueAt),
          contact: { email: PETITIONER.email },
          userSub: 'citizen-1',
        },
      },
    ]);
  });

  it('an answer after the deadline is late, and a deadline already past cannot be extended', async () => {
    const receivedAt = new Date(Date.now() - 60 * DAY);
    const { id, receipt } = await file({ receivedAt }, CENTRO);
    expect(receipt.dueAt!.getTime()).toBeLessThan(Date.now());
    const expired = await refusal(
      extendPqrsDeadline(as(CENTRO), { pqrsId: id, reason: 'Tarde', newDueAt: new Date(Date.now() + DAY) }),
    );
    expect(expired.code).toBe('CONFLICT');
    expect(expired.message).toBe(
      `No se puede prorrogar la PQRS ${receipt.radicado}: la prórroga debe solicitarse antes del vencimiento del término.`,
    );
    await assignPqrs(as(CENTRO), { pqrsId: id, area: 'SIAU' });
    const answered = await respondToPqrs(as(CENTRO), { pqrsId: id, response: 'Tarde, pero respondida.' });
    expect(answered.answeredOnTime).toBe(false);
    // Filed by staff for someone: the answer goes to their address, not to the staff member's inbox.
    const [, , told] = await outboxOf(id);
    expect(told).toMatchObject({
      kind: 'pqrs.answered',
      payload: { userSub: null, contact: { email: PETITIONER.email } },
    });
  });

  it('an extension stores its reason and tells the petitioner the previous deadline', async () => {
    const { id, receipt } = await file();
    const newDueAt = new Date(receipt.dueAt!.getTime() + DAY);
    const notLater = await refusal(
      extendPqrsDeadline(as(CENTRO), { pqrsId: id, reason: 'x', newDueAt: receipt.dueAt! }),
    );
    expect(notLater.code).toBe('BAD_USER_INPUT');
    expect(notLater.message).toBe('Campo "newDueAt": el nuevo vencimiento debe ser posterior al actual.');
    const extended = await extendPqrsDeadline(as(CENTRO), { pqrsId: id, reason: 'Complejidad', newDueAt });
    expect(extended).toMatchObject({ extensionReason: 'Complejidad', status: 'RECEIVED' });
    expect((await timelineOf(id)).at(-1)).toEqual({
      kind: 'EXTENDED',
      actor: 'staff-centro',
      actorName: 'Gestora',
      note: 'Complejidad',
      details: { from: receipt.dueAt!.toISOString(), to: newDueAt.toISOString() },
    });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: 'pqrs.extended',
      details: { from: 'RECEIVED', to: 'RECEIVED' },
    });
    expect((await outboxOf(id)).at(-1)).toEqual({
      kind: 'pqrs.extended',
      payload: {
        ...facts(receipt.radicado, newDueAt),
        previousDueAt: receipt.dueAt!.toISOString(),
        contact: { email: PETITIONER.email },
        userSub: 'citizen-1',
      },
    });
  });

  it('a transfer to a network starts a clean linked PQRS: original term, resealed petitioner, nothing of the handling', async () => {
    const idempotencyKey = `transfer-${crypto.randomUUID()}`;
    const { id, receipt } = await file({ idempotencyKey, facilityId: crypto.randomUUID() });
    await assignPqrs(as(CENTRO), { pqrsId: id, assignee: 'Ana', area: 'SIAU' });
    const extendedTo = new Date(receipt.dueAt!.getTime() + DAY);
    await extendPqrsDeadline(as(CENTRO), { pqrsId: id, reason: 'Complejidad', newDueAt: extendedTo });
    const moved = await transferPqrs(as(CENTRO), {
      pqrsId: id,
      toNetworkCode: 'NORTE',
      reason: 'Competencia',
    });
    const [linked] = await opened.db.select().from(pqrs).where(eq(pqrs.id, moved.transferredToId!));
    const year = bogotaDay(new Date()).slice(0, 4);
    expect(linked!.radicado).toMatch(new RegExp(`^NORTE-${year}-\\d{6}$`));
    expect(linked).toMatchObject({
      status: 'RECEIVED',
      facilityId: null,
      extensionReason: null,
      assignedTo: null,
      assignedArea: null,
      transferredFromId: id,
      transferredToId: null,
      idempotencyKey: null,
      requestHash: null,
      trackingCodeSealed: null,
      termUnit: 'BUSINESS_DAYS',
      termAmount: 15,
      subject: 'Copia de historia clínica',
    });
    expect(linked!.networkId).not.toBe((await rowOf(receipt.radicado)).networkId);
    expect(linked!.dueAt?.getTime()).toBe(receipt.dueAt!.getTime());
    expect(linked!.originalDueAt?.getTime()).toBe(receipt.dueAt!.getTime());
    expect(linked!.receivedAt.getTime()).toBe(receipt.receivedAt.getTime());
    expect(Math.abs(linked!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(unseal(linked!.petitionerSealed!, linked!.id)).toMatchObject({ fullName: PETITIONER.fullName });
    expect(() => unseal(linked!.petitionerSealed!, id)).toThrow();

    expect(await timelineOf(linked!.id)).toEqual([
      {
        kind: 'RECEIVED',
        actor: null,
        actorName: null,
        note: null,
        details: { transferredFrom: receipt.radicado },
      },
    ]);
    expect((await timelineOf(id)).at(-1)).toEqual({
      kind: 'TRANSFERRED',
      actor: 'staff-centro',
      actorName: 'Gestora',
      note: 'Competencia',
      details: { network: 'NORTE', radicado: linked!.radicado },
    });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: 'pqrs.transferred',
      details: { from: 'IN_PROGRESS', to: 'TRANSFERRED' },
    });
    expect((await outboxOf(id)).at(-1)).toEqual({
      kind: 'pqrs.transferred',
      payload: {
        ...facts(receipt.radicado, extendedTo),
        toEntityName: null,
        toNetworkCode: 'NORTE',
        newRadicado: linked!.radicado,
        newDueAt: receipt.dueAt!.toISOString(),
        contact: { email: PETITIONER.email },
        userSub: 'citizen-1',
      },
    });
  });

  it('a transfer of an anonymous PQRS without a term links one without either', async () => {
    const { id } = await file({ anonymous: true, petitioner: null, type: 'FELICITACION' });
    const moved = await transferPqrs(as(CENTRO), {
      pqrsId: id,
      toNetworkCode: 'NORTE',
      reason: 'Competencia',
    });
    const [linked] = await opened.db.select().from(pqrs).where(eq(pqrs.id, moved.transferredToId!));
    expect(linked).toMatchObject({
      petitionerSealed: null,
      dueAt: null,
      originalDueAt: null,
      anonymous: true,
    });
  });

  it('a transfer to an outside entity records and announces the entity', async () => {
    const { id, receipt } = await file();
    const entity = 'Superintendencia Nacional de Salud';
    await transferPqrs(as(CENTRO), { pqrsId: id, toEntityName: entity, reason: 'Competencia' });
    expect((await timelineOf(id)).at(-1)).toMatchObject({
      kind: 'TRANSFERRED',
      note: 'Competencia',
      details: { entity },
    });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: 'pqrs.transferred',
      details: { from: 'RECEIVED', to: 'TRANSFERRED' },
    });
    expect((await outboxOf(id)).at(-1)).toEqual({
      kind: 'pqrs.transferred',
      payload: {
        ...facts(receipt.radicado, receipt.dueAt),
        toEntityName: entity,
        toNetworkCode: null,
        contact: { email: PETITIONER.email },
        userSub: 'citizen-1',
      },
    });
  });

  it('a refused step names the action and the status in force', async () => {
    const { id, receipt } = await file();
    const r = receipt.radicado;
    const message = async (promise: Promise<unknown>) => {
      const refused = await refusal(promise);
      expect(refused.code).toBe('CONFLICT');
      return refused.message;
    };
    expect(await message(closePqrs(as(CENTRO), id))).toBe(`No se puede cerrar la PQRS ${r}: está radicada.`);
    await assignPqrs(as(CENTRO), { pqrsId: id, area: 'SIAU' });
    expect(await message(reopenPqrs(as(CENTRO), { pqrsId: id, reason: 'x' }))).toBe(
      `No se puede reabrir la PQRS ${r}: está en trámite.`,
    );
    await respondToPqrs(as(CENTRO), { pqrsId: id, response: 'Listo.' });
    expect(await message(assignPqrs(as(CENTRO), { pqrsId: id, area: 'SIAU' }))).toBe(
      `No se puede asignar la PQRS ${r}: está respondida.`,
    );
    expect(
      await message(
        extendPqrsDeadline(as(CENTRO), { pqrsId: id, reason: 'x', newDueAt: new Date(Date.now() + DAY) }),
      ),
    ).toBe(`No se puede prorrogar la PQRS ${r}: está respondida.`);
    await closePqrs(as(CENTRO), id);
    expect(await message(transferPqrs(as(CENTRO), { pqrsId: id, toNetworkCode: 'NORTE', reason: 'x' }))).toBe(
      `No se puede trasladar la PQRS ${r}: está cerrada.`,
    );
    const other = await file();
    const same = await refusal(
      transferPqrs(as(CENTRO), { pqrsId: other.id, toNetworkCode: 'CENTRO', reason: 'x' }),
    );
    expect(same.message).toBe('Campo "toNetworkCode": la PQRS ya está en esa red.');
    const unknown = await refusal(
      transferPqrs(as(CENTRO), { pqrsId: other.id, toNetworkCode: 'MARTE', reason: 'x' }),
    );
    expect(unknown.code).toBe('BAD_USER_INPUT');
    expect(unknown.message).toMatch(/^Campo "toNetworkCode": la red "MARTE" no existe/);
  });
});
