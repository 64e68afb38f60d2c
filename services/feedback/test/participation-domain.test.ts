import { describe, expect, it } from 'vitest';
import type { SurveyQuestionRow } from '../src/db/schema.ts';
import { checkAnswers, percentOf, periodStatus } from '../src/participation/domain.ts';
import { consultationResult, questionResult } from '../src/participation/results.ts';

const question = (id: string, kind: SurveyQuestionRow['kind'], options: string[] = [], required = true) =>
  ({
    id,
    surveyId: 's',
    position: Number(id.slice(1)),
    kind,
    prompt: `Pregunta ${id}`,
    options,
    required,
    overall: false,
  }) as SurveyQuestionRow;

const QUESTIONS = [
  question('q0', 'SCALE_1_5'),
  question('q1', 'SINGLE_CHOICE', ['A', 'B']),
  question('q2', 'MULTIPLE_CHOICE', ['A', 'B', 'C'], false),
  question('q3', 'OPEN_TEXT', [], false),
];

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { extensions?: { field?: string } }).extensions?.field;
  }
  return undefined;
}

describe('checkAnswers', () => {
  it('normalises valid answers: choices sorted without repeats, text trimmed', () => {
    expect(
      checkAnswers(QUESTIONS, [
        { questionId: 'q0', scale: 3 },
        { questionId: 'q1', choices: [1] },
        { questionId: 'q2', choices: [2, 0, 2] },
        { questionId: 'q3', text: '  bien  ' },
      ]),
    ).toEqual([
      { questionId: 'q0', scale: 3, choices: null, text: null },
      { questionId: 'q1', scale: null, choices: [1], text: null },
      { questionId: 'q2', scale: null, choices: [0, 2], text: null },
      { questionId: 'q3', scale: null, choices: null, text: 'bien' },
    ]);
  });

  it('names the field of the first problem', () => {
    const ok = [
      { questionId: 'q0', scale: 3 },
      { questionId: 'q1', choices: [0] },
    ];
    expect(fieldOf(() => checkAnswers(QUESTIONS, [{ questionId: 'q0', scale: 0 }, ok[1]!]))).toBe(
      'answers.0.scale',
    );
    expect(fieldOf(() => checkAnswers(QUESTIONS, [{ questionId: 'q0', scale: 2.5 }, ok[1]!]))).toBe(
      'answers.0.scale',
    );
    expect(fieldOf(() => checkAnswers(QUESTIONS, [{ questionId: 'q0', scale: 3, text: 'x' }, ok[1]!]))).toBe(
      'answers.0.text',
    );
    expect(fieldOf(() => checkAnswers(QUESTIONS, [ok[0]!, { questionId: 'q1', choices: [2] }]))).toBe(
      'answers.1.choices',
    );
    expect(fieldOf(() => checkAnswers(QUESTIONS, [ok[0]!, { questionId: 'q1', choices: [] }]))).toBe(
      'answers.1.choices',
    );
    expect(fieldOf(() => checkAnswers(QUESTIONS, [ok[0]!, { questionId: 'q1', choices: [0, 1] }]))).toBe(
      'answers.1.choices',
    );
    expect(
      fieldOf(() => checkAnswers(QUESTIONS, [...ok, { questionId: 'q3', text: 'x'.repeat(2001) }])),
    ).toBe('answers.2.text');
    expect(fieldOf(() => checkAnswers(QUESTIONS, [ok[0]!]))).toBe('answers');
    expect(fieldOf(() => checkAnswers(QUESTIONS, [...ok, { questionId: 'q9', scale: 1 }]))).toBe(
      'answers.2.questionId',
    );
  });
});

describe('results', () => {
  it('gives percentages with two decimals and 0 when nobody answered', () => {
    expect(percentOf(82, 105)).toBe(78.1);
    expect(percentOf(1, 3)).toBe(33.33);
    expect(percentOf(0, 0)).toBe(0);
  });

  it('lists every value of a scale with its count, and the average', () => {
    const result = questionResult(QUESTIONS[0]!, 4, [
      { questionId: 'q0', position: 4, value: 3 },
      { questionId: 'q0', position: 0, value: 1 },
      { questionId: 'q1', position: 0, value: 9 },
    ]);
    expect(result.average).toBe(4);
    expect(result.options.map((o) => [o.label, o.count, o.percent])).toEqual([
      ['1', 1, 25],
      ['2', 0, 0],
      ['3', 0, 0],
      ['4', 0, 0],
      ['5', 3, 75],
    ]);
  });

  it('counts votes per option, options nobody chose included', () => {
    const result = consultationResult({ options: ['Sí', 'No', 'Tal vez'] } as never, [
      { option: 0, value: 2 },
      { option: 2, value: 1 },
    ]);
    expect(result).toEqual({
      votes: 3,
      options: [
        { position: 0, label: 'Sí', count: 2, percent: 66.67 },
        { position: 1, label: 'No', count: 0, percent: 0 },
        { position: 2, label: 'Tal vez', count: 1, percent: 33.33 },
      ],
    });
  });

  it('is open from opensAt until (not including) closesAt', () => {
    const period = { opensAt: new Date('2025-01-01T00:00:00Z'), closesAt: new Date('2025-01-31T00:00:00Z') };
    expect(periodStatus(period, new Date('2024-12-31T23:59:59Z'))).toBe('UPCOMING');
    expect(periodStatus(period, period.opensAt)).toBe('OPEN');
    expect(periodStatus(period, period.closesAt)).toBe('CLOSED');
  });
});
