import { DEMO_FACILITIES, demoFacilityId, demoOrganizationId, type NetworkCode } from '@participa/reference';
import { eq } from 'drizzle-orm';
import type { TerritoryDb } from '../db/index.ts';
import {
  actorRelations,
  cartographyFeatures,
  facilities,
  networks,
  organizations,
  organizationTerritories,
  representations,
  territories,
} from '../db/schema.ts';
import { searchKey } from '../domain.ts';
import { seedPortfolio } from './portfolio.ts';

export const SEED_AUTHOR = 'seed';

type OrganizationSeed = Omit<typeof organizations.$inferInsert, 'searchName' | 'networkId'> & {
  key: string;
  network: NetworkCode | null;
  territoryCodes: string[];
};

const USER_ASSOCIATIONS: OrganizationSeed[] = (
  [
    ['CENTRO', ['C08', 'C09', 'C10', 'C11', 'C12']],
    ['NORTE', ['C02', 'C04', 'C05', 'C06', 'C07']],
    ['ORIENTE', ['C13', 'C14', 'C15', 'C21']],
    ['LADERA', ['C01', 'C03', 'C17', 'C18', 'C19', 'C20', 'C22']],
    ['SURORIENTE', ['C16']],
  ] as const
).map(([network, codes]) => ({
  key: `asou-${network}`,
  network,
  name: `Asociación de Usuarios de la Red de Salud ${network === 'LADERA' ? 'de Ladera' : `del ${network[0]}${network.slice(1).toLowerCase()}`} E.S.E.`,
  kind: 'ASOCIACION_USUARIOS',
  description:
    'Representa a los usuarios ante la E.S.E.; firmante del acta Cali Conecta (27 de noviembre de 2024).',
  populationGroups: ['POBLACION_GENERAL'],
  influence: 4,
  interest: 5,
  position: 'SUPPORTS',
  contactEmail: `asousuarios.${network.toLowerCase()}@example.org`,
  territoryCodes: [...codes],
}));

const ORGANIZATIONS: OrganizationSeed[] = [
  ...USER_ASSOCIATIONS,
  {
    key: 'copaco-c09',
    network: 'CENTRO',
    name: 'Comité de Participación Comunitaria en Salud (COPACO) Comuna 9',
    kind: 'COPACO',
    populationGroups: ['POBLACION_GENERAL', 'PERSONAS_MAYORES'],
    influence: 3,
    interest: 5,
    position: 'SUPPORTS',
    territoryCodes: ['C09'],
  },
  {
    key: 'veeduria-c10',
    network: 'CENTRO',
    name: 'Veeduría Ciudadana en Salud Comuna 10',
    kind: 'VEEDURIA',
    populationGroups: ['POBLACION_GENERAL'],
    influence: 3,
    interest: 4,
    position: 'NEUTRAL',
    territoryCodes: ['C10'],
  },
  {
    key: 'etica-primitivo',
    network: 'CENTRO',
    name: 'Comité de Ética Hospitalaria Hospital Primitivo Iglesias',
    kind: 'COMITE_ETICA',
    influence: 3,
    interest: 3,
    position: 'SUPPORTS',
    territoryCodes: ['C08'],
  },
  {
    key: 'jac-el-rodeo',
    network: 'CENTRO',
    name: 'Junta de Acción Comunal Barrio El Rodeo',
    kind: 'JUNTA_ACCION_COMUNAL',
    populationGroups: ['POBLACION_GENERAL', 'JUVENTUD'],
    influence: 2,
    interest: 4,
    position: 'SUPPORTS',
    territoryCodes: ['C12'],
  },
  {
    key: 'mujeres-c11',
    network: 'CENTRO',
    name: 'Colectivo de Mujeres Afrodescendientes Comuna 11',
    kind: 'ORGANIZACION_SOCIAL',
    populationGroups: ['MUJERES', 'AFRODESCENDIENTES'],
    influence: 2,
    interest: 5,
    position: 'SUPPORTS',
    territoryCodes: ['C11'],
  },
  {
    key: 'adulto-mayor-c08',
    network: 'CENTRO',
    name: 'Grupo de Adulto Mayor Años Dorados Comuna 8',
    kind: 'ORGANIZACION_SOCIAL',
    populationGroups: ['PERSONAS_MAYORES'],
    influence: 1,
    interest: 3,
    position: 'NEUTRAL',
    territoryCodes: ['C08'],
  },
  {
    key: 'veeduria-c14',
    network: 'ORIENTE',
    name: 'Veeduría en Salud del Distrito de Aguablanca',
    kind: 'VEEDURIA',
    populationGroups: ['AFRODESCENDIENTES', 'VICTIMAS_CONFLICTO'],
    influence: 3,
    interest: 5,
    position: 'OPPOSES',
    territoryCodes: ['C13', 'C14', 'C15'],
  },
  {
    key: 'cabildo-ladera',
    network: 'LADERA',
    name: 'Cabildo Indígena Nasa de la Ladera de Cali',
    kind: 'ORGANIZACION_SOCIAL',
    populationGroups: ['INDIGENAS', 'POBLACION_RURAL'],
    influence: 2,
    interest: 4,
    position: 'NEUTRAL',
    territoryCodes: ['C20', 'R56'],
  },
  {
    key: 'secretaria',
    network: null,
    name: 'Secretaría de Salud Pública Distrital de Santiago de Cali',
    kind: 'INSTITUCION_PUBLICA',
    description: 'Rectora de la política de participación social en salud en el Distrito.',
    influence: 5,
    interest: 4,
    position: 'SUPPORTS',
    territoryCodes: [],
  },
  {
    key: 'eps',
    network: null,
    name: 'Emssanar EPS',
    kind: 'EPS',
    influence: 4,
    interest: 2,
    position: 'NEUTRAL',
    territoryCodes: [],
  },
  {
    key: 'univalle',
    network: null,
    name: 'Universidad del Valle, Escuela de Salud Pública',
    kind: 'ACADEMIA',
    influence: 2,
    interest: 4,
    position: 'SUPPORTS',
    territoryCodes: [],
  },
];

const RELATIONS: [string, string, string, number][] = [
  ['asou-CENTRO', 'secretaria', 'articulación', 4],
  ['asou-CENTRO', 'copaco-c09', 'alianza', 5],
  ['asou-CENTRO', 'veeduria-c10', 'articulación', 3],
  ['copaco-c09', 'jac-el-rodeo', 'alianza', 3],
  ['mujeres-c11', 'asou-CENTRO', 'representación', 4],
  ['etica-primitivo', 'asou-CENTRO', 'articulación', 3],
  ['univalle', 'asou-CENTRO', 'formación', 3],
  ['asou-CENTRO', 'eps', 'conflicto', 2],
  ['veeduria-c14', 'asou-ORIENTE', 'control social', 4],
  ['asou-ORIENTE', 'secretaria', 'articulación', 3],
  ['cabildo-ladera', 'asou-LADERA', 'alianza', 3],
];

/** Demo data for `npm start`: facilities, actors of each network, relations and cartography. */
export async function seedDemo(db: TerritoryDb): Promise<void> {
  await seedPlacesAndActors(db);
  // Its own step: a deployment seeded before the portfolio existed gets it on its next start.
  await seedPortfolio(db, SEED_AUTHOR);
}

async function seedPlacesAndActors(db: TerritoryDb): Promise<void> {
  await db.transaction(async (tx) => {
    const networkIds = new Map((await tx.select().from(networks)).map((n) => [n.code, n.id]));
    const territoryIds = new Map((await tx.select().from(territories)).map((t) => [t.code, t.id]));
    // Stable ids: education's venues and feedback's PQRS point at them. No conflict target, so a
    // facility already there (same id, or same network and name from an older seed) is left as is.
    await tx
      .insert(facilities)
      .values(
        DEMO_FACILITIES.map(({ network, name, kind, territoryCode }) => ({
          id: demoFacilityId(name),
          networkId: networkIds.get(network)!,
          name,
          kind,
          territoryId: territoryIds.get(territoryCode)!,
        })),
      )
      .onConflictDoNothing();

    const [seeded] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.createdBy, SEED_AUTHOR))
      .limit(1);
    if (seeded) return;

    const ids = new Map<string, string>();
    for (const { key, network, territoryCodes, ...fields } of ORGANIZATIONS) {
      const [row] = await tx
        .insert(organizations)
        .values({
          ...fields,
          id: demoOrganizationId(key),
          networkId: network ? networkIds.get(network)! : null,
          searchName: searchKey(fields.name),
          createdBy: SEED_AUTHOR,
        })
        .returning({ id: organizations.id });
      ids.set(key, row!.id);
      if (territoryCodes.length > 0) {
        await tx
          .insert(organizationTerritories)
          .values(
            territoryCodes.map((code) => ({ organizationId: row!.id, territoryId: territoryIds.get(code)! })),
          );
      }
    }
    await tx.insert(actorRelations).values(
      RELATIONS.map(([from, to, kind, strength]) => ({
        fromId: ids.get(from)!,
        toId: ids.get(to)!,
        kind,
        strength,
      })),
    );
    await tx.insert(representations).values([
      {
        organizationId: ids.get('asou-CENTRO')!,
        personName: 'María Eugenia Cárdenas',
        contactEmail: 'maria.cardenas@example.org',
        body: 'Junta Directiva de la Red de Salud del Centro E.S.E.',
        role: 'Representante de los usuarios',
        startDate: '2024-04-01',
        endDate: '2028-03-31',
      },
      {
        organizationId: ids.get('asou-CENTRO')!,
        personName: 'Jorge Enrique Valencia',
        body: 'Comité de Ética Hospitalaria',
        role: 'Delegado de la asociación',
        startDate: '2022-02-01',
        endDate: '2024-01-31',
      },
      {
        organizationId: ids.get('asou-ORIENTE')!,
        personName: 'Luz Dary Angulo',
        body: 'Junta Directiva de la Red de Salud del Oriente E.S.E.',
        role: 'Representante de los usuarios',
        startDate: '2025-01-15',
        endDate: null,
      },
    ]);
    await tx.insert(cartographyFeatures).values([
      {
        networkId: networkIds.get('CENTRO')!,
        territoryId: territoryIds.get('C11')!,
        kind: 'RISK_ZONE',
        title: 'Canal de aguas lluvias sin cubrir',
        description:
          'Proliferación de zancudos y riesgo de dengue señalado por la comunidad en el taller de cartografía.',
        geometry: {
          type: 'LineString',
          coordinates: [
            [-76.5072, 3.4198],
            [-76.5031, 3.4172],
            [-76.4995, 3.4151],
          ],
        },
        createdBy: SEED_AUTHOR,
      },
      {
        networkId: networkIds.get('CENTRO')!,
        territoryId: territoryIds.get('C09')!,
        kind: 'RESOURCE',
        title: 'Centro de Salud Obrero',
        description: 'Sede de referencia para los barrios Obrero, Sucre y El Calvario.',
        geometry: { type: 'Point', coordinates: [-76.5268, 3.4457] },
        createdBy: SEED_AUTHOR,
      },
      {
        networkId: networkIds.get('CENTRO')!,
        territoryId: territoryIds.get('C12')!,
        kind: 'PROBLEM',
        title: 'Acumulación de residuos en el separador',
        description: 'Punto crítico de basuras identificado por la JAC de El Rodeo.',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [-76.4949, 3.4282],
              [-76.4938, 3.4282],
              [-76.4938, 3.4273],
              [-76.4949, 3.4273],
              [-76.4949, 3.4282],
            ],
          ],
        },
        createdBy: SEED_AUTHOR,
      },
      {
        networkId: networkIds.get('CENTRO')!,
        territoryId: territoryIds.get('C08')!,
        kind: 'ASSET',
        title: 'Parque de la Floresta',
        description: 'Espacio usado para las jornadas comunitarias de salud.',
        geometry: { type: 'Point', coordinates: [-76.5129, 3.4427] },
        createdBy: SEED_AUTHOR,
      },
    ]);
  });
}
