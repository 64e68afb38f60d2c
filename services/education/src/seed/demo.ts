import { lifeStageOf, yearInBogota } from '@participa/characterization';
import {
  demoActivityId,
  demoFacilityId,
  demoServiceOfferingId,
  networkByCode,
  territoryByCode,
} from '@participa/reference';
import { and, eq } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import {
  evaluations,
  materials,
  registrations,
  workshopMaterials,
  workshopServices,
  workshops,
} from '../db/schema.ts';
import { newCheckInCode } from '../domain.ts';
import { ETHNICITIES } from '../vocabulary.ts';
import { seedCampaigns } from './campaigns.ts';

export const SEED_AUTHOR = 'seed';

const DAY_MS = 86_400_000;
const networkId = (code: string) => networkByCode(code)!.id;
const territoryId = (code: string) => territoryByCode(code)!.id;
/** A Bogotá wall-clock time (UTC−5). */
const bogota = (isoLocal: string) => new Date(`${isoLocal}-05:00`);
/** `days` from now at `hour` in Bogotá: upcoming demo workshops stay upcoming on any start date. */
function upcoming(days: number, hour: number): Date {
  const day = new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
  return bogota(`${day}T${String(hour).padStart(2, '0')}:00:00`);
}
const hours = (from: Date, h: number) => new Date(from.getTime() + h * 3_600_000);
/** The activity of planning's demo Centro 2023 plan that is the plan's line `line` (its position). */
const centro2023Line = (line: number) => demoActivityId('CENTRO-2023', line);

type WorkshopSeed = Omit<typeof workshops.$inferInsert, 'endsAt' | 'networkId'> & {
  key: string;
  network: string;
  durationHours: number;
  /** People registered in arrival order; the seats are taken first, the rest waitlisted. */
  registrants: number;
  attended?: number;
  walkIns?: number;
  satisfaction?: number[];
  materials?: string[];
};

const MATERIALS: (typeof materials.$inferInsert & { key: string })[] = [
  {
    key: 'cartilla-derechos',
    networkId: networkId('CENTRO'),
    title: 'Cartilla de derechos y deberes de los usuarios en salud',
    kind: 'BOOKLET',
    topic: 'HEALTH_RIGHTS',
    audience: 'Usuarios y asociaciones de usuarios de las comunas 8 a 12',
    accessibleFormats: ['EASY_READ', 'LARGE_PRINT'],
  },
  {
    key: 'guia-presupuesto',
    networkId: null,
    title: 'Guía de presupuestación participativa y control social en salud',
    kind: 'GUIDE',
    topic: 'PARTICIPATORY_BUDGETING',
    audience: 'Líderes comunitarios, COPACO y veedurías',
  },
  {
    key: 'video-citas',
    networkId: networkId('CENTRO'),
    title: 'Video: cómo pedir citas y consultar resultados en línea',
    kind: 'VIDEO',
    topic: 'DIGITAL_SKILLS',
    audience: 'Personas mayores y cuidadores',
    accessibleFormats: ['SUBTITLES', 'SIGN_LANGUAGE'],
  },
  {
    key: 'portafolio',
    networkId: networkId('CENTRO'),
    title: 'Portafolio de servicios de la Red de Salud del Centro E.S.E.',
    kind: 'PRESENTATION',
    topic: 'SERVICE_PORTFOLIO',
    audience: 'Comunidad en general',
  },
];

/**
 * Workshops that carry out the lines of Red de Salud Centro's 2023 participation plan: `activityId`
 * and `facilityId` are the ids planning and territory give their demo records.
 */
const WORKSHOPS: WorkshopSeed[] = [
  {
    key: 'derechos',
    network: 'CENTRO',
    title: 'Taller de derechos y deberes en salud',
    description:
      'Línea 2 del plan 2023: instrumentos y talleres educativos sobre derechos en salud y mecanismos de participación.',
    topic: 'HEALTH_RIGHTS',
    kind: 'WORKSHOP',
    modality: 'IN_PERSON',
    territoryId: territoryId('C08'),
    facilityId: demoFacilityId('Hospital Primitivo Iglesias'),
    address: 'Auditorio del Hospital Primitivo Iglesias',
    activityId: centro2023Line(2),
    startsAt: bogota('2025-03-14T14:00:00'),
    durationHours: 3,
    capacity: 30,
    facilitator: 'Equipo de Participación Social, Red de Salud Centro',
    status: 'HELD',
    registrants: 14,
    attended: 11,
    walkIns: 3,
    satisfaction: [5, 5, 4, 4, 5, 3, 4, 5],
    materials: ['cartilla-derechos'],
  },
  {
    key: 'presupuesto',
    network: 'CENTRO',
    title: 'Presupuestación participativa y control social en salud',
    description:
      'Línea 3 del plan 2023: capacitación articulada con la Secretaría de Salud Pública para que la comunidad incida en la asignación de recursos y vigile el gasto.',
    topic: 'PARTICIPATORY_BUDGETING',
    kind: 'COURSE',
    modality: 'HYBRID',
    virtualUrl: 'https://meet.example.org/presupuesto-participativo-centro',
    territoryId: territoryId('C10'),
    facilityId: demoFacilityId('Centro de Salud Cristóbal Colón'),
    address: 'Centro de Salud Cristóbal Colón, salón comunal',
    activityId: centro2023Line(3),
    startsAt: bogota('2025-05-20T08:00:00'),
    durationHours: 4,
    capacity: 40,
    facilitator: 'Secretaría de Salud Pública Distrital y Red de Salud Centro',
    status: 'HELD',
    registrants: 22,
    attended: 18,
    satisfaction: [4, 4, 5, 3, 4],
    materials: ['guia-presupuesto'],
  },
  {
    key: 'jornada-c11',
    network: 'CENTRO',
    title: 'Jornada comunitaria de salud Comuna 11',
    description: 'Línea 8 del plan 2023: jornada con los equipos de promoción y mantenimiento de la salud.',
    topic: 'COMMUNITY_DAY',
    kind: 'COMMUNITY_DAY',
    modality: 'IN_PERSON',
    territoryId: territoryId('C11'),
    address: 'Parque principal del barrio San Carlos',
    activityId: centro2023Line(8),
    startsAt: bogota('2025-08-09T08:00:00'),
    durationHours: 6,
    capacity: 200,
    facilitator: 'Equipo de promoción y mantenimiento de la salud',
    status: 'HELD',
    servicesOffered: ['VACCINATION', 'VITAL_SIGNS', 'SCREENING', 'COUNSELLING'],
    peopleServed: 146,
    registrants: 0,
    walkIns: 9,
  },
  {
    key: 'digital',
    network: 'CENTRO',
    title: 'Habilidades digitales: citas, resultados y portal del usuario',
    description: 'Línea 6 del plan 2023: metodologías con los usuarios en informática y TIC.',
    topic: 'DIGITAL_SKILLS',
    kind: 'COURSE',
    modality: 'IN_PERSON',
    territoryId: territoryId('C09'),
    facilityId: demoFacilityId('Centro de Salud Obrero'),
    address: 'Sala de sistemas del Centro de Salud Obrero',
    activityId: centro2023Line(6),
    startsAt: upcoming(10, 9),
    durationHours: 3,
    capacity: 8,
    facilitator: 'Equipo de Participación Social, Red de Salud Centro',
    registrants: 11,
    materials: ['video-citas'],
  },
  {
    key: 'mecanismos',
    network: 'CENTRO',
    title: 'Mecanismos de participación social en salud',
    description: 'Charla virtual sobre asociaciones de usuarios, COPACO, veedurías y comités de ética.',
    topic: 'PARTICIPATION_MECHANISMS',
    kind: 'TALK',
    modality: 'VIRTUAL',
    virtualUrl: 'https://meet.example.org/mecanismos-participacion',
    startsAt: upcoming(17, 18),
    durationHours: 2,
    capacity: 100,
    registrants: 4,
  },
  {
    key: 'portafolio',
    network: 'CENTRO',
    title: 'Conozca el portafolio de servicios de su red',
    description: 'Línea 5 del plan 2023: difusión del portafolio de servicios en las comunas.',
    topic: 'SERVICE_PORTFOLIO',
    kind: 'TALK',
    modality: 'IN_PERSON',
    territoryId: territoryId('C12'),
    facilityId: demoFacilityId('Centro de Salud El Rodeo'),
    address: 'Centro de Salud El Rodeo',
    activityId: centro2023Line(5),
    startsAt: upcoming(24, 10),
    durationHours: 2,
    capacity: 25,
    registrants: 3,
    materials: ['portafolio'],
  },
  {
    key: 'control-oriente',
    network: 'ORIENTE',
    title: 'Control social y veeduría en salud',
    topic: 'SOCIAL_CONTROL',
    kind: 'WORKSHOP',
    modality: 'IN_PERSON',
    territoryId: territoryId('C14'),
    facilityId: demoFacilityId('Hospital Carlos Holmes Trujillo'),
    address: 'Hospital Carlos Holmes Trujillo',
    startsAt: upcoming(12, 14),
    durationHours: 3,
    capacity: 30,
    registrants: 5,
  },
];

const FIRST_NAMES = ['María', 'José', 'Luz Dary', 'Carlos', 'Ana Milena', 'Jhon Jairo', 'Yolanda', 'Andrés'];
const LAST_NAMES = ['Rodríguez', 'Angulo', 'Valencia', 'Mosquera', 'Cárdenas', 'Riascos', 'Gómez', 'Caicedo'];
const BIRTH_YEARS = [1948, 1955, 1962, 1970, 1981, 1990, 1999, 2004, 2009, 1958, 1966, 1975];
const COMUNAS = ['C08', 'C09', 'C10', 'C11', 'C12'];

/** A deterministic, varied participant: demo aggregates look like a real characterization. */
function participant(n: number, startsAt: Date) {
  const birthYear = BIRTH_YEARS[n % BIRTH_YEARS.length]!;
  return {
    fullName: `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 3) % LAST_NAMES.length]}`,
    documentType: 'CC' as const,
    documentNumber: String(31_000_000 + n * 7919),
    email: `participante${n}@example.org`,
    birthYear,
    lifeStage: lifeStageOf(birthYear, yearInBogota(startsAt)),
    sex: n % 3 === 0 ? ('HOMBRE' as const) : ('MUJER' as const),
    ethnicity: ETHNICITIES[[5, 4, 5, 0, 5, 4][n % 6]!]!,
    disability: n % 7 === 0,
    armedConflictVictim: n % 9 === 0,
    migrant: n % 11 === 0,
    territoryId: territoryId(COMUNAS[n % COMUNAS.length]!),
    dataConsentAt: new Date(startsAt.getTime() - 5 * DAY_MS),
  };
}

/** Demo data for `npm start`; a second run adds nothing. */
export async function seedDemo(db: EducationDb): Promise<void> {
  await seedWorkshops(db);
  await seedPresentedServices(db);
  await seedCampaigns(db, SEED_AUTHOR);
}

/** The services of El Rodeo's portfolio (seeded by territory) that the portfolio talk presents. */
const PRESENTED_SERVICES = [
  'Vacunación extramural',
  'Toma de signos vitales y tamizaje',
  'Planificación familiar',
].map((service) => demoServiceOfferingId('Centro de Salud El Rodeo', service));

/** Its own step, idempotent by key: data seeded before the portfolio existed gets the links once. */
async function seedPresentedServices(db: EducationDb): Promise<void> {
  const [talk] = await db
    .select({ id: workshops.id })
    .from(workshops)
    .where(and(eq(workshops.createdBy, SEED_AUTHOR), eq(workshops.topic, 'SERVICE_PORTFOLIO')))
    .limit(1);
  if (!talk) return;
  await db
    .insert(workshopServices)
    .values(PRESENTED_SERVICES.map((serviceOfferingId) => ({ workshopId: talk.id, serviceOfferingId })))
    .onConflictDoNothing();
}

async function seedWorkshops(db: EducationDb): Promise<void> {
  await db.transaction(async (tx) => {
    const [seeded] = await tx
      .select({ id: workshops.id })
      .from(workshops)
      .where(eq(workshops.createdBy, SEED_AUTHOR))
      .limit(1);
    if (seeded) return;

    const materialIds = new Map<string, string>();
    for (const { key, ...values } of MATERIALS) {
      const [row] = await tx
        .insert(materials)
        .values({ ...values, createdBy: SEED_AUTHOR })
        .returning({ id: materials.id });
      materialIds.set(key, row!.id);
    }

    let person = 0;
    for (const seed of WORKSHOPS) {
      const {
        key: _key,
        network,
        durationHours,
        registrants,
        attended = 0,
        walkIns = 0,
        satisfaction = [],
        materials: materialKeys = [],
        ...values
      } = seed;
      const [workshop] = await tx
        .insert(workshops)
        .values({
          ...values,
          networkId: networkId(network),
          endsAt: hours(seed.startsAt, durationHours),
          createdBy: SEED_AUTHOR,
        })
        .returning();
      const held = workshop!.status === 'HELD';
      const people = [
        ...Array.from({ length: registrants }, (_, i) => ({
          ...participant(person + i, workshop!.startsAt),
          status: i < workshop!.capacity ? ('REGISTERED' as const) : ('WAITLISTED' as const),
          walkIn: false,
          checkInCode: held ? null : newCheckInCode(),
          attendedAt: i < attended ? workshop!.startsAt : null,
          attendanceMethod: i < attended ? ('LIST' as const) : null,
        })),
        ...Array.from({ length: walkIns }, (_, i) => {
          const {
            fullName: _n,
            documentNumber: _d,
            email: _e,
            documentType: _t,
            birthYear: _b,
            ...anonymous
          } = participant(person + registrants + i, workshop!.startsAt);
          return {
            ...anonymous,
            dataConsentAt: null,
            status: 'REGISTERED' as const,
            walkIn: true,
            checkInCode: null,
            attendedAt: workshop!.startsAt,
            attendanceMethod: 'WALK_IN' as const,
          };
        }),
      ];
      person += registrants + walkIns;
      if (people.length > 0) {
        await tx
          .insert(registrations)
          .values(people.map((p) => ({ ...p, workshopId: workshop!.id, createdBy: SEED_AUTHOR })));
      }
      if (satisfaction.length > 0) {
        await tx.insert(evaluations).values(
          satisfaction.map((score, i) => ({
            workshopId: workshop!.id,
            satisfaction: score,
            preTestScore: 40 + ((i * 7) % 25),
            postTestScore: 70 + ((i * 5) % 25),
          })),
        );
      }
      if (materialKeys.length > 0) {
        await tx
          .insert(workshopMaterials)
          .values(materialKeys.map((k) => ({ workshopId: workshop!.id, materialId: materialIds.get(k)! })));
      }
    }
  });
}
