import { educationService } from '@participa/education';
import { feedbackService } from '@participa/feedback';
import { notificationsService } from '@participa/notifications';
import { territoryService } from '@participa/territory';
import { startTestGraph, type TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The retention periods of docs/security.md, enforced by each service's `purgeExpired` (run at
 * start and daily by the service process): records past their period lose their personal data,
 * records within it keep everything, and a second run finds nothing more to do.
 */
const SERVICES = [territoryService, educationService, feedbackService, notificationsService];
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph(SERVICES, { demoData: true });
});
afterAll(() => graph?.stop());

const sql = async <T = Record<string, unknown>>(service: string, text: string) =>
  (await graph.databases[service]!.db.execute(text)) as unknown as T[];
const purge = (now = new Date()) =>
  Promise.all(
    SERVICES.map(
      async (service) =>
        [service.name, await service.purgeExpired!(graph.databases[service.name]!.db as never, now)] as const,
    ),
  ).then(Object.fromEntries) as Promise<Record<string, Record<string, number>>>;

const STAFF = { role: 'ese_staff', network: 'CENTRO' } as const;

async function fileClosedPqrs(closedYearsAgo: number) {
  const { submitPqrs } = await graph.data<{ submitPqrs: { radicado: string } }>(
    'mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }',
    {
      input: {
        networkCode: 'CENTRO',
        type: 'PETICION',
        channel: 'WEB',
        subject: 'Copia de historia clínica',
        description: 'Solicito copia de mi historia clínica.',
        petitioner: { fullName: 'María Fernanda Ocoró', documentType: 'CC', documentNumber: '31987654' },
      },
    },
  );
  await sql(
    'feedback',
    `UPDATE feedback.pqrs SET status = 'CLOSED', closed_at = now() - interval '${closedYearsAgo} years' WHERE radicado = '${submitPqrs.radicado}'`,
  );
  return submitPqrs.radicado;
}

const petitionerOf = async (radicado: string) => {
  const { pqrsList } = await graph.data<{
    pqrsList: { edges: { node: { radicado: string; petitioner: { fullName: string } | null } }[] };
  }>('{ pqrsList(first: 100) { edges { node { radicado petitioner { fullName } } } } }', {}, STAFF);
  return pqrsList.edges.find((e) => e.node.radicado === radicado)!.node.petitioner;
};

describe('retention of personal data', () => {
  it('removes what is past its period, keeps what is within it, and finds nothing the second time', async () => {
    const expiredPqrs = await fileClosedPqrs(6);
    const keptPqrs = await fileClosedPqrs(4);

    // A held demo workshop moved three years back; its participants are past the two years.
    const [workshop] = await sql<{ id: string; registered: number }>(
      'education',
      `SELECT w.id, count(r.id)::int AS registered FROM education.workshops w JOIN education.registrations r ON r.workshop_id = w.id
       WHERE r.erased_at IS NULL GROUP BY w.id ORDER BY w.id LIMIT 1`,
    );
    await sql(
      'education',
      `UPDATE education.workshops SET starts_at = starts_at - interval '3 years', ends_at = ends_at - interval '3 years' WHERE id = '${workshop!.id}'`,
    );
    const [{ others }] = (await sql<{ others: number }>(
      'education',
      `SELECT count(*)::int AS others FROM education.registrations WHERE workshop_id <> '${workshop!.id}' AND full_name IS NOT NULL`,
    )) as [{ others: number }];

    // A representation that ended three years ago and one still running, both with contacts.
    const reps = await sql<{ id: string }>(
      'territory',
      'SELECT id FROM territory.representations ORDER BY id LIMIT 2',
    );
    await sql(
      'territory',
      `UPDATE territory.representations SET contact_email = 'representante@example.org',
         start_date = current_date - interval '6 years', end_date = current_date - interval '3 years' WHERE id = '${reps[0]!.id}'`,
    );
    await sql(
      'territory',
      `UPDATE territory.representations SET contact_email = 'vigente@example.org', end_date = NULL WHERE id = '${reps[1]!.id}'`,
    );
    await sql(
      'territory',
      `INSERT INTO territory.audit_events (actor, action, entity, entity_id, at) VALUES
         ('u', 'organization.updated', 'Organization', 'x', now() - interval '6 years'),
         ('u', 'organization.updated', 'Organization', 'y', now() - interval '4 years')`,
    );
    await sql(
      'notifications',
      `INSERT INTO notifications.notifications (event_id, inbox, kind, title, body, created_at) VALUES
         (gen_random_uuid(), 'role:CENTRO:ese_staff', 'pqrs.received', 'Vieja', 'x', now() - interval '40 days'),
         (gen_random_uuid(), 'role:CENTRO:ese_staff', 'pqrs.received', 'Reciente', 'x', now() - interval '10 days')`,
    );

    const removed = await purge();
    expect(removed.feedback).toMatchObject({ petitioners: 1 });
    expect(removed.education).toMatchObject({ participants: workshop!.registered });
    expect(removed.territory).toEqual({ representativeContacts: 1, auditEvents: 1 });
    expect(removed.notifications).toMatchObject({ notifications: 1 });

    expect(await petitionerOf(expiredPqrs)).toBeNull();
    expect(await petitionerOf(keptPqrs)).toEqual({ fullName: 'María Fernanda Ocoró' });
    const [after] = await sql<{ named: number; erased: number; others: number }>(
      'education',
      `SELECT count(*) FILTER (WHERE workshop_id = '${workshop!.id}' AND full_name IS NOT NULL)::int AS named,
              count(*) FILTER (WHERE workshop_id = '${workshop!.id}' AND erased_at IS NOT NULL)::int AS erased,
              count(*) FILTER (WHERE workshop_id <> '${workshop!.id}' AND full_name IS NOT NULL)::int AS others
       FROM education.registrations`,
    );
    expect(after).toEqual({ named: 0, erased: workshop!.registered, others });
    const contacts = await sql<{ id: string; contact_email: string | null }>(
      'territory',
      `SELECT id, contact_email FROM territory.representations WHERE id IN ('${reps[0]!.id}', '${reps[1]!.id}') ORDER BY id`,
    );
    expect(contacts).toEqual([
      { id: reps[0]!.id, contact_email: null },
      { id: reps[1]!.id, contact_email: 'vigente@example.org' },
    ]);
    const titles = await sql<{ title: string }>(
      'notifications',
      'SELECT title FROM notifications.notifications',
    );
    expect(titles.map((t) => t.title)).toEqual(['Reciente']);

    const again = await purge();
    for (const counts of Object.values(again))
      for (const count of Object.values(counts)) expect(count).toBe(0);
  });
});
