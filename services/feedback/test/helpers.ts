import type { Caller, TestGraph } from '@participa/testing';

export const CENTRO_STAFF: Caller = {
  role: 'ese_staff',
  network: 'CENTRO',
  sub: 'staff-centro',
  name: 'Gestora SIAU Centro',
};
export const NORTE_STAFF: Caller = { role: 'ese_staff', network: 'NORTE', sub: 'staff-norte' };
export const SECRETARIAT: Caller = { role: 'secretariat' };
export const CITIZEN: Caller = { role: 'citizen', sub: 'citizen-1' };

export const SUBMIT = `mutation ($input: SubmitPqrsInput!) {
  submitPqrs(input: $input) { radicado trackingCode receivedAt dueAt }
}`;

export const PQRS_FIELDS = `id radicado status dueAt originalDueAt answeredAt answeredOnTime response
  transferredToEntity transferredTo { id radicado status receivedAt dueAt network { id } }
  petitioner { fullName documentNumber email } timeline { kind actor note }`;

export interface Receipt {
  radicado: string;
  trackingCode: string;
  receivedAt: string;
  dueAt: string | null;
}

export const petition = (overrides: Record<string, unknown> = {}) => ({
  networkCode: 'CENTRO',
  type: 'PETICION',
  subject: 'Copia de historia clínica',
  description: 'Solicito copia de mi historia clínica.',
  channel: 'WEB',
  petitioner: {
    fullName: 'María Fernanda Ocoró',
    documentType: 'CC',
    documentNumber: '31987654',
    email: 'maria.ocoro@example.com',
    preferredChannel: 'EMAIL',
  },
  ...overrides,
});

export async function submit(graph: TestGraph, input: Record<string, unknown>, as?: Caller) {
  return (await graph.data<{ submitPqrs: Receipt }>(SUBMIT, { input }, as)).submitPqrs;
}

/** The id of a PQRS by radicado, as the network's staff finds it. */
export async function idOf(graph: TestGraph, radicado: string, as: Caller = CENTRO_STAFF): Promise<string> {
  const data = await graph.data<{ pqrsList: { edges: { node: { id: string; radicado: string } }[] } }>(
    '{ pqrsList(first: 100) { edges { node { id radicado } } } }',
    {},
    as,
  );
  const found = data.pqrsList.edges.find((e) => e.node.radicado === radicado);
  if (!found) throw new Error(`no PQRS ${radicado}`);
  return found.node.id;
}
