import { errorCodes, startTestGraph, type TestGraph } from '@participa/testing';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizations } from '../src/db/schema.ts';
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

const centroStaff = { role: 'ese_staff', network: 'CENTRO' } as const;
const norteStaff = { role: 'ese_staff', network: 'NORTE' } as const;
const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    id name kind network { code } territories { code } influence interest position quadrant contactEmail
  }
}`;

async function organizationCount(): Promise<number> {
  const [row] = await graph.databases.territory!.db.select({ n: count() }).from(organizations);
  return row!.n;
}

describe('createOrganization', () => {
  it('registers a social actor of the caller’s network with its comunas', async () => {
    const { createOrganization } = await graph.data<{ createOrganization: Record<string, unknown> }>(
      CREATE,
      {
        input: {
          networkCode: 'CENTRO',
          name: 'Veeduría Ciudadana en Salud Comuna 8',
          kind: 'VEEDURIA',
          territoryIds: [territoryIds.C08, territoryIds.C09],
          influence: 3,
          interest: 5,
          position: 'SUPPORTS',
          contactEmail: 'veeduria.c8@example.org',
        },
      },
      centroStaff,
    );
    expect(createOrganization).toMatchObject({
      name: 'Veeduría Ciudadana en Salud Comuna 8',
      kind: 'VEEDURIA',
      network: { code: 'CENTRO' },
      territories: [{ code: 'C08' }, { code: 'C09' }],
      quadrant: 'MANAGE_CLOSELY',
      contactEmail: 'veeduria.c8@example.org',
    });
  });

  it('refuses ESE staff of another network (FORBIDDEN) and anonymous callers (UNAUTHENTICATED), writing nothing', async () => {
    const before = await organizationCount();
    const input = {
      networkCode: 'CENTRO',
      name: 'Junta de Acción Comunal Sucre',
      kind: 'JUNTA_ACCION_COMUNAL',
    };
    const forbidden = await graph.request(CREATE, { input }, norteStaff);
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
    expect(forbidden.errors?.[0]?.message).toMatch(/No tiene permiso/);
    expect(errorCodes(await graph.request(CREATE, { input }))).toEqual(['UNAUTHENTICATED']);
    expect(await organizationCount()).toBe(before);
  });

  it('only lets the secretariat create district-wide actors (no network)', async () => {
    const input = { name: 'Nueva EPS', kind: 'EPS', influence: 4, interest: 2 };
    expect(errorCodes(await graph.request(CREATE, { input }, centroStaff))).toEqual(['FORBIDDEN']);
    const { createOrganization } = await graph.data<{
      createOrganization: { network: null; quadrant: string };
    }>(CREATE, { input }, { role: 'secretariat' });
    expect(createOrganization).toMatchObject({ network: null, quadrant: 'KEEP_SATISFIED' });
  });

  it.each([
    ['influence out of range', { influence: 9 }, 'influence', /entre 1 y 5/],
    ['interest not an integer-scale value', { interest: 0 }, 'interest', /entre 1 y 5/],
    ['empty name', { name: '   ' }, 'name', /vacío/],
    ['unknown network', { networkCode: 'PACIFICO' }, 'networkCode', /red "PACIFICO" no existe/],
    [
      'unknown territory',
      { territoryIds: ['1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed'] },
      'territoryIds',
      /no existe el territorio/,
    ],
    ['invalid e-mail', { contactEmail: 'no-es-correo' }, 'contactEmail', /correo/],
  ])(
    'refuses %s with BAD_USER_INPUT in Spanish and writes nothing',
    async (_case, change, field, message) => {
      const before = await organizationCount();
      const input = { networkCode: 'CENTRO', name: 'Organización de prueba', kind: 'OTRA', ...change };
      const result = await graph.request(CREATE, { input }, centroStaff);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
      expect(result.errors?.[0]?.message).toContain(`"${field}"`);
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(await organizationCount()).toBe(before);
    },
  );

  it('says in Spanish that an unknown kind is not an option', async () => {
    const input = { networkCode: 'CENTRO', name: 'Club deportivo', kind: 'CLUB' };
    const result = await graph.request(CREATE, { input }, centroStaff);
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toBe(
      'Campo "kind": el valor "CLUB" no es una opción válida de "OrganizationKind".',
    );
  });
});

describe('organizations query', () => {
  const LIST = `query($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { name kind network { code } contactEmail } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  type Page = {
    organizations: {
      totalCount: number;
      edges: { cursor: string; node: { name: string; kind: string; contactEmail: string | null } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  it('finds names ignoring case and accents', async () => {
    const { organizations } = await graph.data<Page>(LIST, { filter: { search: 'asociacion de usuarios' } });
    expect(organizations.totalCount).toBe(5);
    expect(organizations.edges).toHaveLength(5);
    expect(organizations.edges.every((e) => e.node.name.startsWith('Asociación de Usuarios'))).toBe(true);
    const { organizations: upper } = await graph.data<Page>(LIST, { filter: { search: 'ÉTICA' } });
    expect(upper.edges.map((e) => e.node.name)).toEqual([
      'Comité de Ética Hospitalaria Hospital Primitivo Iglesias',
    ]);
  });

  it('filters by network, kind and territory', async () => {
    const { organizations } = await graph.data<Page>(LIST, {
      filter: { networkCode: 'CENTRO', kind: 'ASOCIACION_USUARIOS' },
    });
    expect(organizations.edges.map((e) => e.node.name)).toEqual([
      'Asociación de Usuarios de la Red de Salud del Centro E.S.E.',
    ]);
    const { organizations: inC11 } = await graph.data<Page>(LIST, {
      filter: { territoryId: territoryIds.C11 },
    });
    expect(inC11.edges.map((e) => e.node.name).sort()).toEqual([
      'Asociación de Usuarios de la Red de Salud del Centro E.S.E.',
      'Colectivo de Mujeres Afrodescendientes Comuna 11',
    ]);
  });

  it('pages through every actor once, in name order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 20; page++) {
      const { organizations }: Page = await graph.data<Page>(LIST, { first: 4, after });
      total = organizations.totalCount;
      seen.push(...organizations.edges.map((e) => e.node.name));
      if (!organizations.pageInfo.hasNextPage) break;
      after = organizations.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const keys = seen.map((name) =>
      name
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase(),
    );
    expect(keys).toEqual([...keys].sort());
  });

  it('refuses a malformed cursor and a page size over 100', async () => {
    expect(errorCodes(await graph.request(LIST, { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await graph.request(LIST, { first: 500 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('hides contact details from anonymous callers and from staff of other networks', async () => {
    const filter = { networkCode: 'CENTRO', kind: 'ASOCIACION_USUARIOS' };
    const anonymous = await graph.data<Page>(LIST, { filter });
    expect(anonymous.organizations.edges[0]?.node.contactEmail).toBeNull();
    const other = await graph.data<Page>(LIST, { filter }, norteStaff);
    expect(other.organizations.edges[0]?.node.contactEmail).toBeNull();
    const own = await graph.data<Page>(LIST, { filter }, centroStaff);
    expect(own.organizations.edges[0]?.node.contactEmail).toBe('asousuarios.centro@example.org');
  });
});

describe('updateOrganization', () => {
  it('changes only the fields sent, within the caller’s network', async () => {
    const { createOrganization } = await graph.data<{ createOrganization: { id: string } }>(
      CREATE,
      {
        input: {
          networkCode: 'CENTRO',
          name: 'Red de Cuidadoras Comuna 10',
          kind: 'ORGANIZACION_SOCIAL',
          influence: 2,
          interest: 2,
        },
      },
      centroStaff,
    );
    const UPDATE =
      'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { name influence interest quadrant territories { code } } }';
    const input = { id: createOrganization.id, interest: 5, territoryIds: [territoryIds.C10] };
    expect(errorCodes(await graph.request(UPDATE, { input }, norteStaff))).toEqual(['FORBIDDEN']);
    const { updateOrganization } = await graph.data<{ updateOrganization: Record<string, unknown> }>(
      UPDATE,
      { input },
      centroStaff,
    );
    expect(updateOrganization).toEqual({
      name: 'Red de Cuidadoras Comuna 10',
      influence: 2,
      interest: 5,
      quadrant: 'KEEP_INFORMED',
      territories: [{ code: 'C10' }],
    });
    const missing = await graph.request(
      UPDATE,
      { input: { id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', interest: 1 } },
      centroStaff,
    );
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });
});
