import { createDecipheriv, randomBytes } from 'node:crypto';
import { deadline } from '@participa/calendar';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEncryptionKey } from '../src/secrets.ts';
import { feedbackService } from '../src/service.ts';
import {
  CENTRO_STAFF,
  CITIZEN,
  idOf,
  NORTE_STAFF,
  PQRS_FIELDS,
  petition,
  SECRETARIAT,
  submit,
} from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([feedbackService]);
});
afterAll(() => graph?.stop());

interface PqrsView {
  id: string;
  radicado: string;
  status: string;
  dueAt: string | null;
  originalDueAt: string | null;
  answeredAt: string | null;
  answeredOnTime: boolean | null;
  transferredToEntity: string | null;
  transferredTo: { id: string; radicado: string; status: string; receivedAt: string; dueAt: string } | null;
  petitioner: { fullName: string; documentNumber: string; email: string } | null;
  timeline: { kind: string; actor: string | null; note: string | null }[] | null;
}

const mutation = (name: string, arg = 'input', type = `${name[0]!.toUpperCase()}${name.slice(1)}Input!`) =>
  `mutation ($v: ${type}) { ${name}(${arg}: $v) { ${PQRS_FIELDS} } }`;
const ASSIGN = mutation('assignPqrs');
const RESPOND = mutation('respondToPqrs');
const EXTEND = mutation('extendPqrsDeadline');
const TRANSFER = mutation('transferPqrs');
const REOPEN = mutation('reopenPqrs');
const CLOSE = mutation('closePqrs', 'id', 'ID!');
const NOTE = mutation('addPqrsNote');
const TRACK = `query ($r: String!, $c: String!) { trackPqrs(radicado: $r, trackingCode: $c) {
  radicado type status receivedAt dueAt answeredAt response transferredToRadicado transferredToEntity rating { score comment } } }`;
const RATE = `mutation ($v: RatePqrsResponseInput!) { ratePqrsResponse(input: $v) { status rating { score comment } } }`;
const READ = `query ($id: ID!) { pqrs(id: $id) { ${PQRS_FIELDS} } }`;

async function act(query: string, v: unknown, as = CENTRO_STAFF): Promise<PqrsView> {
  const data = await graph.data<Record<string, PqrsView>>(query, { v }, as);
  return Object.values(data)[0]!;
}
async function newPqrs(overrides: Record<string, unknown> = {}, as?: Parameters<typeof submit>[2]) {
  const receipt = await submit(graph, petition(overrides), as);
  return { receipt, id: await idOf(graph, receipt.radicado) };
}
const read = async (id: string, as = CENTRO_STAFF) =>
  (await graph.data<{ pqrs: PqrsView | null }>(READ, { id }, as)).pqrs;

describe('lifecycle', () => {
  it('RECEIVED → IN_PROGRESS → ANSWERED → CLOSED → reopened, each step in the timeline', async () => {
    const { id } = await newPqrs();
    expect((await act(ASSIGN, { pqrsId: id, area: 'SIAU', note: 'revisar con archivo' })).status).toBe(
      'IN_PROGRESS',
    );
    const answered = await act(RESPOND, { pqrsId: id, response: 'Adjuntamos la copia solicitada.' });
    expect(answered).toMatchObject({ status: 'ANSWERED', answeredOnTime: true });
    expect((await act(CLOSE, id)).status).toBe('CLOSED');
    const reopened = await act(REOPEN, { pqrsId: id, reason: 'La copia llegó incompleta.' });
    expect(reopened.status).toBe('IN_PROGRESS');
    expect(reopened.answeredAt).toBe(answered.answeredAt);
    expect(reopened.timeline!.map((e) => e.kind)).toEqual([
      'RECEIVED',
      'ASSIGNED',
      'ANSWERED',
      'CLOSED',
      'REOPENED',
    ]);
    expect(reopened.timeline![1]).toEqual({
      kind: 'ASSIGNED',
      actor: 'staff-centro',
      note: 'revisar con archivo',
    });
  });

  it('illegal transitions are CONFLICT and change nothing', async () => {
    const { id } = await newPqrs();
    const attempts: [string, unknown][] = [
      [RESPOND, { pqrsId: id, response: 'x' }], // RECEIVED → ANSWERED skips IN_PROGRESS
      [CLOSE, id],
      [REOPEN, { pqrsId: id, reason: 'x' }],
    ];
    for (const [query, v] of attempts)
      expect(errorCodes(await graph.request(query, { v }, CENTRO_STAFF))).toEqual(['CONFLICT']);
    await act(ASSIGN, { pqrsId: id, assignee: 'Ana' });
    await act(RESPOND, { pqrsId: id, response: 'Respuesta' });
    expect(errorCodes(await graph.request(ASSIGN, { v: { pqrsId: id, area: 'x' } }, CENTRO_STAFF))).toEqual([
      'CONFLICT',
    ]);
    expect(
      errorCodes(
        await graph.request(TRANSFER, { v: { pqrsId: id, toEntityName: 'EPS', reason: 'x' } }, CENTRO_STAFF),
      ),
    ).toEqual(['CONFLICT']);
    const after = await read(id);
    expect(after!.status).toBe('ANSWERED');
    expect(after!.timeline!.map((e) => e.kind)).toEqual(['RECEIVED', 'ASSIGNED', 'ANSWERED']);
  });

  it('only staff of the network handle a PQRS', async () => {
    const { id } = await newPqrs();
    for (const as of [NORTE_STAFF, SECRETARIAT, CITIZEN])
      expect(errorCodes(await graph.request(ASSIGN, { v: { pqrsId: id, area: 'x' } }, as))).toEqual([
        'FORBIDDEN',
      ]);
    expect(errorCodes(await graph.request(ASSIGN, { v: { pqrsId: id, area: 'x' } }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('an answer after the deadline in force is not on time, and only open late ones are overdue', async () => {
    const { id: answeredLate } = await newPqrs({ receivedAt: '2025-01-02T09:00:00-05:00' }, CENTRO_STAFF);
    await act(ASSIGN, { pqrsId: answeredLate, area: 'SIAU' });
    expect(await act(RESPOND, { pqrsId: answeredLate, response: 'Tarde' })).toMatchObject({
      answeredOnTime: false,
    });
    const { id: openLate } = await newPqrs({ receivedAt: '2025-01-03T09:00:00-05:00' }, CENTRO_STAFF);
    const { id: onTime } = await newPqrs();
    await act(ASSIGN, { pqrsId: onTime, area: 'SIAU' });
    expect(await act(RESPOND, { pqrsId: onTime, response: 'A tiempo' })).toMatchObject({
      answeredOnTime: true,
    });
    const { id: fresh } = await newPqrs();

    const list = await graph.data<{ pqrsList: { edges: { node: { id: string; overdue: boolean } }[] } }>(
      '{ pqrsList(first: 100, filter: { overdue: true }) { edges { node { id overdue } } } }',
      {},
      CENTRO_STAFF,
    );
    const ids = list.pqrsList.edges.map((e) => e.node.id);
    expect(ids).toContain(openLate);
    expect(ids).not.toContain(answeredLate); // answered, even late, is no longer overdue
    expect(ids).not.toContain(onTime);
    expect(ids).not.toContain(fresh);
    expect(list.pqrsList.edges.every((e) => e.node.overdue)).toBe(true);
  });
});

describe('extension', () => {
  it('up to twice the original term, before it expires; beyond or earlier is refused', async () => {
    const { id, receipt } = await newPqrs({ type: 'SOLICITUD_INFORMACION' });
    const due = new Date(receipt.dueAt!);
    // A solicitud de información has 10 business days; an extension may reach 20 from receipt.
    const limit = deadline(new Date(receipt.receivedAt), { unit: 'BUSINESS_DAYS', amount: 20 });
    const extend = (newDueAt: Date) =>
      graph.request(EXTEND, { v: { pqrsId: id, reason: 'Consulta a archivo', newDueAt } }, CENTRO_STAFF);

    const refused = await extend(new Date(limit.getTime() + 1));
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.message).toContain('doble');
    expect(errorCodes(await extend(new Date(due.getTime() - 1000)))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await extend(due))).toEqual(['BAD_USER_INPUT']); // not later than the current one
    expect((await read(id))!.dueAt).toBe(receipt.dueAt);

    const extended = await act(EXTEND, { pqrsId: id, reason: 'Consulta a archivo central', newDueAt: limit });
    expect(extended).toMatchObject({ dueAt: limit.toISOString(), originalDueAt: receipt.dueAt });
  });

  it('an expired term cannot be extended, nor a felicitación', async () => {
    const { id } = await newPqrs({ receivedAt: '2025-01-02T09:00:00-05:00' }, CENTRO_STAFF);
    const expired = await graph.request(
      EXTEND,
      { v: { pqrsId: id, reason: 'x', newDueAt: '2025-02-01T00:00:00Z' } },
      CENTRO_STAFF,
    );
    expect(errorCodes(expired)).toEqual(['CONFLICT']);
    const praise = await newPqrs({ type: 'FELICITACION' });
    const none = await graph.request(
      EXTEND,
      { v: { pqrsId: praise.id, reason: 'x', newDueAt: new Date(Date.now() + 86_400_000) } },
      CENTRO_STAFF,
    );
    expect(errorCodes(none)).toEqual(['CONFLICT']);
  });
});

describe('transfer', () => {
  it('to another network creates a linked PQRS there with the original receipt date', async () => {
    const { id, receipt } = await newPqrs({ receivedAt: '2025-12-19T10:00:00-05:00' }, CENTRO_STAFF);
    const moved = await act(TRANSFER, {
      pqrsId: id,
      toNetworkCode: 'NORTE',
      reason: 'La sede es de la Red Norte',
    });
    expect(moved.status).toBe('TRANSFERRED');
    // Staff of CENTRO do not see NORTE's PQRS; NORTE's staff see it with the petitioner.
    expect(moved.transferredTo).toBeNull();
    const linked = await read(
      await idOf(
        graph,
        (
          await graph.data<{ trackPqrs: { transferredToRadicado: string } }>(TRACK, {
            r: receipt.radicado,
            c: receipt.trackingCode,
          })
        ).trackPqrs.transferredToRadicado,
        NORTE_STAFF,
      ),
      NORTE_STAFF,
    );
    expect(linked!.radicado).toMatch(/^NORTE-\d{4}-\d{6}$/);
    expect(linked).toMatchObject({ status: 'RECEIVED', dueAt: '2026-01-15T04:59:59.999Z' });
    expect(linked!.petitioner!.fullName).toBe('María Fernanda Ocoró');
    // The citizen follows the new radicado with the same code.
    const tracked = await graph.data<{ trackPqrs: { receivedAt: string } }>(TRACK, {
      r: linked!.radicado,
      c: receipt.trackingCode,
    });
    expect(tracked.trackPqrs.receivedAt).toBe(receipt.receivedAt);
  });

  it('to an outside entity', async () => {
    const { id } = await newPqrs();
    const moved = await act(TRANSFER, {
      pqrsId: id,
      toEntityName: 'EPS Emssanar',
      reason: 'Autorizaciones son de la EPS',
    });
    expect(moved).toMatchObject({ status: 'TRANSFERRED', transferredToEntity: 'EPS Emssanar' });
  });
});

describe('public tracking and rating', () => {
  it('shows status, dates and response without personal data; wrong codes look like unknown radicados', async () => {
    const { id, receipt } = await newPqrs();
    await act(ASSIGN, { pqrsId: id, area: 'SIAU' });
    await act(NOTE, { pqrsId: id, note: 'NOTA INTERNA: llamar al archivo' });
    await act(RESPOND, { pqrsId: id, response: 'Su copia está lista.' });
    const result = await graph.request(TRACK, { r: receipt.radicado, c: receipt.trackingCode.toLowerCase() });
    expect(result.data!.trackPqrs).toMatchObject({ status: 'ANSWERED', response: 'Su copia está lista.' });
    const body = JSON.stringify(result);
    for (const secret of ['Ocoró', '31987654', 'maria.ocoro', 'NOTA INTERNA', 'staff-centro'])
      expect(body).not.toContain(secret);
    const wrong = await graph.request(TRACK, { r: receipt.radicado, c: 'AAAA-BBBB-CCCC' });
    const unknown = await graph.request(TRACK, { r: 'CENTRO-2020-999999', c: receipt.trackingCode });
    expect(wrong).toEqual({ data: { trackPqrs: null } });
    expect(unknown).toEqual(wrong);
  });

  it('rates an answer once with the code, and feeds the stats', async () => {
    const { id, receipt } = await newPqrs();
    const rate = (score: number, c = receipt.trackingCode) =>
      graph.request(RATE, {
        v: { radicado: receipt.radicado, trackingCode: c, score, comment: 'Buena atención' },
      });
    expect(errorCodes(await rate(5))).toEqual(['CONFLICT']); // not answered yet
    await act(ASSIGN, { pqrsId: id, area: 'SIAU' });
    await act(RESPOND, { pqrsId: id, response: 'Listo.' });
    expect(errorCodes(await rate(5, 'AAAA-BBBB-CCCC'))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await rate(6))).toEqual(['BAD_USER_INPUT']);
    expect((await rate(4)).data).toEqual({
      ratePqrsResponse: { status: 'ANSWERED', rating: { score: 4, comment: 'Buena atención' } },
    });
    expect(errorCodes(await rate(1))).toEqual(['CONFLICT']);
  });
});

describe('personal data', () => {
  it('only staff of the PQRS network read the petitioner', async () => {
    const { id } = await newPqrs();
    expect((await read(id))!.petitioner).toEqual({
      fullName: 'María Fernanda Ocoró',
      documentNumber: '31987654',
      email: 'maria.ocoro@example.com',
    });
    const asSecretariat = await read(id, SECRETARIAT);
    expect(asSecretariat!.petitioner).toBeNull();
    expect(asSecretariat!.timeline).toBeNull();
    expect(await read(id, NORTE_STAFF)).toBeNull();
    expect(
      errorCodes(
        await graph.request(
          '{ pqrsList(filter: { networkCode: "CENTRO" }) { totalCount } }',
          {},
          NORTE_STAFF,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('is stored encrypted: opens only with the key and its own id, and differs per record', async () => {
    const first = await newPqrs();
    const second = await newPqrs();
    const db = graph.databases.feedback!.db;
    const sealedOf = async (id: string) => {
      const rows = (await db.execute(
        sql`select petitioner_sealed from feedback.pqrs where id = ${id}`,
      )) as unknown as { petitioner_sealed: string }[];
      return rows[0]!.petitioner_sealed;
    };
    const [sealedFirst, sealedSecond] = [await sealedOf(first.id), await sealedOf(second.id)];
    for (const stored of [sealedFirst, sealedSecond]) {
      expect(stored).toMatch(/^v1:/);
      expect(stored).not.toContain('Ocoró');
      expect(Buffer.from(stored.slice(3), 'base64').toString('latin1')).not.toContain('31987654');
    }

    const key = readEncryptionKey();
    expect(openSealed(sealedFirst, key, first.id)).toMatchObject({
      fullName: 'María Fernanda Ocoró',
      documentNumber: '31987654',
    });
    expect(() => openSealed(sealedFirst, randomBytes(32), first.id)).toThrow();
    expect(() => openSealed(sealedFirst, key, second.id)).toThrow(); // copied onto another row
    // Same petitioner, same key: a fresh IV per record, so the ciphertexts share nothing.
    expect(ciphertextOf(sealedFirst).equals(ciphertextOf(sealedSecond))).toBe(false);
  });
});

/** `v1:` + base64(iv 12 bytes | tag 16 bytes | ciphertext): AES-256-GCM opened here independently of the service. */
const ciphertextOf = (stored: string) => Buffer.from(stored.slice(3), 'base64').subarray(28);
function openSealed(stored: string, key: Buffer, id: string): unknown {
  const raw = Buffer.from(stored.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(id));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(
    Buffer.concat([decipher.update(ciphertextOf(stored)), decipher.final()]).toString('utf8'),
  );
}
