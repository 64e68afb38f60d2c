import { type DemoFacilityName, demoFacilityId, demoServiceOfferingId } from '@participa/reference';
import type { TerritoryDb } from '../db/index.ts';
import { type ServiceOfferingRow, serviceOfferings } from '../db/schema.ts';
import { searchKey } from '../domain.ts';

interface OfferingSeed {
  facility: DemoFacilityName;
  name: string;
  modality: ServiceOfferingRow['modality'];
  schedule: string;
  howToRequest: string;
  populationServed: string;
  description?: string;
}

const WEEKDAYS = 'Lunes a viernes de 7:00 a. m. a 4:00 p. m.';
const CALL_CENTER =
  'Línea de citas de la Red de Salud Centro o en la ventanilla de la sede con el documento de identidad.';

/**
 * Red de Salud Centro's portfolio as its 2023 work plan describes it (line 5, socializing the
 * portfolio; line 8, community days with vaccination, consultations and vital signs; line 6,
 * digital channels), plus a few services of other networks.
 */
export const DEMO_SERVICE_OFFERINGS: readonly OfferingSeed[] = [
  {
    facility: 'Centro de Salud Obrero',
    name: 'Vacunación',
    modality: 'INTRAMURAL',
    schedule: WEEKDAYS,
    howToRequest: 'Sin cita: acérquese con el carné de vacunas y el documento de identidad.',
    populationServed: 'Niñas y niños de 0 a 5 años, gestantes, personas mayores y población general.',
    description: 'Esquema del Programa Ampliado de Inmunizaciones (PAI) y vacuna contra la influenza.',
  },
  {
    facility: 'Centro de Salud Obrero',
    name: 'Consulta de medicina general',
    modality: 'INTRAMURAL',
    schedule: WEEKDAYS,
    howToRequest: CALL_CENTER,
    populationServed: 'Población afiliada o asignada a la Red de Salud Centro.',
  },
  {
    facility: 'Centro de Salud Obrero',
    name: 'Consulta de medicina general por telemedicina',
    modality: 'TELEMEDICINE',
    schedule: 'Lunes a sábado de 7:00 a. m. a 7:00 p. m.',
    howToRequest:
      'Solicite la cita por la línea de citas o la página web y reciba el enlace por mensaje de texto.',
    populationServed:
      'Personas con dificultades de movilidad y usuarios de control de enfermedades crónicas.',
  },
  {
    facility: 'Hospital Primitivo Iglesias',
    name: 'Urgencias',
    modality: 'INTRAMURAL',
    schedule: 'Todos los días, 24 horas.',
    howToRequest: 'Acuda directamente al servicio de urgencias; no requiere cita ni autorización.',
    populationServed: 'Toda la población.',
  },
  {
    facility: 'Hospital Primitivo Iglesias',
    name: 'Atención domiciliaria a personas mayores',
    modality: 'HOME',
    schedule: 'Lunes a viernes según programación del equipo.',
    howToRequest: 'Remisión del médico tratante o solicitud de la familia en el SIAU del hospital.',
    populationServed: 'Personas mayores y personas con discapacidad que no pueden desplazarse.',
  },
  {
    facility: 'Centro de Salud El Rodeo',
    name: 'Vacunación extramural',
    modality: 'EXTRAMURAL',
    schedule: 'Jornadas comunitarias programadas en los barrios de la comuna 12.',
    howToRequest:
      'Consulte las fechas de las jornadas con la asociación de usuarios o la junta de acción comunal.',
    populationServed: 'Niñas y niños, gestantes y personas mayores de la comuna 12.',
  },
  {
    facility: 'Centro de Salud El Rodeo',
    name: 'Toma de signos vitales y tamizaje',
    modality: 'EXTRAMURAL',
    schedule: 'Durante las jornadas comunitarias de promoción y mantenimiento de la salud.',
    howToRequest: 'Sin cita, en el punto de la jornada.',
    populationServed: 'Población general, con prioridad para personas con hipertensión o diabetes.',
  },
  {
    facility: 'Centro de Salud El Rodeo',
    name: 'Planificación familiar',
    modality: 'INTRAMURAL',
    schedule: 'Martes y jueves de 7:00 a. m. a 12:00 m.',
    howToRequest: CALL_CENTER,
    populationServed: 'Adolescentes, jóvenes y personas adultas en edad fértil.',
  },
  {
    facility: 'Centro de Salud Cristóbal Colón',
    name: 'Odontología general',
    modality: 'INTRAMURAL',
    schedule: WEEKDAYS,
    howToRequest: CALL_CENTER,
    populationServed: 'Población general; control de placa para niñas y niños desde el primer año.',
  },
  {
    facility: 'Centro de Salud Luis H. Garcés',
    name: 'Control prenatal',
    modality: 'INTRAMURAL',
    schedule: 'Lunes, miércoles y viernes de 7:00 a. m. a 4:00 p. m.',
    howToRequest: 'Inscripción en la sede con la prueba de embarazo y el documento de identidad.',
    populationServed: 'Gestantes.',
  },
  {
    facility: 'Centro de Salud Siloé',
    name: 'Vacunación',
    modality: 'INTRAMURAL',
    schedule: WEEKDAYS,
    howToRequest: 'Sin cita, con el carné de vacunas.',
    populationServed: 'Niñas y niños de 0 a 5 años, gestantes y personas mayores.',
  },
  {
    facility: 'Centro de Salud Manuela Beltrán',
    name: 'Salud mental: orientación psicológica',
    modality: 'INTRAMURAL',
    schedule: 'Lunes a viernes de 8:00 a. m. a 12:00 m.',
    howToRequest: 'Remisión de medicina general o solicitud en el SIAU de la sede.',
    populationServed: 'Adolescentes, jóvenes y víctimas del conflicto armado.',
  },
];

/** Idempotent by stable id: a second start, or a start on data seeded before, adds nothing twice. */
export async function seedPortfolio(db: TerritoryDb, author: string): Promise<void> {
  await db
    .insert(serviceOfferings)
    .values(
      DEMO_SERVICE_OFFERINGS.map(({ facility, description, ...fields }) => ({
        ...fields,
        id: demoServiceOfferingId(facility, fields.name),
        facilityId: demoFacilityId(facility),
        searchName: searchKey(fields.name),
        description: description ?? null,
        createdBy: author,
      })),
    )
    .onConflictDoNothing();
}
