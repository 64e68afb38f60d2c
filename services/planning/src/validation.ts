import {
  calendarDate,
  networkCode as kitNetworkCode,
  optionalText,
  text,
  uuid,
  z,
} from '@participa/subgraph-kit';
import {
  activityStatus,
  commitmentStatus,
  evidenceKind,
  fundingSource,
  managementPhase,
  participationProcedure,
  resourceType,
} from './db/schema.ts';

const isoDate = calendarDate();
const networkCode = kitNetworkCode();
const ids = (max = 50) => z.array(uuid()).max(max).nullish();
/** Pesos as integers; one item or entry stays within GraphQL's 32-bit Int. */
const MAX_AMOUNT = 2_000_000_000;
const pesos = z
  .number()
  .int('debe ser un número entero de pesos')
  .min(0, 'no puede ser negativo')
  .max(MAX_AMOUNT, `no puede superar ${MAX_AMOUNT} pesos`);
const quantity = z.number().int('debe ser un número entero').min(0, 'no puede ser negativo');

// The closed vocabularies are the database enums': one list for the table and the validation.
export const ACTIVITY_STATUSES = activityStatus.enumValues;
const PROCEDURES = participationProcedure.enumValues;
const PHASES = managementPhase.enumValues;
const COMMITMENT_STATUSES = commitmentStatus.enumValues;

export const year = z
  .number()
  .int('debe ser un año')
  .min(2017, 'debe ser 2017 o posterior (Resolución 2063 de 2017)')
  .max(2100, 'debe ser un año válido');

export const createActionPlanInput = z.object({
  networkCode,
  year,
  title: text(200),
  generalObjective: text(4000),
  specificObjectives: z.array(text(1000)).max(20).nullish(),
});
export type CreateActionPlanInput = z.output<typeof createActionPlanInput>;

export const updateActionPlanInput = z.object({
  id: uuid(),
  title: text(200).optional(),
  generalObjective: text(4000).optional(),
  specificObjectives: z.array(text(1000)).max(20).optional(),
});

export const returnActionPlanInput = z.object({ id: uuid(), reason: text(2000) });

export const addActivityInput = z
  .object({
    planId: uuid(),
    title: text(300),
    description: optionalText(4000),
    axisCodes: z
      .array(z.string().trim().toUpperCase())
      .min(1, 'debe indicar al menos un eje estratégico')
      .max(5),
    actionLineIds: ids(),
    territoryIds: ids(),
    responsibleOrganizationIds: ids(),
    procedures: z.array(z.enum(PROCEDURES)).nullish(),
    phases: z.array(z.enum(PHASES)).nullish(),
    startDate: isoDate,
    endDate: isoDate,
    goalQuantity: z.number().int('debe ser un número entero').min(1, 'debe ser al menos 1'),
    goalUnit: text(60),
  })
  .refine((input) => input.endDate >= input.startDate, {
    path: ['endDate'],
    message: 'la fecha de fin no puede ser anterior a la de inicio',
  });
export type AddActivityInput = z.output<typeof addActivityInput>;

export const recordActivityProgressInput = z
  .object({
    activityId: uuid(),
    executedQuantity: quantity,
    status: z.enum(ACTIVITY_STATUSES).nullish(),
    note: optionalText(2000),
  })
  .refine((input) => input.status !== 'CANCELLED' || Boolean(input.note), {
    path: ['note'],
    message: 'explique por qué se cancela la actividad',
  });

export const addEvidenceInput = z.object({
  activityId: uuid(),
  name: text(200),
  kind: z.enum(evidenceKind.enumValues),
  url: z.url({ protocol: /^https?$/, error: 'debe ser una dirección http o https' }).max(2000),
  date: isoDate,
});

export const addBudgetItemInput = z.object({
  activityId: uuid(),
  resourceType: z.enum(resourceType.enumValues),
  fundingSource: z.enum(fundingSource.enumValues),
  description: optionalText(500),
  plannedAmount: pesos,
});
export type AddBudgetItemInput = z.output<typeof addBudgetItemInput>;

export const recordBudgetExecutionInput = z.object({
  budgetItemId: uuid(),
  executedAmount: pesos.refine((amount) => amount > 0, 'debe ser mayor que cero'),
  date: isoDate.nullish(),
  note: optionalText(1000),
  justification: optionalText(2000),
});

export const closeActionPlanInput = z.object({
  id: uuid(),
  achievements: text(4000),
  difficulties: text(4000),
  lessons: text(4000),
  activityResults: z.array(z.object({ activityId: uuid(), result: text(2000) })).max(500),
  startNextYear: z.boolean().nullish(),
});
export type CloseActionPlanInput = z.output<typeof closeActionPlanInput>;

export const createActionLineInput = z.object({
  axisCode: z.string().trim().toUpperCase(),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9.-]{1,20}$/, 'debe ser un código corto como L1.1'),
  name: text(300),
});

/** An `id` argument, so that a malformed one is reported as the field "id" (not "input"). */
export const idArgument = z.object({ id: uuid() });

export const renameActionLineInput = z.object({ id: uuid(), name: text(300) });

export const createCommitmentActInput = z.object({
  title: text(300),
  eventName: text(300),
  date: isoDate,
  place: text(300),
  summary: optionalText(4000),
  networkCodes: z.array(networkCode).min(1, 'debe indicar al menos una red').max(5),
  commitments: z
    .array(
      z.object({
        description: text(2000),
        responsibleOrganizationId: uuid().nullish(),
        dueDate: isoDate,
      }),
    )
    .min(1, 'el acta debe tener al menos un compromiso')
    .max(100),
  signatories: z
    .array(z.object({ name: text(200), organizationId: uuid().nullish(), role: optionalText(200) }))
    .max(200)
    .nullish(),
});
export type CreateCommitmentActInput = z.output<typeof createCommitmentActInput>;

export const recordFollowUpInput = z.object({
  commitmentId: uuid(),
  note: text(2000),
  status: z.enum(COMMITMENT_STATUSES),
});
