import { demoFacilityId } from '@participa/reference';
import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, serviceOfferings } from '../src/db/schema.ts';
import { DEMO_SERVICE_OFFERINGS } from '../src/seed/portfolio.ts';
import { territoryService } from '../src/service.ts';

let graph: TestGraph;
let territoryIds: Record<string, string>;
beforeAll(async () => {
  graph = await startTestGraph([territoryService], { demoData: true });
  const { territories } = await graph.data<{ territories: { id: string; code: string }[] }>(
    '{ territories { id code } }',
  );
  territoryIds = Object.fromEntries(territories.map((t) => [t.code, t.id]));
});
afterAll(() => graph?.stop());

const centroStaff = { role: 'ese_staff', network: 'CENTRO', sub: 'staff-centro' } as const;
const norteStaff = { role: 'ese_staff', network: 'NORTE' } as const;
const citizen = { role: 'citizen', sub: 'ciudadana-1' } as const;
const OBRERO = demoFacilityId('Centro de Salud Obrero');

const SEARCH = `query($filter: ServiceOfferingFilter, $first: Int, $after: String) {
  serviceOfferings(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id name modality schedule howToRequest populationServed facility { name } network { code } territory { code } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CREATE = `mutation($input: CreateServiceOfferingInput!) {
  createServiceOffering(input: $input) { id name modality description facility { name } network { code } withdrawn }
}`;
const UPDATE = `mutation($input: UpdateServiceOfferingInput!) {
  updateServiceOffering(input: $input) { id name modality description schedule }
}`;
const WITHDRAW = 'mutation($id: ID!) { withdrawServiceOffering(id: $id) { id withdrawn } }';

interface Node {
  id: string;
  name: string;
  modality: string;
  facility: { name: string };
  network: { code: string };
  territory: { code: string } | null;
}
type SearchResult = {
  serviceOfferings: {
    totalCount: number;
    edges: { cursor: string; node: Node }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

const search = (filter: Record<string, unknown>, first?: number, after?: string) =>
  graph.data<SearchResult>(SEARCH, { filter, first, after });

async function offeringCount(): Promise<number> {
  const [row] = await graph.databases.territory!.db.select({ n: count() }).from(serviceOfferings);
  return row!.n;
}

const newService = (overrides: Record<string, unknown> = {}) => ({
  facilityId: OBRERO,
  name: 'Tamizaje de cáncer de cuello uterino',
  modality: 'INTRAMURAL',
  schedule: 'Miércoles de 7:00 a. m. a 11:00 a. m.',
  howToRequest: 'Línea de citas.',
  populationServed: 'Mujeres de 25 a 65 años.',
  ...overrides,
});

describe('the public service portfolio', () => {
  it('finds "Vacunación" in comuna 9 when a citizen types "vacunacion" or "VACUNACIÓN", without an account', async () => {
    for (const typed of ['vacunacion', 'VACUNACIÓN', '  Vacunación ']) {
      const { serviceOfferings } = await search({ search: typed, territoryId: territoryIds.C09 });
      expect(serviceOfferings.totalCount).toBe(1);
      expect(serviceOfferings.edges[0]!.node).toMatchObject({
        name: 'Vacunación',
        modality: 'INTRAMURAL',
        facility: { name: 'Centro de Salud Obrero' },
        network: { code: 'CENTRO' },
        territory: { code: 'C09' },
      });
    }
  });

  it('narrows by network and modality, and leaves other networks out', async () => {
    const centro = await search({ search: 'vacunacion', networkCode: 'CENTRO' });
    expect(centro.serviceOfferings.edges.map((e) => e.node.facility.name).sort()).toEqual([
      'Centro de Salud El Rodeo',
      'Centro de Salud Obrero',
    ]);
    const all = await search({ search: 'vacunacion' });
    expect(all.serviceOfferings.edges.map((e) => e.node.network.code)).toContain('LADERA');
    const extramural = await search({ networkCode: 'CENTRO', modality: 'EXTRAMURAL' });
    expect(extramural.serviceOfferings.totalCount).toBe(2);
    expect(new Set(extramural.serviceOfferings.edges.map((e) => e.node.modality))).toEqual(
      new Set(['EXTRAMURAL']),
    );
  });

  it('pages alphabetically with cursors, without repeating or skipping a service', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const { serviceOfferings } = await search({ networkCode: 'CENTRO' }, 3, after);
      expect(serviceOfferings.totalCount).toBe(
        DEMO_SERVICE_OFFERINGS.filter((s) => !/Siloé|Manuela/.test(s.facility)).length,
      );
      seen.push(...serviceOfferings.edges.map((e) => e.node.name));
      if (!serviceOfferings.pageInfo.hasNextPage) break;
      after = serviceOfferings.pageInfo.endCursor!;
    }
    expect(seen).toHaveLength(10);
    const sorted = [...seen].sort((a, b) =>
      a.normalize('NFD').toLowerCase().localeCompare(b.normalize('NFD').toLowerCase()),
    );
    expect(seen).toEqual(sorted);
  });

  it('lists the services of a facility', async () => {
    const { facility } = await graph.data<{ facility: { services: { name: string }[] } }>(
      'query($id: ID!) { facility(id: $id) { services { name } } }',
      { id: demoFacilityId('Centro de Salud El Rodeo') },
    );
    expect(facility.services.map((s) => s.name)).toEqual([
      'Planificación familiar',
      'Toma de signos vitales y tamizaje',
      'Vacunación extramural',
    ]);
  });

  it('refuses a bad filter in Spanish', async () => {
    const result = await graph.request(SEARCH, { filter: { networkCode: 'PACIFICO' } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toContain('filter.networkCode');
    const badId = await graph.request(SEARCH, { filter: { territoryId: 'comuna-9' } });
    expect(errorCodes(badId)).toEqual(['BAD_USER_INPUT']);
    expect(badId.errors![0]!.message).toMatch(/identificador válido/);
  });
});

describe('maintaining the portfolio', () => {
  it('lets only staff of the facility’s network add a service; nothing is written otherwise', async () => {
    const before = await offeringCount();
    expect(errorCodes(await graph.request(CREATE, { input: newService() }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await graph.request(CREATE, { input: newService() }, citizen))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await graph.request(CREATE, { input: newService() }, norteStaff))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await offeringCount()).toBe(before);

    const { createServiceOffering } = await graph.data<{ createServiceOffering: Record<string, unknown> }>(
      CREATE,
      { input: newService() },
      centroStaff,
    );
    expect(createServiceOffering).toMatchObject({
      name: 'Tamizaje de cáncer de cuello uterino',
      facility: { name: 'Centro de Salud Obrero' },
      network: { code: 'CENTRO' },
      withdrawn: false,
    });
    expect(await offeringCount()).toBe(before + 1);
  });

  it('refuses bad input with a Spanish message naming the field, and writes nothing', async () => {
    const before = await offeringCount();
    const cases: [Record<string, unknown>, string][] = [
      [newService({ name: '   ' }), 'name'],
      [newService({ facilityId: '6d3e325c-d451-5e7b-9721-98b25612c4e9' }), 'facilityId'],
      [newService({ facilityId: 'obrero' }), 'facilityId'],
      [newService({ schedule: 'x'.repeat(501) }), 'schedule'],
      [newService({ modality: 'PRESENCIAL' }), 'modality'],
    ];
    for (const [input, field] of cases) {
      const result = await graph.request(CREATE, { input }, centroStaff);
      expect(errorCodes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.message).toContain(field);
    }
    expect(await offeringCount()).toBe(before);
  });

  it('refuses a second service of the same name and modality at a facility, accents aside (CONFLICT)', async () => {
    const before = await offeringCount();
    const result = await graph.request(
      CREATE,
      { input: newService({ name: 'VACUNACION', populationServed: 'Todos' }) },
      centroStaff,
    );
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors![0]!.message).toBe('La sede ya ofrece "VACUNACION" en modalidad intramural.');
    // The same service given elsewhere (another modality) is a different offering.
    await graph.data(CREATE, { input: newService({ name: 'Vacunación', modality: 'HOME' }) }, centroStaff);
    expect(await offeringCount()).toBe(before + 1);
  });

  it('updates only the fields given, with an audit trail for the network’s staff', async () => {
    const { createServiceOffering: created } = await graph.data<{ createServiceOffering: { id: string } }>(
      CREATE,
      { input: newService({ name: 'Citología', description: 'Toma de muestra.' }) },
      centroStaff,
    );
    const refused = await graph.request(UPDATE, { input: { id: created.id, schedule: 'Nunca' } }, norteStaff);
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);

    const { updateServiceOffering } = await graph.data<{ updateServiceOffering: Record<string, unknown> }>(
      UPDATE,
      { input: { id: created.id, schedule: 'Jueves de 7:00 a. m. a 11:00 a. m.', description: null } },
      centroStaff,
    );
    expect(updateServiceOffering).toMatchObject({
      name: 'Citología',
      modality: 'INTRAMURAL',
      description: null,
      schedule: 'Jueves de 7:00 a. m. a 11:00 a. m.',
    });

    const clash = await graph.request(UPDATE, { input: { id: created.id, name: 'vacunación' } }, centroStaff);
    expect(errorCodes(clash)).toEqual(['CONFLICT']);
    const emptied = await graph.request(UPDATE, { input: { id: created.id, howToRequest: '' } }, centroStaff);
    expect(errorCodes(emptied)).toEqual(['BAD_USER_INPUT']);
    const missing = await graph.request(
      UPDATE,
      { input: { id: '0b8f5c1e-6d2a-4f0b-9a7e-3c4d5e6f7a8b', schedule: 'x' } },
      centroStaff,
    );
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);

    const trail = 'query($id: ID!) { serviceOffering(id: $id) { auditTrail { action actor details } } }';
    const { serviceOffering } = await graph.data<{
      serviceOffering: { auditTrail: { action: string; actor: string; details: string }[] };
    }>(trail, { id: created.id }, centroStaff);
    expect(serviceOffering.auditTrail.map((e) => e.action)).toEqual([
      'service_offering.created',
      'service_offering.updated',
    ]);
    expect(serviceOffering.auditTrail[0]!.actor).toBe('staff-centro');
    expect(JSON.parse(serviceOffering.auditTrail[1]!.details)).toEqual({
      fields: ['description', 'schedule'],
    });
    const publicView = await graph.data<{ serviceOffering: { auditTrail: unknown[] } }>(trail, {
      id: created.id,
    });
    expect(publicView.serviceOffering.auditTrail).toEqual([]);
  });

  it('withdraws a service from the public portfolio; it still resolves by id', async () => {
    const { createServiceOffering: created } = await graph.data<{ createServiceOffering: { id: string } }>(
      CREATE,
      { input: newService({ name: 'Curso de preparación para la maternidad' }) },
      centroStaff,
    );
    expect(errorCodes(await graph.request(WITHDRAW, { id: created.id }, citizen))).toEqual(['FORBIDDEN']);
    const malformed = await graph.request(WITHDRAW, { id: 'tamizaje' }, centroStaff);
    expect(errorCodes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.errors![0]!.message).toContain('"id"');
    const { withdrawServiceOffering } = await graph.data<{ withdrawServiceOffering: { withdrawn: boolean } }>(
      WITHDRAW,
      { id: created.id },
      centroStaff,
    );
    expect(withdrawServiceOffering.withdrawn).toBe(true);
    const found = await search({ search: 'maternidad' });
    expect(found.serviceOfferings.totalCount).toBe(0);
    const { serviceOffering } = await graph.data<{ serviceOffering: { name: string; withdrawn: boolean } }>(
      'query($id: ID!) { serviceOffering(id: $id) { name withdrawn } }',
      { id: created.id },
    );
    expect(serviceOffering).toEqual({ name: 'Curso de preparación para la maternidad', withdrawn: true });
  });

  it('finds a service of a facility in a barrio when searching its comuna', async () => {
    const { territories } = await graph.data<{ territories: { id: string; name: string }[] }>(
      'query($id: ID!) { territories(filter: { parentId: $id }) { id name } }',
      { id: territoryIds.C09 },
    );
    const barrio = territories[0]!;
    const { createFacility } = await graph.data<{ createFacility: { id: string } }>(
      'mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
      {
        input: {
          networkCode: 'CENTRO',
          name: `Puesto de Salud ${barrio.name}`,
          kind: 'PUESTO_SALUD',
          territoryId: barrio.id,
        },
      },
      centroStaff,
    );
    await graph.data(
      CREATE,
      { input: newService({ facilityId: createFacility.id, name: 'Vacunación de barrio' }) },
      centroStaff,
    );
    const inComuna = await search({ search: 'vacunacion', territoryId: territoryIds.C09 });
    expect(inComuna.serviceOfferings.edges.map((e) => e.node.facility.name).sort()).toEqual([
      'Centro de Salud Obrero',
      'Centro de Salud Obrero', // and at home (added above)
      `Puesto de Salud ${barrio.name}`,
    ]);
    const inBarrio = await search({ search: 'vacunacion', territoryId: barrio.id });
    expect(inBarrio.serviceOfferings.edges.map((e) => e.node.name)).toEqual(['Vacunación de barrio']);
  });

  it('seeds the demo portfolio once: a second start adds nothing', async () => {
    const db = graph.databases.territory!.db;
    const before = await offeringCount();
    const [audits] = await db.select({ n: count() }).from(auditEvents);
    await territoryService.seedDemo!(db as never);
    expect(await offeringCount()).toBe(before);
    const [after] = await db.select({ n: count() }).from(auditEvents);
    expect(after!.n).toBe(audits!.n);
  });
});
