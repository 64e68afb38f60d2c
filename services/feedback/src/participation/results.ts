import type { ConsultationRow, SurveyQuestionRow } from '../db/schema.ts';
import { optionCounts, SCALE_LABELS } from './domain.ts';

interface Tally {
  questionId: string;
  position: number;
  value: number;
}

/** Results of one question: how many answered, the average of a scale, counts per option. */
export function questionResult(question: SurveyQuestionRow, answered: number, tallies: readonly Tally[]) {
  const counts = new Map(
    tallies.filter((t) => t.questionId === question.id).map((t) => [t.position, t.value]),
  );
  const scale = question.kind === 'SCALE_1_5';
  const labels = scale ? SCALE_LABELS : question.kind === 'OPEN_TEXT' ? [] : question.options;
  const sum = scale ? [...counts].reduce((total, [position, n]) => total + (position + 1) * n, 0) : 0;
  return {
    question,
    answered,
    average: scale && answered > 0 ? Math.round((100 * sum) / answered) / 100 : null,
    options: optionCounts(labels, counts, answered),
  };
}

export function consultationResult(
  consultation: ConsultationRow,
  tallies: readonly { option: number; value: number }[],
) {
  const votes = tallies.reduce((total, t) => total + t.value, 0);
  return {
    votes,
    options: optionCounts(consultation.options, new Map(tallies.map((t) => [t.option, t.value])), votes),
  };
}
