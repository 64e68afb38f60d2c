import { startTestGraph, type TestGraph } from '@participa/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRadicado } from '../src/domain.ts';
import { feedbackService } from '../src/service.ts';
import { petition, submit } from './helpers.ts';

// Intake files each batch in one SQL statement (`fileNewPqrs`), which numbers and writes everything
// a PQRS needs: these tests read back what that statement wrote.
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([feedbackService]);
});
afterAll(() => graph?.stop());

const rows = async <T>(query: ReturnType<typeof sql>) =>
  (await graph.databases.feedback!.db.execute(query)) as unknown as T[];

describe('filing a batch in one statement', () => {
  it('writes radicados as formatRadicado does, numbers past 999999 whole', async () => {
    const first = await submit(graph, petition({ networkCode: 'SURORIENTE' }));
    const [year] = first.radicado.split('-').slice(1).map(Number);
    await graph.databases.feedback!.db.execute(
      sql`UPDATE feedback.radicado_counters SET last = 999998
          WHERE network_id = (SELECT network_id FROM feedback.pqrs WHERE radicado = ${first.radicado})`,
    );
    const receipts = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        submit(graph, petition({ networkCode: 'SURORIENTE', subject: `Solicitud ${i}` })),
      ),
    );
    expect(receipts.map((r) => r.radicado).sort()).toEqual(
      [999999, 1000000, 1000001].map((n) => formatRadicado('SURORIENTE', year!, n)).sort(),
    );
  });

  it("gives each PQRS's audit row and outbox event its radicado, beside what intake recorded", async () => {
    const receipts = await Promise.all(
      ['LADERA', 'ORIENTE', 'LADERA'].map((networkCode, i) =>
        submit(graph, petition({ networkCode, type: i === 1 ? 'QUEJA' : 'PETICION' })),
      ),
    );
    for (const receipt of receipts) {
      const [row] = await rows<{ id: string; type: string }>(
        sql`SELECT id, type FROM feedback.pqrs WHERE radicado = ${receipt.radicado}`,
      );
      const [audit] = await rows<{ details: Record<string, unknown> }>(
        sql`SELECT details FROM feedback.audit_events WHERE entity = 'Pqrs' AND entity_id = ${row!.id}`,
      );
      expect(audit!.details).toEqual({ radicado: receipt.radicado, type: row!.type, channel: 'WEB' });
      const [event] = await rows<{ kind: string; payload: Record<string, unknown> }>(
        sql`SELECT kind, payload FROM feedback.outbox_events WHERE aggregate = ${`pqrs:${row!.id}`}`,
      );
      expect(event).toMatchObject({
        kind: 'pqrs.received',
        payload: {
          radicado: receipt.radicado,
          networkCode: receipt.radicado.split('-')[0],
          type: row!.type,
          dueAt: receipt.dueAt,
        },
      });
      const timeline = await rows<{ kind: string }>(
        sql`SELECT kind FROM feedback.pqrs_events WHERE pqrs_id = ${row!.id}`,
      );
      expect(timeline).toEqual([{ kind: 'RECEIVED' }]);
    }
  });
});
