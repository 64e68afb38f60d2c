import { type Caller, errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackService } from '../src/service.ts';
import { CENTRO_STAFF, CITIZEN, NORTE_STAFF, petition, type Receipt, SUBMIT, submit } from './helpers.ts';

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

/** Sequence numbers of a network's radicados, as its staff lists them. */
async function numbersOf(networkCode: string): Promise<number[]> {
  const data = await graph.data<{
    pqrsList: { totalCount: number; edges: { node: { radicado: string } }[] };
  }>(
    `{ pqrsList(first: 100, filter: { networkCode: "${networkCode}" }) { totalCount edges { node { radicado } } } }`,
    {},
    { role: 'ese_staff', network: networkCode },
  );
  expect(data.pqrsList.edges).toHaveLength(data.pqrsList.totalCount);
  return data.pqrsList.edges.map((e) => Number(e.node.radicado.split('-')[2])).sort((a, b) => a - b);
}

const consecutive = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

describe('radicados after failures and retries', () => {
  it('stay consecutive when intakes roll back and when retries race with other submissions', async () => {
    const { db } = graph.databases.feedback!;
    // A failure after the number was taken (as a full disk or a lost connection would cause).
    await db.execute(`CREATE FUNCTION feedback.fail_intake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.subject = 'Falla simulada' THEN RAISE EXCEPTION 'simulated failure'; END IF; RETURN NEW; END $$`);
    await db.execute(
      'CREATE TRIGGER fail_intake BEFORE INSERT ON feedback.pqrs FOR EACH ROW EXECUTE FUNCTION feedback.fail_intake()',
    );
    try {
      const ORIENTE = (overrides: Record<string, unknown> = {}) =>
        petition({ networkCode: 'ORIENTE', ...overrides });
      await submit(graph, ORIENTE());
      const retried = ORIENTE({ idempotencyKey: '5d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b' });
      const results = await Promise.all([
        ...Array.from({ length: 6 }, () => graph.request(SUBMIT, { input: retried })),
        ...Array.from({ length: 5 }, (_, i) =>
          graph.request(SUBMIT, { input: ORIENTE({ subject: `Otra ${i}` }) }),
        ),
        ...Array.from({ length: 5 }, () =>
          graph.request(SUBMIT, { input: ORIENTE({ subject: 'Falla simulada' }) }),
        ),
      ]);
      expect(results.slice(0, 11).flatMap(errorCodes)).toEqual([]);
      const receipts = results.slice(0, 6).map((r) => (r.data as { submitPqrs: Receipt }).submitPqrs);
      expect(new Set(receipts.map((r) => r.radicado)).size).toBe(1);
      expect(results.slice(11)).toHaveLength(5);
      expect(results.slice(11).every((r) => r.errors?.length === 1 && !r.data?.submitPqrs)).toBe(true);
      await submit(graph, ORIENTE());
      // 1 before + 1 retried + 5 others + 1 after; the 5 failures and 5 lost retries left no gap.
      expect(await numbersOf('ORIENTE')).toEqual(consecutive(8));
    } finally {
      await db.execute('DROP TRIGGER fail_intake ON feedback.pqrs');
      await db.execute('DROP FUNCTION feedback.fail_intake()');
    }
  });

  it("a transfer numbers the new PQRS in the receiving network's sequence, not the sender's", async () => {
    const SUR: Caller = { role: 'ese_staff', network: 'SURORIENTE' };
    const toSur = () => submit(graph, petition({ networkCode: 'SURORIENTE' }));
    const toNorte = () => submit(graph, petition({ networkCode: 'NORTE' }));
    const number = (r: { radicado: string }) => Number(r.radicado.split('-')[2]);

    const norteBefore = number(await toNorte());
    const moved = await toSur();
    const surBefore = number(moved);
    const list = await graph.data<{ pqrsList: { edges: { node: { id: string; radicado: string } }[] } }>(
      '{ pqrsList(first: 100) { edges { node { id radicado } } } }',
      {},
      SUR,
    );
    const id = list.pqrsList.edges.find((e) => e.node.radicado === moved.radicado)!.node.id;
    await graph.data(
      'mutation ($v: TransferPqrsInput!) { transferPqrs(input: $v) { status } }',
      { v: { pqrsId: id, toNetworkCode: 'NORTE', reason: 'La sede es de la Red Norte' } },
      SUR,
    );
    const tracked = await graph.data<{ trackPqrs: { transferredToRadicado: string } }>(
      'query ($r: String!, $c: String!) { trackPqrs(radicado: $r, trackingCode: $c) { transferredToRadicado } }',
      { r: moved.radicado, c: moved.trackingCode },
    );
    const year = moved.radicado.split('-')[1];
    expect(tracked.trackPqrs.transferredToRadicado).toBe(
      `NORTE-${year}-${String(norteBefore + 1).padStart(6, '0')}`,
    );
    expect(number(await toNorte())).toBe(norteBefore + 2);
    expect(number(await toSur())).toBe(surBefore + 1);
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
    expect(error.message).toMatch(/^(Campo "|Solo el personal de la red|Debe iniciar sesión)/);
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

describe('intake filed together', () => {
  it('submissions to several networks at once, filed together, each get the next numbers of their own network', async () => {
    const networks = ['CENTRO', 'NORTE', 'ORIENTE'];
    const before = Object.fromEntries(
      await Promise.all(networks.map(async (n) => [n, (await numbersOf(n)).length])),
    );
    // One of them reuses an idempotency key with other content: it fails alone, the rest are filed.
    const key = crypto.randomUUID();
    await submit(graph, petition({ networkCode: 'CENTRO', idempotencyKey: key }));
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        graph.request<{ submitPqrs: Receipt }>(SUBMIT, {
          input: petition({
            networkCode: networks[i % 3],
            subject: `Solicitud ${i}`,
            ...(i === 30 ? { idempotencyKey: key } : {}),
          }),
        }),
      ),
    );
    expect(errorCodes(results[30]!)).toEqual(['CONFLICT']);
    const filed = results.filter((_, i) => i !== 30).map((r) => r.data!.submitPqrs.radicado);
    expect(filed).toHaveLength(59);
    for (const network of networks) {
      const numbers = filed.filter((r) => r.startsWith(`${network}-`)).map((r) => Number(r.split('-')[2]));
      expect(await numbersOf(network)).toEqual(
        consecutive(before[network]! + numbers.length + (network === 'CENTRO' ? 1 : 0)),
      );
    }
  });
});
