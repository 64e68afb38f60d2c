import { characterizationFields, DOCUMENT_TYPES } from '@participa/characterization';
import {
  calendarDate,
  email as kitEmail,
  networkCode as kitNetworkCode,
  phone as kitPhone,
  optionalText,
  text,
  uuid,
  z,
} from '@participa/subgraph-kit';
import { pqrsChannel, pqrsStatus, pqrsType, riskLevel } from './db/schema.ts';

// The closed vocabularies are the database enums': one list for the table and the validation.
export const PQRS_TYPES = pqrsType.enumValues;
export const PQRS_CHANNELS = pqrsChannel.enumValues;
export const PQRS_STATUSES = pqrsStatus.enumValues;
const RISK_LEVELS = riskLevel.enumValues;

const networkCode = kitNetworkCode();
const email = kitEmail();
const phone = kitPhone();
const instant = z.date('debe ser una fecha y hora válida');

const characterization = z.object(characterizationFields);

/** How the petitioner wants the answer, in the schema's Spanish values and the deprecated English ones. */
export const RESPONSE_CHANNELS = ['PRESENCIAL', 'TELEFONICO', 'EMAIL', 'CORREO_POSTAL'] as const;
const LEGACY_RESPONSE_CHANNELS = ['IN_PERSON', 'PHONE', 'EMAIL', 'MAIL'] as const;
type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];
type LegacyResponseChannel = (typeof LEGACY_RESPONSE_CHANNELS)[number];
const FROM_LEGACY: Record<LegacyResponseChannel, ResponseChannel> = {
  IN_PERSON: 'PRESENCIAL',
  PHONE: 'TELEFONICO',
  EMAIL: 'EMAIL',
  MAIL: 'CORREO_POSTAL',
};
const TO_LEGACY = Object.fromEntries(Object.entries(FROM_LEGACY).map(([k, v]) => [v, k])) as Record<
  ResponseChannel,
  LegacyResponseChannel
>;

/** The channel as stored (sealed data keeps the field it always had) and as each field shows it. */
export const responseChannelOf = (stored: string | null | undefined): ResponseChannel | null =>
  stored ? (FROM_LEGACY[stored as LegacyResponseChannel] ?? null) : null;

const petitioner = z.object({
  fullName: text(200),
  documentType: z.enum(DOCUMENT_TYPES).nullish(),
  documentNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{3,20}$/, 'debe ser un número de documento válido')
    .nullish(),
  email: email.nullish(),
  phone: phone.nullish(),
  address: optionalText(300),
  preferredChannel: z.enum(LEGACY_RESPONSE_CHANNELS).nullish(),
  responseChannel: z.enum(RESPONSE_CHANNELS).nullish(),
  characterization: characterization.nullish(),
});
/**
 * One channel from either field: the new `responseChannel` or the deprecated `preferredChannel`,
 * stored in the sealed data as the old field always was, so records of both ages read alike.
 */
const petitionerWithOneChannel = petitioner
  .superRefine((p, ctx) => {
    if (p.responseChannel && p.preferredChannel && FROM_LEGACY[p.preferredChannel] !== p.responseChannel)
      ctx.addIssue({
        code: 'custom',
        path: ['responseChannel'],
        message: 'no coincide con preferredChannel; envíe solo responseChannel',
      });
  })
  .transform(({ responseChannel, ...rest }) => ({
    ...rest,
    preferredChannel: responseChannel ? TO_LEGACY[responseChannel] : rest.preferredChannel,
  }));
export type PetitionerData = z.output<typeof petitionerWithOneChannel>;
/** A petitioner's characterization as stored (sealed) with the PQRS. */
export type CharacterizationData = NonNullable<PetitionerData['characterization']>;

export const submitPqrsInput = z
  .object({
    networkCode,
    type: z.enum(PQRS_TYPES),
    subject: text(200),
    description: text(10_000),
    channel: z.enum(PQRS_CHANNELS),
    facilityId: uuid().nullish(),
    territoryId: uuid().nullish(),
    service: optionalText(120),
    riskLevel: z.enum(RISK_LEVELS).nullish(),
    anonymous: z.boolean().nullish(),
    petitioner: petitionerWithOneChannel.nullish(),
    receivedAt: instant.nullish(),
    idempotencyKey: z
      .string()
      .trim()
      .min(16, 'debe tener al menos 16 caracteres (use un UUID)')
      .max(100)
      .nullish(),
  })
  .superRefine((input, ctx) => {
    if (input.riskLevel && input.type !== 'RECLAMO')
      ctx.addIssue({
        code: 'custom',
        path: ['riskLevel'],
        message: 'solo aplica a reclamos (type RECLAMO)',
      });
    if (input.anonymous && input.petitioner)
      ctx.addIssue({
        code: 'custom',
        path: ['petitioner'],
        message: 'una PQRS anónima no lleva datos del peticionario',
      });
    if (!input.anonymous && !input.petitioner)
      ctx.addIssue({
        code: 'custom',
        path: ['petitioner'],
        message: 'es obligatorio salvo que la PQRS sea anónima (anonymous: true)',
      });
    if (input.receivedAt && input.receivedAt.getTime() > Date.now())
      ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: 'no puede estar en el futuro' });
  });
export type SubmitPqrsInput = z.output<typeof submitPqrsInput>;

export const assignPqrsInput = z
  .object({ pqrsId: uuid(), assignee: optionalText(200), area: optionalText(200), note: optionalText(4000) })
  .refine((input) => input.assignee || input.area, {
    path: ['assignee'],
    message: 'indique la persona (assignee) o el área (area) responsable',
  });

export const addPqrsNoteInput = z.object({ pqrsId: uuid(), note: text(4000) });
export const respondToPqrsInput = z.object({
  pqrsId: uuid(),
  response: text(20_000),
  note: optionalText(4000),
});
export const extendPqrsDeadlineInput = z.object({ pqrsId: uuid(), reason: text(2000), newDueAt: instant });
export const transferPqrsInput = z
  .object({
    pqrsId: uuid(),
    toNetworkCode: networkCode.nullish(),
    toEntityName: optionalText(200),
    reason: text(2000),
  })
  .refine((input) => Boolean(input.toNetworkCode) !== Boolean(input.toEntityName), {
    path: ['toNetworkCode'],
    message: 'indique una red (toNetworkCode) o una entidad externa (toEntityName), no ambas',
  });
export const reopenPqrsInput = z.object({ pqrsId: uuid(), reason: text(2000) });
export const ratePqrsResponseInput = z.object({
  radicado: text(40),
  trackingCode: text(40),
  score: z
    .number()
    .int('debe ser un número entero')
    .min(1, 'debe estar entre 1 y 5')
    .max(5, 'debe estar entre 1 y 5'),
  comment: optionalText(2000),
});

const isoDate = calendarDate();
export const pqrsFilterInput = z
  .object({
    networkCode: networkCode.nullish(),
    status: z.enum(PQRS_STATUSES).nullish(),
    type: z.enum(PQRS_TYPES).nullish(),
    channel: z.enum(PQRS_CHANNELS).nullish(),
    facilityId: uuid().nullish(),
    territoryId: uuid().nullish(),
    overdue: z.boolean().nullish(),
    dueWithinDays: z.number().int().min(0, 'no puede ser negativo').max(366).nullish(),
    from: isoDate.nullish(),
    to: isoDate.nullish(),
  })
  .nullish();
export type PqrsFilterInput = NonNullable<z.output<typeof pqrsFilterInput>>;
export const statsRangeInput = z.object({ from: isoDate.nullish(), to: isoDate.nullish() });
export const pqrsIdInput = uuid();
