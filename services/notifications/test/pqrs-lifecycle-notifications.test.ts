import { feedbackService } from '@participa/feedback';
import type { Caller, TestGraph } from '@participa/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEvents } from '../../feedback/src/db/schema.ts';
import { idOf, petition, submit } from '../../feedback/test/helpers.ts';
import { notificationsService } from '../src/service.ts';
import { eventually, type NotifiedGraph, startNotifiedGraph } from './harness.ts';
import { inboxKind, inboxOf, mailText } from './inbox.ts';

const CENTRO_STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'siau-centro' };
const NORTE_STAFF: Caller = { role: 'ese_staff', network: 'NORTE', sub: 'siau-norte' };
const ORIENTE_STAFF: Caller = { role: 'ese_staff', network: 'ORIENTE', sub: 'siau-oriente' };
/** The handler a PQRS is assigned to: their own inbox is `user:gestora-centro`. */
const ASSIGNEE: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'gestora-centro' };
/** A citizen who files signed in: their inbox hears of their PQRS too. */
const CITIZEN: Caller = { role: 'citizen', sub: 'ciudadana-ocoro' };

let graph: TestGraph;
let smtp: NotifiedGraph['smtp'];
let running: NotifiedGraph | undefined;

beforeAll(async () => {
  running = await startNotifiedGraph([feedbackService, notificationsService], outboxEvents);
  ({ graph, smtp } = running);
});

afterAll(async () => {
  await running?.stop();
});

const mutate = (field: string, input: Record<string, unknown>, as: Caller = CENTRO_STAFF) =>
  graph.data(
    `mutation ($input: ${field[0]!.toUpperCase()}${field.slice(1)}Input!) { ${field}(input: $input) { id } }`,
    { input },
    as,
  );

/** The e-mails to `address` whose decoded text contains `text`. */
const mailsTo = (address: string, text: string) =>
  smtp.received
    .filter((m) => m.to.includes(address))
    .map((m) => mailText(m.raw))
    .filter((t) => t.includes(text));

describe('PQRS lifecycle', () => {
  it('tells the assignee in their own inbox, and the petitioner of the extension and the answer without its text', async () => {
    const email = 'maria.ocoro@example.com';
    const receipt = await submit(
      graph,
      petition({ petitioner: { ...petition().petitioner, email } }),
      CITIZEN,
    );
    const id = await idOf(graph, receipt.radicado, CENTRO_STAFF);

    await mutate('assignPqrs', { pqrsId: id, assignee: 'gestora-centro', note: 'Revisar con archivo' });
    const [assigned] = await eventually(async () => {
      const found = await inboxKind(graph, ASSIGNEE, 'pqrs.assigned');
      return found.length > 0 && found;
    });
    expect(assigned!.title).toBe(`PQRS ${receipt.radicado} asignada`);
    expect(assigned!.body).toContain(
      `Se le asignó la petición con radicado ${receipt.radicado} de la red CENTRO.`,
    );
    expect(assigned!.body).not.toContain('Ocoró');
    expect(assigned!.body).not.toContain('31987654');

    const newDueAt = new Date(new Date(receipt.dueAt!).getTime() + 7 * 86_400_000).toISOString();
    await mutate('extendPqrsDeadline', { pqrsId: id, reason: 'Consulta al archivo central', newDueAt });
    const [extension] = await eventually(async () => {
      const found = mailsTo(email, `Prórroga de su PQRS`);
      return found.length > 0 && found;
    });
    expect(extension).toContain(
      `El plazo para responder su petición con radicado ${receipt.radicado} se amplió.`,
    );
    expect(extension).toMatch(/Recibirá respuesta a más tardar el \d+ de \w+ de \d{4}\./);
    expect(extension).not.toContain('31987654');

    const answer = 'Señora María Fernanda Ocoró, CC 31987654: adjuntamos su historia clínica.';
    await mutate('respondToPqrs', { pqrsId: id, response: answer });
    const [answered] = await eventually(async () => {
      const found = mailsTo(email, 'tiene respuesta');
      return found.length > 0 && found;
    });
    expect(answered).toContain(`Su petición con radicado ${receipt.radicado} ya tiene respuesta.`);
    expect(answered).toContain(
      `Para leerla, consulte su PQRS con el radicado ${receipt.radicado} y el código de seguimiento`,
    );
    expect(answered).not.toContain('historia clínica.');
    expect(answered).not.toContain('31987654');
    expect(answered).not.toContain(receipt.trackingCode);
    // What the message says works: radicado + tracking code show the answer.
    const tracked = await graph.data<{ trackPqrs: { response: string } }>(
      'query ($r: String!, $c: String!) { trackPqrs(radicado: $r, trackingCode: $c) { response } }',
      { r: receipt.radicado, c: receipt.trackingCode },
    );
    expect(tracked.trackPqrs.response).toBe(answer);

    // The petitioner filed signed in: their own inbox has both, and the staff of NORTE nothing.
    const mine = await eventually(async () => {
      const kinds = (await inboxOf(graph, CITIZEN)).map((n) => n.kind);
      return kinds.includes('pqrs.answered') && kinds.includes('pqrs.extended') && kinds;
    });
    expect(mine).not.toContain('pqrs.assigned');
    const norte = await inboxOf(graph, NORTE_STAFF);
    expect(norte.filter((n) => n.body.includes(receipt.radicado))).toEqual([]);
  });

  it("transfers to NORTE: the petitioner learns the new radicado, NORTE's staff get it, ORIENTE's do not", async () => {
    const email = 'jhon.rivas@example.com';
    const receipt = await submit(
      graph,
      petition({
        subject: 'Cita en el Hospital Joaquín Paz Borrero',
        petitioner: {
          fullName: 'Jhon Jairo Rivas',
          documentType: 'CC',
          documentNumber: '94456789',
          email,
          preferredChannel: 'EMAIL',
        },
      }),
    );
    const id = await idOf(graph, receipt.radicado, CENTRO_STAFF);
    await mutate('transferPqrs', {
      pqrsId: id,
      toNetworkCode: 'NORTE',
      reason: 'El servicio lo presta la red Norte',
    });

    const [forNorte] = await eventually(async () => {
      const found = await inboxKind(graph, NORTE_STAFF, 'pqrs.transferred');
      return found.length > 0 && found;
    });
    const newRadicado = /PQRS trasladada: (NORTE-\d{4}-\d+)/.exec(forNorte!.title)?.[1];
    expect(newRadicado).toBeDefined();
    expect(forNorte!.body).toContain(
      `La red CENTRO trasladó a la red NORTE una petición, que quedó radicada con el número ${newRadicado}.`,
    );
    expect(forNorte!.body).not.toContain('Rivas');
    expect(forNorte!.body).not.toContain('94456789');

    const [mail] = await eventually(async () => {
      const found = mailsTo(email, 'fue trasladada');
      return found.length > 0 && found;
    });
    expect(mail).toContain(
      `fue trasladada a la red NORTE, que es la competente para atenderla. Allí quedó con el radicado ${newRadicado}.`,
    );
    expect(mail).not.toContain('94456789');
    // The same tracking code follows the new radicado, as the message says.
    const tracked = await graph.data<{ trackPqrs: { radicado: string } | null }>(
      'query ($r: String!, $c: String!) { trackPqrs(radicado: $r, trackingCode: $c) { radicado } }',
      { r: newRadicado, c: receipt.trackingCode },
    );
    expect(tracked.trackPqrs?.radicado).toBe(newRadicado);

    expect(await inboxKind(graph, ORIENTE_STAFF, 'pqrs.transferred')).toEqual([]);
    // CENTRO sent it away; only the receiving network's staff are told.
    expect(await inboxKind(graph, CENTRO_STAFF, 'pqrs.transferred')).toEqual([]);
  });
});
