import { loaderById, loaderGroupedBy, loaderOfOne } from '@participa/subgraph-kit';
import type { FeedbackDb } from '../db/index.ts';
import {
  answeredCountsBySurveyIds,
  consultationsByActivityIds,
  consultationsByIds,
  questionsBySurveyIds,
  responseCountsBySurveyIds,
  surveysByIds,
  valueTalliesBySurveyIds,
  voteTalliesByConsultationIds,
} from './data.ts';

/** Surveys, consultations and their aggregates: one query per kind and request. */
export function participationLoaders(db: FeedbackDb) {
  return {
    survey: loaderById((ids) => surveysByIds(db, ids)),
    consultation: loaderById((ids) => consultationsByIds(db, ids)),
    questionsOfSurvey: loaderGroupedBy(
      (ids) => questionsBySurveyIds(db, ids),
      (q) => q.surveyId,
    ),
    consultationsOfActivity: loaderGroupedBy(
      (ids) => consultationsByActivityIds(db, ids),
      (c) => c.activityId,
    ),
    responseCount: loaderOfOne(
      (ids) => responseCountsBySurveyIds(db, ids),
      (r) => r.surveyId,
      { surveyId: '', value: 0 },
    ),
    answeredCounts: loaderGroupedBy(
      (ids) => answeredCountsBySurveyIds(db, ids),
      (r) => r.surveyId,
    ),
    valueTallies: loaderGroupedBy(
      (ids) => valueTalliesBySurveyIds(db, ids),
      (r) => r.surveyId,
    ),
    voteTallies: loaderGroupedBy(
      (ids) => voteTalliesByConsultationIds(db, ids),
      (r) => r.consultationId,
    ),
  };
}
