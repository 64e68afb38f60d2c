import type { Identity } from '@participa/auth';
import { addBusinessDays, bogotaDay, deadline, endOfBogotaDay } from '@participa/calendar';
import { openDatabase } from '@participa/db';
import { createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { createLogger } from '@participa/subgraph-kit';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../src/context.ts';
import { schema } from '../src/db/index.ts';
import { pqrs, pqrsEvents } from '../src/db/schema.ts';
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
