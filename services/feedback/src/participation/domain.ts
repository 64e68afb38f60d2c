import { badUserInput } from '@participa/subgraph-kit';
import type { SurveyQuestionRow } from '../db/schema.ts';

/**
 * Pure rules of surveys and consultations (unit-tested apart from the database): the open period,
 * what a valid answer to each kind of question is, and results as counts and percentages.
 */

export type PeriodStatus = 'UPCOMING' | 'OPEN' | 'CLOSED';

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive). */
export function periodStatus(period: { opensAt: Date; closesAt: Date }, now: Date): PeriodStatus {
  if (now < period.opensAt) return 'UPCOMING';
  return now < period.closesAt ? 'OPEN' : 'CLOSED';
}

export interface AnswerInput {
  questionId: string;
  scale?: number | null;
  choices?: number[] | null;
  text?: string | null;
}

export interface CheckedAnswer {
  questionId: string;
  scale: number | null;
  choices: number[] | null;
  text: string | null;
}

type Question = Pick<SurveyQuestionRow, 'id' | 'kind' | 'options' | 'required' | 'position' | 'prompt'>;

const MAX_TEXT = 2000;

/**
 * The answers of one questionnaire, checked against the survey's questions. A problem becomes a
 * BAD_USER_INPUT naming the answer's field (`answers.2.choices`), before anything is written.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: readonly AnswerInput[],
): CheckedAnswer[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const checked = answers.map((answer, i): CheckedAnswer => {
    const field = (name: string) => `answers.${i}.${name}`;
    const fail = (name: string, message: string) =>
      badUserInput(field(name), `Campo "${field(name)}": ${message}`);
    const question = byId.get(answer.questionId);
    if (!question) throw fail('questionId', 'no es una pregunta de esta encuesta.');
    if (seen.has(question.id)) throw fail('questionId', 'la pregunta ya fue respondida en este envío.');
    seen.add(question.id);
    const given = {
      scale: answer.scale != null,
      choices: answer.choices != null,
      text: answer.text != null,
    };
    const only = (name: keyof typeof given, what: string) => {
      for (const other of Object.keys(given) as (keyof typeof given)[]) {
        if (other !== name && given[other]) throw fail(other, `esta pregunta se responde solo con ${what}.`);
      }
      if (!given[name]) throw fail(name, `esta pregunta se responde con ${what}.`);
    };
    switch (question.kind) {
      case 'SCALE_1_5': {
        only('scale', 'un valor de 1 a 5 (scale)');
        const scale = answer.scale!;
        if (!Number.isInteger(scale) || scale < 1 || scale > 5)
          throw fail('scale', 'debe ser un entero de 1 a 5.');
        return { questionId: question.id, scale, choices: null, text: null };
      }
      case 'SINGLE_CHOICE':
      case 'MULTIPLE_CHOICE': {
        only('choices', 'las opciones elegidas (choices)');
        const choices = [...new Set(answer.choices!)].sort((a, b) => a - b);
        if (choices.length === 0) throw fail('choices', 'debe elegir al menos una opción.');
        if (question.kind === 'SINGLE_CHOICE' && choices.length > 1)
          throw fail('choices', 'esta pregunta admite una sola opción.');
        const last = question.options.length - 1;
        if (choices.some((c) => !Number.isInteger(c) || c < 0 || c > last))
          throw fail('choices', `cada opción debe ser una posición de 0 a ${last}.`);
        return { questionId: question.id, scale: null, choices, text: null };
      }
      default: {
        // OPEN_TEXT
        only('text', 'un texto (text)');
        const text = answer.text!.trim();
        if (text.length === 0) throw fail('text', 'no puede estar vacío.');
        if (text.length > MAX_TEXT) throw fail('text', `admite hasta ${MAX_TEXT} caracteres.`);
        return { questionId: question.id, scale: null, choices: null, text };
      }
    }
  });
  const missing = questions
    .filter((q) => q.required && !seen.has(q.id))
    .sort((a, b) => a.position - b.position)[0];
  if (missing) {
    throw badUserInput('answers', `Campo "answers": falta la respuesta obligatoria a "${missing.prompt}".`);
  }
  return checked;
}

export interface OptionCount {
  position: number;
  label: string;
  count: number;
  /** Share of the people who answered the question, 0–100 with two decimals. */
  percent: number;
}

/** Two decimals, and 0 (not NaN) when nobody answered. */
export const percentOf = (count: number, total: number): number =>
  total === 0 ? 0 : Math.round((10_000 * count) / total) / 100;

/** Counts per option (every option listed, also those nobody chose). */
export function optionCounts(
  labels: readonly string[],
  counts: ReadonlyMap<number, number>,
  answered: number,
) {
  return labels.map(
    (label, position): OptionCount => ({
      position,
      label,
      count: counts.get(position) ?? 0,
      percent: percentOf(counts.get(position) ?? 0, answered),
    }),
  );
}

export const SCALE_LABELS = ['1', '2', '3', '4', '5'] as const;

/** A 1–5 answer of 4 or 5 counts as a positive experience (as PQRS ratings do). */
export const POSITIVE_SCALE = 4;
