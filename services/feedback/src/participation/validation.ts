import { networkCode, optionalText, text, uuid, z } from '@participa/subgraph-kit';
import { questionKind, surveyKind } from '../db/schema.ts';

const instant = z.date('debe ser una fecha y hora válida');
const option = text(200);
const period = <T extends { opensAt: Date; closesAt: Date }>(input: T) => input.closesAt > input.opensAt;
const periodIssue = { path: ['closesAt'], message: 'debe ser posterior a la apertura (opensAt)' };

const question = z
  .object({
    prompt: text(500),
    kind: z.enum(questionKind.enumValues),
    options: z.array(option).max(20, 'admite hasta 20 opciones').nullish(),
    required: z.boolean().nullish(),
    overall: z.boolean().nullish(),
  })
  .superRefine((q, ctx) => {
    const choice = q.kind === 'SINGLE_CHOICE' || q.kind === 'MULTIPLE_CHOICE';
    const count = q.options?.length ?? 0;
    if (choice && count < 2)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'una pregunta de opciones necesita al menos 2',
      });
    if (!choice && count > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'solo las preguntas de opciones llevan opciones',
      });
    if (q.options && new Set(q.options.map((o) => o.toLowerCase())).size !== q.options.length)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'las opciones no pueden repetirse' });
    if (q.overall && q.kind !== 'SCALE_1_5')
      ctx.addIssue({
        code: 'custom',
        path: ['overall'],
        message: 'la pregunta general es de escala 1 a 5 (SCALE_1_5)',
      });
  });

export const createSurveyInput = z
  .object({
    networkCode: networkCode().nullish(),
    kind: z.enum(surveyKind.enumValues).nullish(),
    title: text(200),
    description: optionalText(4000),
    anonymous: z.boolean(),
    opensAt: instant,
    closesAt: instant,
    questions: z.array(question).min(1, 'la encuesta necesita al menos una pregunta').max(50),
  })
  .refine(period, periodIssue)
  .superRefine((survey, ctx) => {
    const overall = survey.questions.filter((q) => q.overall).length;
    if (survey.kind === 'USER_EXPERIENCE' && overall !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message: 'una encuesta de experiencia del usuario tiene exactamente una pregunta general (overall)',
      });
    if (survey.kind !== 'USER_EXPERIENCE' && overall > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message: 'solo las encuestas de experiencia del usuario (USER_EXPERIENCE) tienen pregunta general',
      });
  });
export type CreateSurveyInput = z.output<typeof createSurveyInput>;

/** A single-use code as typed back: case and separators do not matter. */
const code = z.string().trim().min(4, 'debe ser un código válido').max(40).nullish();

export const answerSurveyInput = z.object({
  surveyId: uuid(),
  code,
  answers: z
    .array(
      z.object({
        questionId: uuid(),
        scale: z.number().nullish(),
        choices: z.array(z.number()).max(20).nullish(),
        text: z.string().nullish(),
      }),
    )
    .min(1, 'debe responder al menos una pregunta')
    .max(50),
});

const quantity = z
  .number()
  .int('debe ser un número entero')
  .min(1, 'debe ser al menos 1')
  .max(1000, 'admite hasta 1000 códigos por lote');

export const issueSurveyCodesInput = z.object({ surveyId: uuid(), quantity });
export const issueConsultationCodesInput = z.object({ consultationId: uuid(), quantity });

export const createConsultationInput = z
  .object({
    networkCode: networkCode().nullish(),
    question: text(500),
    description: optionalText(4000),
    options: z
      .array(option)
      .min(2, 'una consulta necesita al menos 2 opciones')
      .max(20, 'admite hasta 20 opciones')
      .refine(
        (o) => new Set(o.map((x) => x.toLowerCase())).size === o.length,
        'las opciones no pueden repetirse',
      ),
    opensAt: instant,
    closesAt: instant,
    activityId: uuid().nullish(),
  })
  .refine(period, periodIssue);
export type CreateConsultationInput = z.output<typeof createConsultationInput>;

export const voteInput = z.object({
  consultationId: uuid(),
  option: z
    .number()
    .int('debe ser un número entero')
    .min(0, 'debe ser una posición de las opciones, desde 0'),
  code,
});

export const listFilter = z
  .object({
    networkCode: networkCode().nullish(),
    district: z.boolean().nullish(),
    status: z.enum(['UPCOMING', 'OPEN', 'CLOSED']).nullish(),
  })
  .nullish();
export type ListFilter = NonNullable<z.output<typeof listFilter>>;

export const idInput = uuid();
