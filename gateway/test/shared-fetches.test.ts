import { feedbackService } from '@participa/feedback';
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The gateway sends identical subgraph queries in flight once (keyed on the signed identity).
 * Whatever the timing, no caller may see another caller's data: staff of two networks ask the
 * very same query at the very same time, many times over.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, feedbackService]);
  for (const networkCode of ['CENTRO', 'NORTE'])
    for (let n = 0; n < 3; n++)
      await graph.data('mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }', {
        input: {
          networkCode,
          type: 'PETICION',
          channel: 'WEB',
          subject: `Solicitud ${n}`,
          description: 'Solicito información sobre la entrega de medicamentos.',
          petitioner: {
            fullName: `Persona ${networkCode} ${n}`,
            email: `p${n}@${networkCode.toLowerCase()}.example`,
          },
        },
      });
});
afterAll(() => graph?.stop());

const INBOX = '{ pqrsList(first: 50) { totalCount edges { node { radicado petitioner { fullName } } } } }';
interface Inbox {
  pqrsList: {
    totalCount: number;
    edges: { node: { radicado: string; petitioner: { fullName: string } | null } }[];
  };
}

describe('identical queries of different callers at the same time', () => {
  it('give each network’s staff their own PQRS and petitioners, never the other’s', async () => {
    const callers = Array.from({ length: 40 }, (_, i) =>
      i % 2
        ? { role: 'ese_staff' as const, network: 'NORTE', sub: `norte-${i}` }
        : { role: 'ese_staff' as const, network: 'CENTRO', sub: `centro-${i}` },
    );
    const answers = await Promise.all(callers.map((caller) => graph.data<Inbox>(INBOX, {}, caller)));
    answers.forEach((answer, i) => {
      const network = callers[i]!.network;
      expect(answer.pqrsList.totalCount).toBe(3);
      for (const { node } of answer.pqrsList.edges) {
        expect(node.radicado.startsWith(`${network}-`)).toBe(true);
        expect(node.petitioner?.fullName).toMatch(new RegExp(`^Persona ${network} `));
      }
    });
  });

  it('give the same staff member and an anonymous citizen what each may see', async () => {
    const staff = { role: 'ese_staff' as const, network: 'CENTRO', sub: 'centro-a' };
    const query = '{ networks { code } pqrsList(first: 1) { totalCount } }';
    const [asStaff, asCitizen] = await Promise.all([
      graph.request(query, {}, staff),
      graph.request(query, {}),
    ]);
    expect(asStaff.errors).toBeUndefined();
    expect(asCitizen.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
