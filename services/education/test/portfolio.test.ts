import { demoServiceOfferingId } from '@participa/reference';
import { territoryService } from '@participa/territory';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workshopServices } from '../src/db/schema.ts';
import { educationService } from '../src/service.ts';
import { CENTRO_STAFF, NORTE_STAFF, scheduleWorkshop } from './helpers.ts';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph([territoryService, educationService], { demoData: true });
});
afterAll(() => graph?.stop());

const PRESENT = `mutation($workshopId: ID!, $ids: [ID!]!) {
  presentServicesAtWorkshop(workshopId: $workshopId, serviceOfferingIds: $ids) {
    id servicesPresented { id name modality facility { name } }
  }
}`;
const vaccination = demoServiceOfferingId('Centro de Salud Obrero', 'Vacunación');
const telemedicine = demoServiceOfferingId(
  'Centro de Salud Obrero',
  'Consulta de medicina general por telemedicina',
);

async function linkCount(workshopId: string): Promise<number> {
  const [row] = await graph.databases
    .education!.db.select({ n: count() })
    .from(workshopServices)
    .where(eq(workshopServices.workshopId, workshopId));
  return row!.n;
}

describe('workshops that present the service portfolio', () => {
  it('shows the services the demo portfolio talk presents, resolved by the territory subgraph', async () => {
    const { workshops } = await graph.data<{
      workshops: { edges: { node: { title: string; servicesPresented: { name: string }[] } }[] };
    }>(
      '{ workshops(filter: { topic: SERVICE_PORTFOLIO }) { edges { node { title servicesPresented { name } } } } }',
    );
    const talk = workshops.edges.find((e) => e.node.title === 'Conozca el portafolio de servicios de su red');
    expect(talk?.node.servicesPresented.map((s) => s.name).sort()).toEqual([
      'Planificación familiar',
      'Toma de signos vitales y tamizaje',
      'Vacunación extramural',
    ]);
  });

  it('lets the network’s staff set the services a SERVICE_PORTFOLIO workshop presents', async () => {
    const workshopId = await scheduleWorkshop(graph, {
      title: 'Portafolio de servicios del Centro de Salud Obrero',
      topic: 'SERVICE_PORTFOLIO',
    });
    expect(errorCodes(await graph.request(PRESENT, { workshopId, ids: [vaccination] }, NORTE_STAFF))).toEqual(
      ['FORBIDDEN'],
    );
    expect(errorCodes(await graph.request(PRESENT, { workshopId, ids: [vaccination] }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await linkCount(workshopId)).toBe(0);

    const { presentServicesAtWorkshop } = await graph.data<{
      presentServicesAtWorkshop: {
        servicesPresented: { id: string; name: string; facility: { name: string } }[];
      };
    }>(PRESENT, { workshopId, ids: [vaccination, telemedicine, vaccination] }, CENTRO_STAFF);
    expect(presentServicesAtWorkshop.servicesPresented.map((s) => s.name).sort()).toEqual([
      'Consulta de medicina general por telemedicina',
      'Vacunación',
    ]);
    expect(new Set(presentServicesAtWorkshop.servicesPresented.map((s) => s.facility.name))).toEqual(
      new Set(['Centro de Salud Obrero']),
    );

    // The list is replaced, not appended to.
    const replaced = await graph.data<{ presentServicesAtWorkshop: { servicesPresented: { id: string }[] } }>(
      PRESENT,
      { workshopId, ids: [telemedicine] },
      CENTRO_STAFF,
    );
    expect(replaced.presentServicesAtWorkshop.servicesPresented.map((s) => s.id)).toEqual([telemedicine]);
  });

  it('refuses workshops of another topic and malformed ids, writing nothing', async () => {
    const rights = await scheduleWorkshop(graph, { topic: 'HEALTH_RIGHTS' });
    const wrongTopic = await graph.request(PRESENT, { workshopId: rights, ids: [vaccination] }, CENTRO_STAFF);
    expect(errorCodes(wrongTopic)).toEqual(['BAD_USER_INPUT']);
    expect(wrongTopic.errors![0]!.message).toContain('SERVICE_PORTFOLIO');
    expect(await linkCount(rights)).toBe(0);

    const portfolio = await scheduleWorkshop(graph, { topic: 'SERVICE_PORTFOLIO' });
    const badId = await graph.request(PRESENT, { workshopId: portfolio, ids: ['vacunacion'] }, CENTRO_STAFF);
    expect(errorCodes(badId)).toEqual(['BAD_USER_INPUT']);
    expect(badId.errors![0]!.message).toContain('serviceOfferingIds.0');
    const unknownWorkshop = await graph.request(
      PRESENT,
      { workshopId: '0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b', ids: [vaccination] },
      CENTRO_STAFF,
    );
    expect(errorCodes(unknownWorkshop)).toEqual(['BAD_USER_INPUT']);
    expect(await linkCount(portfolio)).toBe(0);
  });

  it('links the demo talk once: a second start adds nothing', async () => {
    const db = graph.databases.education!.db;
    const [before] = await db.select({ n: count() }).from(workshopServices);
    await educationService.seedDemo!(db as never);
    const [after] = await db.select({ n: count() }).from(workshopServices);
    expect(after!.n).toBe(before!.n);
  });
});
