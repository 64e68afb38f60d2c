import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartographyFeatures } from '../src/db/schema.ts';
import { territoryService } from '../src/service.ts';

let graph: TestGraph;
const ids: Record<string, string> = {};
beforeAll(async () => {
  graph = await startTestGraph([territoryService], { demoData: true });
  const { organizations, territories } = await graph.data<{
    organizations: { edges: { node: { id: string; name: string } }[] };
    territories: { id: string; code: string }[];
  }>('{ organizations(first: 100) { edges { node { id name } } } territories { id code } }');
  for (const { node } of organizations.edges) ids[node.name] = node.id;
  for (const t of territories) ids[t.code] = t.id;
});
afterAll(() => graph?.stop());

const centroStaff = { role: 'ese_staff', network: 'CENTRO' } as const;
const ASOU_CENTRO = 'Asociación de Usuarios de la Red de Salud del Centro E.S.E.';
const JAC = 'Junta de Acción Comunal Barrio El Rodeo';
const RELATE = `mutation($input: RelateActorsInput!) {
  relateActors(input: $input) { id kind strength from { name } to { name } }
}`;

describe('actor map', () => {
  it('shows a network’s actors, the district actors related to them, and their relations', async () => {
    const { actorMap } = await graph.data<{
      actorMap: {
        network: { code: string };
        actors: { name: string; network: { code: string } | null; influence: number; interest: number }[];
        relations: { from: { name: string }; to: { name: string }; kind: string; strength: number }[];
      };
    }>(`{ actorMap(networkCode: "CENTRO") {
      network { code }
      actors { name network { code } influence interest }
      relations { from { name } to { name } kind strength }
    } }`);
    const names = actorMap.actors.map((a) => a.name);
    expect(names).toContain(ASOU_CENTRO);
    expect(names).toContain('Secretaría de Salud Pública Distrital de Santiago de Cali');
    expect(names).not.toContain('Asociación de Usuarios de la Red de Salud del Oriente E.S.E.');
    expect(actorMap.actors.every((a) => a.network === null || a.network.code === 'CENTRO')).toBe(true);
    expect(actorMap.relations).toContainEqual({
      from: { name: ASOU_CENTRO },
      to: { name: 'Emssanar EPS' },
      kind: 'conflicto',
      strength: 2,
    });
    const actorNames = new Set(names);
    expect(actorMap.relations.every((r) => actorNames.has(r.from.name) && actorNames.has(r.to.name))).toBe(
      true,
    );
  });

  it('relates two actors, and updates the strength when the same relation is recorded again', async () => {
    const input = { fromId: ids[JAC], toId: ids[ASOU_CENTRO], kind: 'Alianza', strength: 2 };
    const first = await graph.data<{ relateActors: { id: string; kind: string; strength: number } }>(
      RELATE,
      { input },
      centroStaff,
    );
    expect(first.relateActors).toMatchObject({
      kind: 'alianza',
      strength: 2,
      from: { name: JAC },
      to: { name: ASOU_CENTRO },
    });
    const again = await graph.data<{ relateActors: { id: string; strength: number } }>(
      RELATE,
      { input: { ...input, strength: 4 } },
      centroStaff,
    );
    expect(again.relateActors).toMatchObject({ id: first.relateActors.id, strength: 4 });
  });

  it.each([
    ['strength out of range', { strength: 7 }, 'strength'],
    ['an actor with itself', { toId: 'self' }, 'toId'],
    ['an unknown actor', { toId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed' }, 'toId'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, change, field) => {
    const input = { fromId: ids[JAC], toId: ids[ASOU_CENTRO], kind: 'apoyo', ...change };
    if (input.toId === 'self') input.toId = ids[JAC];
    const result = await graph.request(RELATE, { input }, centroStaff);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('refuses staff of another network', async () => {
    const input = { fromId: ids[JAC], toId: ids[ASOU_CENTRO], kind: 'apoyo' };
    expect(
      errorCodes(await graph.request(RELATE, { input }, { role: 'ese_staff', network: 'LADERA' })),
    ).toEqual(['FORBIDDEN']);
  });

  it('answers an unknown network with BAD_USER_INPUT', async () => {
    expect(
      errorCodes(await graph.request('{ actorMap(networkCode: "ATLANTIS") { actors { id } } }')),
    ).toEqual(['BAD_USER_INPUT']);
  });
});

describe('representations', () => {
  const ADD = `mutation($input: AddRepresentationInput!) {
    addRepresentation(input: $input) { id personName body role startDate endDate active contactEmail organization { name } }
  }`;

  it('records a person’s seat for a period; contacts only for the network’s staff', async () => {
    const input = {
      organizationId: ids[ASOU_CENTRO],
      personName: 'Ana Milena Ospina',
      contactEmail: 'ana.ospina@example.org',
      body: 'Comité de Ética Hospitalaria',
      role: 'Representante de los usuarios',
      startDate: '2025-02-01',
      endDate: '2027-01-31',
    };
    const { addRepresentation } = await graph.data<{ addRepresentation: { id: string } }>(
      ADD,
      { input },
      centroStaff,
    );
    expect(addRepresentation).toMatchObject({
      personName: 'Ana Milena Ospina',
      startDate: '2025-02-01',
      contactEmail: 'ana.ospina@example.org',
    });

    const QUERY = `query($id: ID!) { organization(id: $id) { representations(activeOnly: true) { personName contactEmail active } } }`;
    const publicView = await graph.data<{
      organization: { representations: { personName: string; contactEmail: string | null }[] };
    }>(QUERY, { id: ids[ASOU_CENTRO] });
    const names = publicView.organization.representations.map((r) => r.personName);
    expect(names).toContain('María Eugenia Cárdenas');
    expect(names).not.toContain('Jorge Enrique Valencia'); // ended in 2024
    expect(publicView.organization.representations.every((r) => r.contactEmail === null)).toBe(true);

    const END = 'mutation($input: EndRepresentationInput!) { endRepresentation(input: $input) { endDate } }';
    const early = await graph.request(
      END,
      { input: { id: addRepresentation.id, endDate: '2024-12-31' } },
      centroStaff,
    );
    expect(errorCodes(early)).toEqual(['BAD_USER_INPUT']);
    const ended = await graph.data<{ endRepresentation: { endDate: string } }>(
      END,
      { input: { id: addRepresentation.id, endDate: '2025-06-30' } },
      centroStaff,
    );
    expect(ended.endRepresentation.endDate).toBe('2025-06-30');
  });

  it('refuses an end date before the start date and an invalid date', async () => {
    const base = { organizationId: ids[ASOU_CENTRO], personName: 'X', body: 'Junta', role: 'Suplente' };
    const reversed = await graph.request(
      ADD,
      { input: { ...base, startDate: '2025-05-01', endDate: '2025-04-01' } },
      centroStaff,
    );
    expect(errorCodes(reversed)).toEqual(['BAD_USER_INPUT']);
    expect(reversed.errors?.[0]?.message).toMatch(/anterior a la de inicio/);
    const invalid = await graph.request(ADD, { input: { ...base, startDate: '2025-02-30' } }, centroStaff);
    expect(errorCodes(invalid)).toEqual(['BAD_USER_INPUT']);
    expect(invalid.errors?.[0]?.message).toBe(
      'Campo "startDate": "2025-02-30" no es una fecha válida (AAAA-MM-DD).',
    );
    expect(invalid.errors?.[0]?.extensions?.field).toBe('startDate');
    const literal = await graph.request(
      `mutation { addRepresentation(input: { organizationId: "${ids[ASOU_CENTRO]}", personName: "X", body: "Junta",
        role: "Suplente", startDate: "2025-02-30" }) { id } }`,
      undefined,
      centroStaff,
    );
    expect(errorCodes(literal)).toEqual(['BAD_USER_INPUT']);
    expect(literal.errors?.[0]?.message).toMatch(/no es una fecha válida/);
  });
});

describe('social cartography', () => {
  const ADD = `mutation($input: AddCartographyFeatureInput!) {
    addCartographyFeature(input: $input) { id kind title geometry territory { code } network { code } }
  }`;
  const featureCount = async () => {
    const [row] = await graph.databases.territory!.db.select({ n: count() }).from(cartographyFeatures);
    return row!.n;
  };

  it('stores a polygon drawn by the community and lists it first', async () => {
    const geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [-76.52, 3.44],
          [-76.51, 3.44],
          [-76.51, 3.43],
          [-76.52, 3.44],
        ],
      ],
    };
    const input = {
      networkCode: 'CENTRO',
      territoryId: ids.C09,
      kind: 'RISK_ZONE',
      title: 'Lote baldío con inundaciones',
      geometry,
    };
    const { addCartographyFeature } = await graph.data<{ addCartographyFeature: Record<string, unknown> }>(
      ADD,
      { input },
      centroStaff,
    );
    expect(addCartographyFeature).toMatchObject({
      kind: 'RISK_ZONE',
      geometry,
      territory: { code: 'C09' },
      network: { code: 'CENTRO' },
    });
    const { cartographyFeatures: page } = await graph.data<{
      cartographyFeatures: { totalCount: number; edges: { node: { title: string } }[] };
    }>(
      '{ cartographyFeatures(filter: { networkCode: "CENTRO" }, first: 2) { totalCount edges { node { title } } } }',
    );
    expect(page.edges[0]?.node.title).toBe('Lote baldío con inundaciones');
    expect(page.totalCount).toBe(5);
  });

  it.each([
    ['a point with one coordinate', { type: 'Point', coordinates: [-76.5] }],
    [
      'an open polygon ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [-76.52, 3.44],
            [-76.51, 3.44],
            [-76.51, 3.43],
          ],
        ],
      },
    ],
    ['an unsupported type', { type: 'MultiPoint', coordinates: [[-76.5, 3.4]] }],
    ['not an object', 'POINT(-76.5 3.4)'],
  ])('refuses invalid GeoJSON (%s) and writes nothing', async (_case, geometry) => {
    const before = await featureCount();
    const input = { networkCode: 'CENTRO', kind: 'PROBLEM', title: 'Prueba', geometry };
    const result = await graph.request(ADD, { input }, centroStaff);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/geometry/);
    expect(await featureCount()).toBe(before);
  });
});
