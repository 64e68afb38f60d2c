import { requireNetwork } from '@participa/reference';
import {
  cursorPart,
  decodeCursor,
  forbidden,
  pageSize,
  parseInput,
  toConnection,
} from '@participa/subgraph-kit';
import type { Context } from '../context.ts';
import type { ConsultationRow, SurveyQuestionRow, SurveyRow } from '../db/schema.ts';
import type {
  MutationAnswerSurveyArgs,
  MutationCreateConsultationArgs,
  MutationCreateSurveyArgs,
  MutationIssueConsultationCodesArgs,
  MutationIssueSurveyCodesArgs,
  MutationVoteInConsultationArgs,
  QueryConsultationArgs,
  QueryConsultationsArgs,
  QuerySurveyArgs,
  QuerySurveysArgs,
  Resolvers,
  SurveyQuestionOpenAnswersArgs,
} from '../generated/resolvers-types.ts';
import { canReadOpenAnswers, canReadOpenResults } from './access.ts';
import { createConsultation, issueConsultationCodes, vote } from './consultations.ts';
import {
  countConsultations,
  countOpenAnswers,
  countSurveys,
  findConsultationsPage,
  findSurveysPage,
  type ListQuery,
  openAnswersPage,
} from './data.ts';
import { periodStatus } from './domain.ts';
import { consultationResult, questionResult } from './results.ts';
import { answerSurvey, createSurvey, issueSurveyCodes } from './surveys.ts';
import { idInput, listFilter } from './validation.ts';

function listQueryOf(raw: unknown): ListQuery {
  const filter = parseInput(listFilter, raw) ?? {};
  return {
    networkId: filter.networkCode ? requireNetwork(filter.networkCode, 'filter.networkCode').id : undefined,
    districtOnly: filter.district ?? false,
    status: filter.status,
    now: new Date(),
  };
}

function newestCursor(after: string | null | undefined) {
  const key = decodeCursor(after, [cursorPart.instant, cursorPart.id]);
  return key ? { createdAt: key[0], id: key[1] } : null;
}

const byId =
  <T>(load: (ctx: Context, id: string) => Promise<T | null>) =>
  (_: unknown, { id }: QuerySurveyArgs | QueryConsultationArgs, ctx: Context) =>
    idInput.safeParse(id).success ? load(ctx, id) : null;

const networkStub = (row: { networkId: string | null }) => (row.networkId ? { id: row.networkId } : null);

/** Aggregates are for those in charge while open, and public once closed. */
const resultsVisible = (ctx: Context, row: SurveyRow | ConsultationRow) =>
  periodStatus(row, new Date()) === 'CLOSED' || canReadOpenResults(ctx.identity, row.networkId);

export const participationResolvers = {
  Query: {
    async surveys(_: unknown, args: QuerySurveysArgs, ctx: Context) {
      const query = listQueryOf(args.filter);
      const size = pageSize(args.first);
      const rows = await findSurveysPage(ctx.db, query, newestCursor(args.after), size + 1);
      for (const row of rows) ctx.loaders.survey.prime(row.id, row);
      return toConnection(
        rows,
        size,
        (s) => [s.createdAt.toISOString(), s.id],
        () => countSurveys(ctx.db, query),
      );
    },
    survey: byId((ctx, id) => ctx.loaders.survey.load(id)),
    async consultations(_: unknown, args: QueryConsultationsArgs, ctx: Context) {
      const query = listQueryOf(args.filter);
      const size = pageSize(args.first);
      const rows = await findConsultationsPage(ctx.db, query, newestCursor(args.after), size + 1);
      for (const row of rows) ctx.loaders.consultation.prime(row.id, row);
      return toConnection(
        rows,
        size,
        (c) => [c.createdAt.toISOString(), c.id],
        () => countConsultations(ctx.db, query),
      );
    },
    consultation: byId((ctx, id) => ctx.loaders.consultation.load(id)),
  },

  Mutation: {
    createSurvey: (_: unknown, { input }: MutationCreateSurveyArgs, ctx: Context) => createSurvey(ctx, input),
    issueSurveyCodes: (_: unknown, args: MutationIssueSurveyCodesArgs, ctx: Context) =>
      issueSurveyCodes(ctx, args),
    answerSurvey: (_: unknown, { input }: MutationAnswerSurveyArgs, ctx: Context) => answerSurvey(ctx, input),
    createConsultation: (_: unknown, { input }: MutationCreateConsultationArgs, ctx: Context) =>
      createConsultation(ctx, input),
    issueConsultationCodes: (_: unknown, args: MutationIssueConsultationCodesArgs, ctx: Context) =>
      issueConsultationCodes(ctx, args),
    voteInConsultation: (_: unknown, { input }: MutationVoteInConsultationArgs, ctx: Context) =>
      vote(ctx, input),
  },

  Survey: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.survey.load(ref.id),
    network: networkStub,
    status: (s: SurveyRow) => periodStatus(s, new Date()),
    questions: (s: SurveyRow, _: unknown, ctx: Context) => ctx.loaders.questionsOfSurvey.load(s.id),
    responseCount: async (s: SurveyRow, _: unknown, ctx: Context) =>
      (await ctx.loaders.responseCount.load(s.id)).value,
    async results(s: SurveyRow, _: unknown, ctx: Context) {
      if (!resultsVisible(ctx, s)) return null;
      const [questions, responses, answered, tallies] = await Promise.all([
        ctx.loaders.questionsOfSurvey.load(s.id),
        ctx.loaders.responseCount.load(s.id),
        ctx.loaders.answeredCounts.load(s.id),
        ctx.loaders.valueTallies.load(s.id),
      ]);
      const answeredBy = new Map(answered.map((a) => [a.questionId, a.value]));
      return {
        responses: responses.value,
        questions: questions.map((q) => questionResult(q, answeredBy.get(q.id) ?? 0, tallies)),
      };
    },
  },

  SurveyQuestion: {
    async openAnswers(q: SurveyQuestionRow, args: SurveyQuestionOpenAnswersArgs, ctx: Context) {
      const survey = await ctx.loaders.survey.load(q.surveyId);
      if (!survey || !canReadOpenAnswers(ctx.identity, survey.networkId))
        throw forbidden(
          'Solo el personal a cargo de la encuesta (su red; la Secretaría de Salud en las distritales) lee las respuestas abiertas.',
        );
      if (q.kind !== 'OPEN_TEXT') return null;
      const size = pageSize(args.first);
      const cursor = decodeCursor(args.after, [cursorPart.position]);
      const rows = await openAnswersPage(ctx.db, q.id, cursor ? cursor[0] : null, size + 1);
      return toConnection(
        rows,
        size,
        (a) => [a.id],
        () => countOpenAnswers(ctx.db, q.id),
      );
    },
  },

  Consultation: {
    __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.consultation.load(ref.id),
    network: networkStub,
    status: (c: ConsultationRow) => periodStatus(c, new Date()),
    activity: (c: ConsultationRow) => (c.activityId ? { id: c.activityId } : null),
    async results(c: ConsultationRow, _: unknown, ctx: Context) {
      // Published when voting ends, for everyone: nobody, staff included, sees a running count.
      if (periodStatus(c, new Date()) !== 'CLOSED') return null;
      return consultationResult(c, await ctx.loaders.voteTallies.load(c.id));
    },
  },

  ParticipationCodeBatch: {
    quantity: (b: { codes: string[] }) => b.codes.length,
  },

  Activity: {
    __resolveReference: (ref: { id: string }) => ref,
    consultations: (a: { id: string }, _: unknown, ctx: Context) =>
      ctx.loaders.consultationsOfActivity.load(a.id),
  },
} satisfies Resolvers;
