import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { FeedbackDb } from '../db/index.ts';
import { surveyAnswers, surveyQuestions, surveyResponses, surveys } from '../db/schema.ts';
import { POSITIVE_SCALE } from './domain.ts';

export const EXPERIENCE_RESPONSES = 'survey.experience.responses';
export const EXPERIENCE_POSITIVE = 'survey.experience.positive';

export interface ExperienceMetrics {
  /** NETWORK: surveys of that network; DISTRICT: every user-experience survey, district ones included. */
  scope: 'NETWORK' | 'DISTRICT';
  networkId: string | null;
  values: { [EXPERIENCE_RESPONSES]: number; [EXPERIENCE_POSITIVE]: number };
}

/**
 * The data behind `survey.experience.responses` and `survey.experience.positive` for a period
 * [from, to): answers to the overall question (1–5) of user-experience surveys, and how many of
 * them were 4 or 5. One aggregate query; no answer or person leaves it. For the indicators
 * mechanism (`EXPERIENCIA_USUARIO` = 100 × positive / responses), wired in when it lands.
 */
export async function surveyExperienceMetrics(
  db: FeedbackDb,
  period: { from: Date; to: Date },
): Promise<ExperienceMetrics[]> {
  const rows = await db
    .select({
      networkId: surveys.networkId,
      responses: sql<number>`count(*)::int`,
      positive: sql<number>`(count(*) filter (where ${surveyAnswers.scale} >= ${POSITIVE_SCALE}))::int`,
    })
    .from(surveyAnswers)
    .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
    .innerJoin(surveys, eq(surveys.id, surveyQuestions.surveyId))
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(
      and(
        eq(surveys.kind, 'USER_EXPERIENCE'),
        eq(surveyQuestions.overall, true),
        gte(surveyResponses.submittedAt, period.from),
        lt(surveyResponses.submittedAt, period.to),
      ),
    )
    .groupBy(surveys.networkId);
  const values = (responses: number, positive: number) => ({
    [EXPERIENCE_RESPONSES]: responses,
    [EXPERIENCE_POSITIVE]: positive,
  });
  const district = rows.reduce(
    (sum, r) => ({ responses: sum.responses + r.responses, positive: sum.positive + r.positive }),
    {
      responses: 0,
      positive: 0,
    },
  );
  return [
    ...rows
      .filter((r) => r.networkId !== null)
      .map(
        (r): ExperienceMetrics => ({
          scope: 'NETWORK',
          networkId: r.networkId,
          values: values(r.responses, r.positive),
        }),
      ),
    { scope: 'DISTRICT', networkId: null, values: values(district.responses, district.positive) },
  ];
}
