import { characterizationFields } from '@participa/characterization';
import {
  email as kitEmail,
  networkCode as kitNetworkCode,
  phone as kitPhone,
  optionalText,
  text,
  uuid,
  z,
} from '@participa/subgraph-kit';
import { normalizeDocument, normalizeEmail } from './domain.ts';
import {
  ACCESSIBLE_FORMATS,
  COMMUNITY_SERVICES,
  DOCUMENT_TYPES,
  MATERIAL_KINDS,
  MODALITIES,
  WORKSHOP_KINDS,
  WORKSHOP_TOPICS,
} from './vocabulary.ts';

export const networkCode = kitNetworkCode();
const instant = z.date('debe ser una fecha y hora válida');
const url = z.url('debe ser una dirección web válida').max(500);
const email = z.string().transform(normalizeEmail).pipe(kitEmail());
const phone = kitPhone();
const documentNumber = z
  .string()
  .transform(normalizeDocument)
  .pipe(z.string().regex(/^[A-Z0-9]{3,20}$/, 'debe tener entre 3 y 20 letras o dígitos'));
const period = <T extends { startsAt: Date; endsAt: Date }>(input: T) => input.endsAt > input.startsAt;
const periodIssue = { path: ['endsAt'], message: 'debe ser posterior a la hora de inicio' };

export const scheduleWorkshopInput = z
  .object({
    networkCode,
    title: text(200),
    description: optionalText(4000),
    topic: z.enum(WORKSHOP_TOPICS),
    kind: z.enum(WORKSHOP_KINDS).nullish(),
    modality: z.enum(MODALITIES),
    virtualUrl: url.nullish(),
    territoryId: uuid().nullish(),
    venueId: uuid().nullish(),
    address: optionalText(300),
    startsAt: instant,
    endsAt: instant,
    capacity: z.number().int('debe ser un número entero').min(1, 'debe ser al menos 1').max(100_000),
    facilitator: optionalText(200),
    activityId: uuid().nullish(),
    materialIds: z.array(uuid()).max(50).nullish(),
  })
  .refine(period, periodIssue)
  .refine((input) => input.modality === 'IN_PERSON' || input.virtualUrl, {
    path: ['virtualUrl'],
    message: 'los talleres virtuales e híbridos necesitan el enlace de conexión',
  })
  .refine((input) => input.modality === 'VIRTUAL' || input.venueId || input.address || input.territoryId, {
    path: ['address'],
    message: 'los talleres presenciales necesitan una sede, una dirección o un territorio',
  });
export type ScheduleWorkshopInput = z.output<typeof scheduleWorkshopInput>;

export const rescheduleWorkshopInput = z
  .object({ id: uuid(), startsAt: instant, endsAt: instant, reason: text(500) })
  .refine(period, periodIssue);

export const cancelWorkshopInput = z.object({ id: uuid(), reason: text(500) });

export const recordCommunityDayServicesInput = z.object({
  workshopId: uuid(),
  servicesOffered: z.array(z.enum(COMMUNITY_SERVICES)).min(1, 'debe indicar al menos un servicio'),
  peopleServed: z.number().int('debe ser un número entero').min(0, 'no puede ser negativo'),
});

const identityFields = {
  documentType: z.enum(DOCUMENT_TYPES).nullish(),
  documentNumber: documentNumber.nullish(),
  email: email.nullish(),
  phone: phone.nullish(),
};

export const participantInput = z
  .object({
    fullName: text(200),
    ...identityFields,
    ...characterizationFields,
  })
  .refine((p) => p.documentNumber || p.email, {
    path: ['documentNumber'],
    message: 'debe indicar el número de documento o el correo electrónico',
  });
export type ParticipantInput = z.output<typeof participantInput>;

export const registerForWorkshopInput = z.object({
  workshopId: uuid(),
  participant: participantInput,
  dataConsent: z.literal(true, 'debe autorizar el tratamiento de sus datos personales (Ley 1581 de 2012)'),
});

export const walkInInput = z
  .object({
    fullName: optionalText(200),
    ...identityFields,
    ...characterizationFields,
    dataConsent: z.boolean().nullish(),
  })
  .refine((w) => w.dataConsent || !(w.fullName || w.documentNumber || w.email || w.phone), {
    path: ['dataConsent'],
    message: 'registrar la identidad de un asistente requiere su autorización de datos (Ley 1581 de 2012)',
  });
export type WalkInInput = z.output<typeof walkInInput>;

export const recordAttendanceInput = z.object({
  workshopId: uuid(),
  registrationIds: z.array(uuid()).max(1000).nullish(),
  checkInCodes: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{6,16}$/, 'debe ser un código de asistencia válido'),
    )
    .max(1000)
    .nullish(),
  walkIns: z.array(walkInInput).max(1000).nullish(),
});
export type RecordAttendanceInput = z.output<typeof recordAttendanceInput>;

const score = z
  .number()
  .int('debe ser un número entero')
  .min(0, 'debe estar entre 0 y 100')
  .max(100, 'debe estar entre 0 y 100');
export const recordEvaluationInput = z.object({
  workshopId: uuid(),
  registrationId: uuid().nullish(),
  satisfaction: z
    .number()
    .int('debe ser un número entero')
    .min(1, 'debe estar entre 1 y 5')
    .max(5, 'debe estar entre 1 y 5'),
  preTestScore: score.nullish(),
  postTestScore: score.nullish(),
  comment: optionalText(2000),
});

export const createMaterialInput = z.object({
  networkCode: networkCode.nullish(),
  title: text(200),
  kind: z.enum(MATERIAL_KINDS),
  topic: z.enum(WORKSHOP_TOPICS),
  audience: optionalText(200),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, 'debe ser un código de idioma como es o en')
    .nullish(),
  accessibleFormats: z.array(z.enum(ACCESSIBLE_FORMATS)).nullish(),
  url: url.nullish(),
});
export type CreateMaterialInput = z.output<typeof createMaterialInput>;

export const useMaterialsInput = z.object({
  workshopId: uuid(),
  materialIds: z.array(uuid()).min(1).max(50),
});

export const checkInCode = z.string().trim().toUpperCase().nullish();

export const eraseParticipantDataInput = z.object({
  registrationId: uuid(),
  checkInCode,
  requestReference: optionalText(100),
});
