import { recordAudit } from '@participa/db';
import { requireNetwork } from '@participa/reference';
import { badUserInput, conflict, notFound, parseInput } from '@participa/subgraph-kit';
import type { Context } from '../context.ts';
import { auditEvents, type SurveyRow } from '../db/schema.ts';
import { requireManager } from './access.ts';
import { insertResponse, insertSurvey } from './data.ts';
import { checkAnswers, periodStatus } from './domain.ts';
import { claimParticipation, issueCodes } from './one-per-person.ts';
import { answerSurveyInput, createSurveyInput, issueSurveyCodesInput } from './validation.ts';

export async function requireSurvey(ctx: Context, id: string, field = 'surveyId'): Promise<SurveyRow> {
  const survey = await ctx.loaders.survey.load(id);
  if (!survey)
    throw field === 'id'
      ? notFound(`No existe la encuesta ${id}.`)
      : badUserInput(field, `Campo "${field}": no existe la encuesta ${id}.`);
  return survey;
}

export async function createSurvey(ctx: Context, raw: unknown): Promise<SurveyRow> {
  const input = parseInput(createSurveyInput, raw);
  const network = input.networkCode ? requireNetwork(input.networkCode) : null;
  requireManager(ctx.identity, network?.id ?? null);
  return ctx.db.transaction(async (tx) => {
    const survey = await insertSurvey(
      tx,
      {
        networkId: network?.id ?? null,
        kind: input.kind ?? 'GENERAL',
        title: input.title,
        description: input.description ?? null,
        anonymous: input.anonymous,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        createdBy: ctx.identity.sub,
      },
      input.questions.map((q) => ({
        kind: q.kind,
        prompt: q.prompt,
        options: q.options ?? [],
        required: q.required ?? true,
        overall: q.overall ?? false,
      })),
    );
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'survey.created',
      entity: 'Survey',
      entityId: survey.id,
      details: { network: network?.code ?? null, kind: survey.kind, questions: input.questions.length },
    });
    return survey;
  });
}

export async function issueSurveyCodes(ctx: Context, args: { surveyId: string; quantity: number }) {
  const input = parseInput(issueSurveyCodesInput, args);
  const survey = await requireSurvey(ctx, input.surveyId);
  requireManager(ctx.identity, survey.networkId);
  if (!survey.anonymous)
    throw badUserInput(
      'surveyId',
      'Campo "surveyId": la encuesta es identificada: se responde con una cuenta, sin códigos.',
    );
  if (periodStatus(survey, new Date()) === 'CLOSED')
    throw conflict('La encuesta ya cerró: no se emiten más códigos.');
  return ctx.db.transaction(async (tx) => {
    const batch = await issueCodes(tx, survey.id, input.quantity);
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'survey.codes_issued',
      entity: 'Survey',
      entityId: survey.id,
      details: { batchId: batch.batchId, quantity: input.quantity },
    });
    return batch;
  });
}

/** A citizen's answers: checked, then stored with the proof of one answer per person, atomically. */
export async function answerSurvey(ctx: Context, raw: unknown) {
  const input = parseInput(answerSurveyInput, raw);
  const survey = await requireSurvey(ctx, input.surveyId);
  const status = periodStatus(survey, new Date());
  if (status !== 'OPEN')
    throw conflict(status === 'UPCOMING' ? 'La encuesta todavía no está abierta.' : 'La encuesta ya cerró.');
  if (!survey.anonymous && input.code)
    throw badUserInput(
      'code',
      'Campo "code": esta encuesta es identificada: se responde con su cuenta, no con un código.',
    );
  const answers = checkAnswers(await ctx.loaders.questionsOfSurvey.load(survey.id), input.answers);
  const response = await ctx.db.transaction(async (tx) => {
    await claimParticipation(tx, ctx, survey.id, input.code, {
      repeated: 'Ya se registró una respuesta a esta encuesta para esta persona',
      anonymous: survey.anonymous
        ? 'Para responder inicie sesión o use el código de participación que le entregaron.'
        : 'Esta encuesta es identificada: inicie sesión para responderla.',
    });
    return insertResponse(tx, survey.id, survey.anonymous ? null : ctx.identity.sub, answers);
  });
  return { survey, submittedAt: response.submittedAt };
}
