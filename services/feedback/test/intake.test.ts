import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackService } from '../src/service.ts';
import { CENTRO_STAFF, CITIZEN, NORTE_STAFF, petition, SUBMIT, submit } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([feedbackService]);
});
afterAll(() => graph?.stop());

async function pqrsRows(): Promise<number> {
  const data = await graph.data<{ pqrsList: { totalCount: number } }>(
    '{ pqrsList { totalCount } }',
    {},
    {
      role: 'secretariat',
    },
  );
  return data.pqrsList.totalCount;
}

describe('radicados', () => {
  it('100 concurrent submissions to one network get 100 distinct consecutive radicados', async () => {
    const receipts = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        submit(graph, petition({ networkCode: 'LADERA', subject: `Solicitud ${i}` })),
      ),
    );
    const year = receipts[0]!.radicado.split('-')[1];
    const numbers = receipts.map((r) => Number(r.radicado.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(
      receipts.every((r) => /^LADERA-\d{4}-\d{6}$/.test(r.radicado) && r.radicado.includes(`-${year}-`)),
    ).toBe(true);
    expect(new Set(receipts.map((r) => r.trackingCode)).size).toBe(100);
  });
});

describe('idempotency', () => {
  it('the same key returns the same receipt and creates one PQRS, also for concurrent retries', async () => {
    const before = await pqrsRows();
    const input = petition({ idempotencyKey: 'b5f3c1e2-7a4d-4e0f-9c11-2d3e4f5a6b7c' });
    const receipts = await Promise.all(Array.from({ length: 8 }, () => submit(graph, input)));
    const again = await submit(graph, input);
    for (const receipt of [...receipts, again]) expect(receipt).toEqual(receipts[0]);
    expect(await pqrsRows()).toBe(before + 1);
  });

  it('the same key with other content is a CONFLICT and writes nothing', async () => {
    const key = '0c9a8b7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d';
    await submit(graph, petition({ idempotencyKey: key }));
    const before = await pqrsRows();
    const result = await graph.request(SUBMIT, {
      input: petition({ idempotencyKey: key, subject: 'Otra cosa' }),
    });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(await pqrsRows()).toBe(before);
  });
});

describe('deadlines through the gateway', () => {
  it.each([
    // Christmas, New Year and the Epiphany Monday (12 January 2026) inside the term.
    ['PETICION', null, '2025-12-19T10:00:00-05:00', '2026-01-15T04:59:59.999Z'],
    // Holy Week 2025: Holy Thursday and Good Friday are not business days.
    ['SOLICITUD_INFORMACION', null, '2025-04-14T09:00:00-05:00', '2025-05-01T04:59:59.999Z'],
    ['CONSULTA', null, '2025-03-03T08:00:00-05:00', '2025-04-16T04:59:59.999Z'],
    ['RECLAMO', 'VITAL', '2025-12-24T22:00:00-05:00', '2025-12-26T03:00:00.000Z'],
    ['RECLAMO', 'PRIORIZADO', '2025-12-24T22:00:00-05:00', '2025-12-27T03:00:00.000Z'],
    ['RECLAMO', 'SIMPLE', '2025-12-24T22:00:00-05:00', '2025-12-28T03:00:00.000Z'],
    ['FELICITACION', null, '2025-12-24T22:00:00-05:00', null],
  ])('%s %s received %s is due %s', async (type, riskLevel, receivedAt, dueAt) => {
    const receipt = await submit(graph, petition({ type, riskLevel, receivedAt }), CENTRO_STAFF);
    expect(receipt.dueAt).toBe(dueAt);
    expect(new Date(receipt.receivedAt).toISOString()).toBe(new Date(receivedAt).toISOString());
  });
});

describe('refused input writes nothing', () => {
  it.each([
    ['empty description', petition({ description: '   ' }), undefined, 'BAD_USER_INPUT', 'description'],
    ['risk level on a non-claim', petition({ riskLevel: 'VITAL' }), undefined, 'BAD_USER_INPUT', 'riskLevel'],
    [
      'receivedAt in the future',
      petition({ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }),
      CENTRO_STAFF,
      'BAD_USER_INPUT',
      'receivedAt',
    ],
    ['unknown network', petition({ networkCode: 'PACIFICO' }), undefined, 'BAD_USER_INPUT', 'networkCode'],
    [
      'no petitioner and not anonymous',
      petition({ petitioner: null }),
      undefined,
      'BAD_USER_INPUT',
      'petitioner',
    ],
    [
      'receivedAt from a citizen',
      petition({ receivedAt: '2025-01-02T10:00:00-05:00' }),
      CITIZEN,
      'FORBIDDEN',
      null,
    ],
    [
      'receivedAt from anonymous',
      petition({ receivedAt: '2025-01-02T10:00:00-05:00' }),
      undefined,
      'UNAUTHENTICATED',
      null,
    ],
    [
      'receivedAt from another network',
      petition({ receivedAt: '2025-01-02T10:00:00-05:00' }),
      NORTE_STAFF,
      'FORBIDDEN',
      null,
    ],
  ])('%s', async (_, input, as, code, field) => {
    const before = await pqrsRows();
    const result = await graph.request(SUBMIT, { input }, as);
    expect(errorCodes(result)).toEqual([code]);
    const error = result.errors![0]!;
    if (field) expect(error.message).toContain(`"${field}"`);
    expect(error.message).toMatch(/^(Campo "|Solo el personal de la red)/);
    expect(await pqrsRows()).toBe(before);
  });

  it('an unknown type is refused as BAD_USER_INPUT before reaching the subgraph', async () => {
    const before = await pqrsRows();
    const result = await graph.request(SUBMIT, { input: petition({ type: 'RECLAMACION' }) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(await pqrsRows()).toBe(before);
  });

  it('anonymous PQRS need no petitioner', async () => {
    const receipt = await submit(graph, petition({ anonymous: true, petitioner: null, type: 'DENUNCIA' }));
    expect(receipt.radicado).toMatch(/^CENTRO-/);
  });
});
