import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { territoryByCode } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The gateway keeps whole answers to anonymous reads of public reference data for as long as the
 * subgraphs' cache hints allow, and never anything else: not personal data, not a signed-in
 * caller's answer. A write through the gateway to a subgraph whose answers are cached empties it.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService, feedbackService]);
});
afterAll(() => graph?.stop());

const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'centro-cache' };
const NORTE_STAFF: Caller = { role: 'ese_staff', network: 'NORTE', sub: 'norte-cache' };
const NETWORKS = '{ networks { code name territories { code kind } } }';

async function send(query: string, variables: Record<string, unknown> = {}, as?: Caller) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (as) headers.authorization = `Bearer ${await graph.tokenFor(as)}`;
  const response = await fetch(graph.gatewayUrl, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  return { body, cacheControl: response.headers.get('cache-control'), age: response.headers.get('age') };
}

/** The answer's data, once it is known to have no error. */
function dataOf<T>(answer: Awaited<ReturnType<typeof send>>): T {
  expect(answer.body.errors).toBeUndefined();
  return answer.body.data as T;
}

/** SQL statements the territory and education subgraphs ran while `action` did. */
async function statementsDuring(action: () => Promise<unknown>) {
  graph.resetCounters();
  await action();
  return (graph.queryCount.territory ?? 0) + (graph.queryCount.education ?? 0);
}

describe('anonymous reads of public reference data', () => {
  it('are answered from the cache while fresh, with the hint of their shortest-lived part', async () => {
    const first = await send(NETWORKS);
    expect(dataOf<{ networks: unknown[] }>(first).networks).toHaveLength(5);
    expect(first.cacheControl).toBe('max-age=300, public');

    let again: Awaited<ReturnType<typeof send>> | undefined;
    expect(
      await statementsDuring(async () => {
        again = await send(NETWORKS);
      }),
    ).toBe(0);
    expect(again!.body).toEqual(first.body);
    expect(Number(again!.age)).toBeGreaterThanOrEqual(0);

    const workshops = await send('{ workshops(first: 5) { edges { node { title seatsLeft } } } }');
    expect(workshops.body.errors).toBeUndefined();
    expect(workshops.cacheControl).toBe('max-age=15, public');
  });

  it('are read fresh after a write through the gateway to the subgraph that answered them', async () => {
    const schedule = await send(
      `mutation ($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { id } }`,
      {
        input: {
          networkCode: 'CENTRO',
          title: 'Taller de deberes y derechos en salud',
          topic: 'HEALTH_RIGHTS',
          modality: 'IN_PERSON',
          territoryId: territoryByCode('C09')!.id,
          capacity: 10,
          startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          endsAt: new Date(Date.now() + 7 * 86_400_000 + 3 * 3_600_000).toISOString(),
        },
      },
      CENTRO_STAFF,
    );
    const { id } = dataOf<{ scheduleWorkshop: { id: string } }>(schedule).scheduleWorkshop;
    const SEATS = 'query ($id: ID!) { workshop(id: $id) { seatsLeft } }';
    const before = await send(SEATS, { id });
    expect(before.body.data).toEqual({ workshop: { seatsLeft: 10 } });
    expect((await send(SEATS, { id })).age).not.toBeNull();

    const registered = await send(
      'mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { status } }',
      {
        input: {
          workshopId: id,
          dataConsent: true,
          participant: {
            fullName: 'María Fernanda Ocoró',
            documentType: 'CC',
            documentNumber: '31987654',
            email: 'maria.ocoro@example.org',
            birthYear: 1975,
            sex: 'MUJER',
          },
        },
      },
    );
    expect(registered.body.errors).toBeUndefined();
    const after = await send(SEATS, { id });
    expect(after.body.data).toEqual({ workshop: { seatsLeft: 9 } });
    expect(after.age).toBeNull();
  });
});

describe('what is never cached', () => {
  it('a signed-in caller’s answer: always computed, and marked private for HTTP caches', async () => {
    await send(NETWORKS); // the anonymous answer is in the cache
    let staff: Awaited<ReturnType<typeof send>> | undefined;
    expect(
      await statementsDuring(async () => {
        staff = await send(NETWORKS, {}, CENTRO_STAFF);
      }),
    ).toBeGreaterThan(0);
    expect(staff!.age).toBeNull();
    expect(staff!.cacheControl).toBe('max-age=300, private');
  });

  it('personal data: tracking a PQRS is read fresh every time', async () => {
    const filed = await send(
      'mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado trackingCode } }',
      {
        input: {
          networkCode: 'CENTRO',
          type: 'QUEJA',
          channel: 'WEB',
          subject: 'Demora en la asignación de citas',
          description: 'Llevo tres semanas esperando una cita de medicina general en el centro de salud.',
          petitioner: { fullName: 'Jhon Jairo Riascos', email: 'jhon.riascos@example.org' },
        },
      },
    );
    const { radicado, trackingCode } = dataOf<{ submitPqrs: { radicado: string; trackingCode: string } }>(
      filed,
    ).submitPqrs;
    const TRACK = 'query ($r: String!, $c: String!) { trackPqrs(radicado: $r, trackingCode: $c) { status } }';
    const first = await send(TRACK, { r: radicado, c: trackingCode });
    expect(first.body.data).toEqual({ trackPqrs: { status: 'RECEIVED' } });
    expect(first.cacheControl).toBe('no-store');
    const second = await send(TRACK, { r: radicado, c: trackingCode });
    expect(second.age).toBeNull();
    expect(second.cacheControl).toBe('no-store');
  });

  it('one network’s staff never get another’s answer, asking the same query at the same time', async () => {
    for (const networkCode of ['CENTRO', 'NORTE'])
      await send('mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }', {
        input: {
          networkCode,
          type: 'PETICION',
          channel: 'WEB',
          subject: 'Solicitud de historia clínica',
          description: 'Solicito copia de mi historia clínica del último año.',
          petitioner: {
            fullName: `Persona de ${networkCode}`,
            email: `persona@${networkCode.toLowerCase()}.example`,
          },
        },
      });
    const query =
      '{ networks { code } pqrsList(first: 50) { edges { node { radicado petitioner { fullName } } } } }';
    const callers = Array.from({ length: 20 }, (_, i) => (i % 2 ? NORTE_STAFF : CENTRO_STAFF));
    const answers = await Promise.all(callers.map((caller) => send(query, {}, caller)));
    for (const [i, answer] of answers.entries()) {
      const network = callers[i]!.network!;
      const { edges } = dataOf<{
        pqrsList: { edges: { node: { radicado: string; petitioner: { fullName: string } } }[] };
      }>(answer).pqrsList;
      expect(answer.age).toBeNull();
      expect(answer.cacheControl).toBe('no-store');
      const other = network === 'CENTRO' ? 'NORTE' : 'CENTRO';
      const names = edges.map(({ node }) => node.petitioner.fullName);
      expect(names).toContain(`Persona de ${network}`);
      expect(names).not.toContain(`Persona de ${other}`);
      for (const { node } of edges) expect(node.radicado.startsWith(`${network}-`)).toBe(true);
    }
  });
});
