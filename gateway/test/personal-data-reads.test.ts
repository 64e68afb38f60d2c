import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { territoryService } from '@participa/territory';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Reads of personal data are logged (Ley 1581 accountability): who read which petitioner or
 * participant record and when, in the audit store, never the data itself; the network's admins
 * review them in the audit trail, staff do not see them there.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService, feedbackService], { demoData: true });
  for (const n of [1, 2])
    await graph.data('mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }', {
      input: {
        networkCode: 'CENTRO',
        type: 'QUEJA',
        channel: 'WEB',
        subject: `Trato en la ventanilla ${n}`,
        description: 'Me atendieron de mala manera en la ventanilla de citas.',
        petitioner: { fullName: `Jhon Jairo Angulo ${n}`, documentType: 'CC', documentNumber: `1613000${n}` },
      },
    });
});
afterAll(() => graph?.stop());

const STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'lectora-centro' };
const ADMIN: Caller = { role: 'ese_admin', network: 'CENTRO', sub: 'admin-centro' };
const NORTE: Caller = { role: 'ese_staff', network: 'NORTE', sub: 'lector-norte' };

const reads = async () =>
  (await graph.databases.feedback!.db.execute(
    `SELECT actor, entity, entity_id, details FROM feedback.audit_events WHERE action = 'personal_data.read' ORDER BY id`,
  )) as unknown as { actor: string; entity: string; entity_id: string; details: unknown }[];

const LIST = (fields: string) =>
  `{ pqrsList(filter: { networkCode: "CENTRO" }, first: 100) { edges { node { id ${fields} } } } }`;

describe('reads of personal data', () => {
  it('are logged once per record and request when a petitioner is shown, never otherwise', async () => {
    const before = (await reads()).length;
    const { pqrsList } = await graph.data<{
      pqrsList: { edges: { node: { id: string; petitioner: unknown } }[] };
    }>(LIST('petitioner { fullName }'), {}, STAFF);
    const shown = pqrsList.edges.filter((e) => e.node.petitioner).map((e) => e.node.id);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    const logged = (await reads()).slice(before);
    expect(logged.map((r) => r.entity_id).sort()).toEqual([...shown].sort());
    expect(
      logged.every((r) => r.actor === 'lectora-centro' && r.entity === 'Pqrs' && r.details === null),
    ).toBe(true);

    const after = (await reads()).length;
    await graph.data(LIST('radicado'), {}, STAFF);
    await graph.request(LIST('petitioner { fullName }'), {}, NORTE);
    await graph.request(LIST('petitioner { fullName }'), {});
    expect((await reads()).length).toBe(after);
  });

  it('are shown to the network’s admins in the audit trail, not to its staff, and hold no personal data', async () => {
    const [first] = (await reads()).filter((r) => r.entity === 'Pqrs');
    const trail = `query ($id: ID!) { pqrs(id: $id) { auditTrail { action actor details } } }`;
    const asAdmin = await graph.data<{
      pqrs: { auditTrail: { action: string; actor: string; details: string | null }[] };
    }>(trail, { id: first!.entity_id }, ADMIN);
    const seen = asAdmin.pqrs.auditTrail.filter((e) => e.action === 'personal_data.read');
    expect(seen).toContainEqual({ action: 'personal_data.read', actor: 'lectora-centro', details: null });
    expect(JSON.stringify(asAdmin)).not.toMatch(/Jhon|1613000/);
    const asStaff = await graph.data<{ pqrs: { auditTrail: { action: string }[] } }>(
      trail,
      { id: first!.entity_id },
      STAFF,
    );
    expect(asStaff.pqrs.auditTrail.map((e) => e.action)).toContain('pqrs.submitted');
    expect(asStaff.pqrs.auditTrail.map((e) => e.action)).not.toContain('personal_data.read');
  });

  it('of participants are logged on their workshop, one row per registration shown', async () => {
    const query = `{ workshops(filter: { networkCode: "CENTRO" }, first: 20) { edges { node { id registrations(first: 100) { edges { node { id participant { fullName } } } } } } } }`;
    const { workshops } = await graph.data<{
      workshops: {
        edges: {
          node: { id: string; registrations: { edges: { node: { id: string; participant: unknown } }[] } };
        }[];
      };
    }>(query, {}, STAFF);
    const shown = workshops.edges.flatMap((w) =>
      w.node.registrations.edges.filter((r) => r.node.participant).map((r) => `${w.node.id}/${r.node.id}`),
    );
    expect(shown.length).toBeGreaterThan(0);
    const logged = (await graph.databases.education!.db.execute(
      `SELECT entity_id, details->>'record' AS record FROM education.audit_events WHERE action = 'personal_data.read' AND entity = 'Workshop'`,
    )) as unknown as { entity_id: string; record: string }[];
    expect(logged.map((r) => `${r.entity_id}/${r.record}`).sort()).toEqual([...shown].sort());
  });
});
