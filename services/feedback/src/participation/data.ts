import { type NewestFirstCursor, newestFirst } from '@participa/db';
import { and, asc, count, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { FeedbackDb } from '../db/index.ts';
import {
  consultations,
  consultationVotes,
  participationCodes,
  participations,
  surveyAnswers,
  surveyQuestions,
  surveyResponses,
  surveys,
} from '../db/schema.ts';
import type { CheckedAnswer, PeriodStatus } from './domain.ts';

/** Lists of surveys or consultations: by network, district-only, and where they stand now. */
export interface ListQuery {
  networkId?: string;
  districtOnly?: boolean;
  status?: PeriodStatus | null;
  now: Date;
}

function listConditions(
  table: { networkId: PgColumn; opensAt: PgColumn; closesAt: PgColumn },
  query: ListQuery,
): SQL[] {
  const conditions: SQL[] = [];
  if (query.networkId) conditions.push(eq(table.networkId, query.networkId));
  if (query.districtOnly) conditions.push(isNull(table.networkId));
  if (query.status === 'UPCOMING') conditions.push(gt(table.opensAt, query.now));
  if (query.status === 'OPEN') conditions.push(lte(table.opensAt, query.now), gt(table.closesAt, query.now));
  if (query.status === 'CLOSED') conditions.push(lte(table.closesAt, query.now));
  return conditions;
}

const newestSurveys = newestFirst(surveys.createdAt, surveys.id);
const newestConsultations = newestFirst(consultations.createdAt, consultations.id);

export async function findSurveysPage(
  db: FeedbackDb,
  query: ListQuery,
  after: NewestFirstCursor | null,
  limit: number,
) {
  return db
    .select()
    .from(surveys)
    .where(and(...listConditions(surveys, query), newestSurveys.after(after)))
    .orderBy(...newestSurveys.orderBy)
    .limit(limit);
}

export async function countSurveys(db: FeedbackDb, query: ListQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(surveys)
    .where(and(...listConditions(surveys, query)));
  return row?.value ?? 0;
}

export async function findConsultationsPage(
  db: FeedbackDb,
  query: ListQuery,
  after: NewestFirstCursor | null,
  limit: number,
) {
  return db
    .select()
    .from(consultations)
    .where(and(...listConditions(consultations, query), newestConsultations.after(after)))
    .orderBy(...newestConsultations.orderBy)
    .limit(limit);
}

export async function countConsultations(db: FeedbackDb, query: ListQuery): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(consultations)
    .where(and(...listConditions(consultations, query)));
  return row?.value ?? 0;
}

export async function surveysByIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select()
    .from(surveys)
    .where(inArray(surveys.id, [...ids]));
}

export async function consultationsByIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select()
    .from(consultations)
    .where(inArray(consultations.id, [...ids]));
}

export async function consultationsByActivityIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select()
    .from(consultations)
    .where(inArray(consultations.activityId, [...ids]))
    .orderBy(asc(consultations.opensAt), asc(consultations.id));
}

export async function questionsBySurveyIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select()
    .from(surveyQuestions)
    .where(inArray(surveyQuestions.surveyId, [...ids]))
    .orderBy(asc(surveyQuestions.position));
}

export async function insertSurvey(
  db: FeedbackDb,
  values: typeof surveys.$inferInsert,
  questions: Omit<typeof surveyQuestions.$inferInsert, 'surveyId' | 'position'>[],
) {
  const [survey] = await db.insert(surveys).values(values).returning();
  if (!survey) throw new Error('insert returned no survey');
  await db
    .insert(surveyQuestions)
    .values(questions.map((q, position) => ({ ...q, surveyId: survey.id, position })));
  return survey;
}

export async function insertConsultation(db: FeedbackDb, values: typeof consultations.$inferInsert) {
  const [row] = await db.insert(consultations).values(values).returning();
  if (!row) throw new Error('insert returned no consultation');
  return row;
}

// ---- one answer per person -------------------------------------------------------------------

export async function insertCodes(
  db: FeedbackDb,
  subjectId: string,
  batchId: string,
  hashes: readonly string[],
) {
  await db.insert(participationCodes).values(hashes.map((codeHash) => ({ subjectId, batchId, codeHash })));
}

/**
 * Spends a code: the conditional update takes the row lock, so of two requests with the same code
 * the second waits and then finds it used. `unknown` and `used` tell the two refusals apart.
 */
export async function spendCode(
  db: FeedbackDb,
  subjectId: string,
  codeHash: string,
): Promise<'spent' | 'used' | 'unknown'> {
  const match = and(eq(participationCodes.subjectId, subjectId), eq(participationCodes.codeHash, codeHash));
  const [spent] = await db
    .update(participationCodes)
    .set({ usedAt: new Date() })
    .where(and(match, isNull(participationCodes.usedAt)))
    .returning({ id: participationCodes.id });
  if (spent) return 'spent';
  const [used] = await db
    .select({ id: participationCodes.id })
    .from(participationCodes)
    .where(and(match, isNotNull(participationCodes.usedAt)));
  return used ? 'used' : 'unknown';
}

/** Records that a person took part; false if they already had (the primary key decides, also under races). */
export async function recordParticipation(db: FeedbackDb, subjectId: string, participantKey: string) {
  const rows = await db
    .insert(participations)
    .values({ subjectId, participantKey })
    .onConflictDoNothing()
    .returning({ subjectId: participations.subjectId });
  return rows.length === 1;
}

export async function insertResponse(
  db: FeedbackDb,
  surveyId: string,
  respondent: string | null,
  answers: readonly CheckedAnswer[],
) {
  const [response] = await db.insert(surveyResponses).values({ surveyId, respondent }).returning();
  if (!response) throw new Error('insert returned no response');
  await db.insert(surveyAnswers).values(answers.map((a) => ({ ...a, responseId: response.id })));
  return response;
}

export async function insertVote(db: FeedbackDb, consultationId: string, option: number) {
  await db.insert(consultationVotes).values({ consultationId, option });
}

// ---- results (aggregates only) -------------------------------------------------------------------

export async function responseCountsBySurveyIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select({ surveyId: surveyResponses.surveyId, value: count() })
    .from(surveyResponses)
    .where(inArray(surveyResponses.surveyId, [...ids]))
    .groupBy(surveyResponses.surveyId);
}

/** How many answered each question of the given surveys. */
export async function answeredCountsBySurveyIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select({ surveyId: surveyQuestions.surveyId, questionId: surveyAnswers.questionId, value: count() })
    .from(surveyAnswers)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .where(inArray(surveyQuestions.surveyId, [...ids]))
    .groupBy(surveyQuestions.surveyId, surveyAnswers.questionId);
}

/**
 * How many chose each value of the scale and choice questions of the given surveys: the position
 * of the option, or the 1–5 value minus one (so both index their labels from 0).
 */
export async function valueTalliesBySurveyIds(db: FeedbackDb, ids: readonly string[]) {
  const chosen = db
    .select({
      surveyId: surveyQuestions.surveyId,
      questionId: surveyAnswers.questionId,
      position:
        sql<number>`unnest(coalesce(${surveyAnswers.choices}, array[${surveyAnswers.scale} - 1]::smallint[]))`.as(
          'position',
        ),
    })
    .from(surveyAnswers)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .where(
      and(
        inArray(surveyQuestions.surveyId, [...ids]),
        or(isNotNull(surveyAnswers.choices), isNotNull(surveyAnswers.scale)),
      ),
    )
    .as('chosen');
  return db
    .select({
      surveyId: chosen.surveyId,
      questionId: chosen.questionId,
      position: chosen.position,
      value: count(),
    })
    .from(chosen)
    .groupBy(chosen.surveyId, chosen.questionId, chosen.position);
}

/** Open-text answers of one question, newest first, without any trace of who wrote them. */
export async function openAnswersPage(
  db: FeedbackDb,
  questionId: string,
  afterId: number | null,
  limit: number,
) {
  return db
    .select({ id: surveyAnswers.id, text: surveyAnswers.text })
    .from(surveyAnswers)
    .where(
      and(
        eq(surveyAnswers.questionId, questionId),
        isNotNull(surveyAnswers.text),
        afterId === null ? undefined : sql`${surveyAnswers.id} < ${afterId}`,
      ),
    )
    .orderBy(sql`${surveyAnswers.id} desc`)
    .limit(limit);
}

export async function countOpenAnswers(db: FeedbackDb, questionId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.questionId, questionId), isNotNull(surveyAnswers.text)));
  return row?.value ?? 0;
}

export async function voteTalliesByConsultationIds(db: FeedbackDb, ids: readonly string[]) {
  return db
    .select({
      consultationId: consultationVotes.consultationId,
      option: consultationVotes.option,
      value: count(),
    })
    .from(consultationVotes)
    .where(inArray(consultationVotes.consultationId, [...ids]))
    .groupBy(consultationVotes.consultationId, consultationVotes.option);
}
