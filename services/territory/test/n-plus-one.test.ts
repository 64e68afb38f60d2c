import { REFERENCE_TERRITORIES } from '@participa/reference';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import {
  expectEveryEntityCovered,
  expectFlatMetricReports,
  expectFlatStatements,
  type FlatCase,
  itRunsFlat,
} from '@participa/testing/n-plus-one';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territoryService } from '../src/service.ts';

// No N+1: a page of 5 and a page of 50 entities, with every nested field, cost each service the
// same number of SQL statements. NORTE gets 5 of each record, ORIENTE 50.
let graph: TestGraph;
const SMALL = 'NORTE';
const LARGE = 'ORIENTE';
const staff = (network: string): Caller => ({ role: 'ese_staff', network, sub: `staff-${network}` });

const comunasOf = (network: string) =>
  REFERENCE_TERRITORIES.filter((t) => t.networkCode === network && t.kind === 'COMUNA').map((t) => t.id);

const ORGANIZATION_KINDS = ['ASOCIACION_USUARIOS', 'COPACO', 'VEEDURIA', 'JUNTA_ACCION_COMUNAL'];
const FACILITY_KINDS = ['CENTRO_SALUD', 'PUESTO_SALUD', 'HOSPITAL'];

async function seedNetwork(network: string, count: number) {
  const as = staff(network);
  const comunas = comunasOf(network);
  const organizations: string[] = [];
  const seedOne = async (i: number) => {
    const { createOrganization } = await graph.data<{ createOrganization: { id: string } }>(
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      {
        input: {
          networkCode: network,
          name: `Asociación de Usuarios ${network} ${i + 1}`,
          kind: ORGANIZATION_KINDS[i % ORGANIZATION_KINDS.length],
          description: 'Vigila la calidad de la atención en los centros de salud de la comuna.',
          territoryIds: [comunas[i % comunas.length], comunas[(i + 1) % comunas.length]],
          populationGroups: ['PERSONAS_MAYORES', 'MUJERES'],
          influence: 1 + (i % 5),
          interest: 1 + ((i + 2) % 5),
          position: 'SUPPORTS',
          contactEmail: `asociacion${i + 1}@example.org`,
          contactPhone: '602 555 0101',
        },
      },
      as,
    );
    organizations[i] = createOrganization.id;
    await graph.data(
      'mutation ($input: AddRepresentationInput!) { addRepresentation(input: $input) { id } }',
      {
        input: {
          organizationId: createOrganization.id,
          personName: `María Fernanda Cárdenas ${i + 1}`,
          contactEmail: `representante${i + 1}@example.org`,
          body: 'Junta Directiva de la E.S.E.',
          role: 'Representante de los usuarios',
          startDate: '2025-02-01',
        },
      },
      as,
    );
    const { createFacility } = await graph.data<{ createFacility: { id: string } }>(
      'mutation ($input: CreateFacilityInput!) { createFacility(input: $input) { id } }',
      {
        input: {
          networkCode: network,
          name: `Centro de Salud ${network} ${i + 1}`,
          kind: FACILITY_KINDS[i % FACILITY_KINDS.length],
          territoryId: comunas[i % comunas.length],
          address: `Carrera ${10 + i} # ${20 + i}-15`,
        },
      },
      as,
    );
    await graph.data(
      'mutation ($input: CreateServiceOfferingInput!) { createServiceOffering(input: $input) { id } }',
      {
        input: {
          facilityId: createFacility.id,
          name: `Control prenatal ${i + 1}`,
          modality: 'INTRAMURAL',
          description: 'Controles para gestantes desde el primer trimestre.',
          schedule: 'Lunes a viernes de 7:00 a. m. a 4:00 p. m.',
          howToRequest: 'Pida la cita en la línea de atención o en la sede.',
          populationServed: 'Gestantes afiliadas al régimen subsidiado',
        },
      },
      as,
    );
    await graph.data(
      'mutation ($input: AddCartographyFeatureInput!) { addCartographyFeature(input: $input) { id } }',
      {
        input: {
          networkCode: network,
          territoryId: comunas[i % comunas.length],
          kind: 'RESOURCE',
          title: `Salón comunal ${i + 1}`,
          description: 'Espacio para las reuniones de la asociación de usuarios.',
          geometry: { type: 'Point', coordinates: [-76.52 + i / 1000, 3.44] },
        },
      },
      as,
    );
  };
  // Ten at a time: the records are independent, and the machine has few cores.
  for (let i = 0; i < count; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => seedOne(i + j)));
  }
  // A ring of relations between the network's actors: as many relations as actors.
  const relate = (i: number) =>
    graph.data(
      'mutation ($input: RelateActorsInput!) { relateActors(input: $input) { id } }',
      {
        input: {
          fromId: organizations[i],
          toId: organizations[(i + 1) % count],
          kind: 'Alianza',
          strength: 1 + (i % 5),
        },
      },
      as,
    );
  for (let i = 0; i < count; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, j) => relate(i + j)));
  }
}

beforeAll(async () => {
  graph = await startTestGraph([territoryService]);
  await Promise.all([seedNetwork(SMALL, 5), seedNetwork(LARGE, 50)]);
}, 60_000);
afterAll(() => graph?.stop());

const AUDIT = 'auditTrail { at action actor details }';
const NETWORK = 'network { id code name }';
const TERRITORY = 'territories { code name kind network { code } parent { code } children { code } }';
const REPRESENTATIONS =
  'representations { id personName contactEmail contactPhone body role startDate endDate active organization { name } }';
const ORGANIZATION = `id name kind description populationGroups influence interest position quadrant
  contactEmail contactPhone createdAt ${NETWORK} ${TERRITORY} ${REPRESENTATIONS} ${AUDIT}`;
const OFFERING = `id name modality description schedule howToRequest populationServed withdrawn updatedAt
  facility { name network { code } } network { code } territory { code } ${AUDIT}`;

type Edges = { edges: { cursor: string; node: Record<string, unknown> }[] };

/** Each case: the entity types it covers and the page it asks for, at 5 and at 50. */
const CASES: Record<string, FlatCase> = {
  organizations: {
    covers: ['Organization', 'OrganizationEdge', 'Network', 'Territory', 'Representation', 'AuditEvent'],
    bound: 11,
    query: `query ($network: String!) {
      organizations(filter: { networkCode: $network }, first: 50) {
        totalCount pageInfo { hasNextPage } edges { cursor node { ${ORGANIZATION} } }
      }
    }`,
    size: (data: { organizations: Edges }) => data.organizations.edges.length,
    check(data: { organizations: Edges }) {
      const node = data.organizations.edges[0]!.node as {
        territories: unknown[];
        representations: { contactEmail: string }[];
        auditTrail: unknown[];
      };
      expect(node.territories).toHaveLength(2);
      expect(node.representations[0]!.contactEmail).toMatch(/@example.org$/);
      expect(node.auditTrail.length).toBeGreaterThan(0);
    },
  },
  actorMap: {
    covers: ['ActorRelation'],
    bound: 7,
    query: `query ($network: String!) {
      actorMap(networkCode: $network) {
        network { code }
        actors { name network { code } territories { code } }
        relations { id kind strength from { name ${TERRITORY} } to { name network { code } } }
      }
    }`,
    size: (data: { actorMap: { actors: unknown[]; relations: unknown[] } }) => {
      expect(data.actorMap.relations).toHaveLength(data.actorMap.actors.length);
      return data.actorMap.actors.length;
    },
  },
  facilities: {
    covers: ['Facility', 'ServiceOffering'],
    bound: 8,
    query: `query ($network: String!) {
      network(code: $network) {
        code
        facilities {
          id name kind address network { code } territory { code parent { code } } ${AUDIT}
          services { ${OFFERING} }
        }
      }
    }`,
    size: (data: { network: { facilities: { services: unknown[] }[] } }) => {
      expect(data.network.facilities.every((f) => f.services.length === 1)).toBe(true);
      return data.network.facilities.length;
    },
  },
  serviceOfferings: {
    covers: ['ServiceOfferingEdge'],
    bound: 7,
    query: `query ($network: String!) {
      serviceOfferings(filter: { networkCode: $network }, first: 100) {
        totalCount edges { cursor node { ${OFFERING} facility { services { name } territory { code } } } }
      }
    }`,
    size: (data: { serviceOfferings: Edges }) => data.serviceOfferings.edges.length,
  },
  cartography: {
    covers: ['CartographyFeatureEdge'],
    bound: 7,
    query: `query ($network: String!) {
      cartographyFeatures(filter: { networkCode: $network }, first: 100) {
        totalCount edges { cursor node { id kind title description geometry createdAt
          network { code facilities { name } } territory { code network { code } children { code } } } }
      }
    }`,
    size: (data: { cartographyFeatures: Edges }) => data.cartographyFeatures.edges.length,
  },
};

describe('no N+1 in the territory subgraph: as many SQL statements for 50 entities as for 5', () => {
  itRunsFlat(() => graph, CASES, { small: SMALL, large: LARGE, as: staff });

  it('territoriesConnection (TerritoryEdge): barrios with network, parent and children', async () => {
    await expectFlatStatements<{ territoriesConnection: Edges }>(graph, {
      query: `query ($first: Int) {
        territoriesConnection(filter: { kind: BARRIO }, first: $first) {
          totalCount edges { cursor node { id code name kind network { code territories { code } facilities { name } } parent { code }
            children { code parent { code } } } }
        }
      }`,
      five: { first: 5 },
      fifty: { first: 50 },
      size: (data) => data.territoriesConnection.edges.length,
      bound: 7,
    });
  });

  it('metric reports of 5 and 50 periods (MetricReport, MetricCell, MetricValue, MetricInfo)', async () => {
    await expectFlatMetricReports(graph, 'territory', 2);
  });

  it('has a case for every entity type of the SDL', () => {
    expectEveryEntityCovered(territoryService, CASES, [
      'TerritoryEdge',
      'MetricReport',
      'MetricCell',
      'MetricValue',
      'MetricInfo',
    ]);
  });
});
