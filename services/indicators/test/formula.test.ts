import { describe, expect, it } from 'vitest';
import { evaluate, FormulaError, metricsIn, parseFormula } from '../src/formula.ts';

const values: Record<string, number> = { 'pqrs.answered': 8, 'pqrs.answered_on_time': 6, 'pqrs.overdue': 2 };
const run = (text: string) => evaluate(parseFormula(text), (name) => values[name] ?? 0);

describe('parseFormula', () => {
  it('reads metric names with dots and underscores', () => {
    expect(parseFormula('pqrs.answered_on_time')).toEqual({ kind: 'metric', name: 'pqrs.answered_on_time' });
  });

  it('gives * and / precedence over + and -, left to right', () => {
    expect(run('pqrs.answered + pqrs.overdue * 2')).toBe(12);
    expect(run('(pqrs.answered + pqrs.overdue) * 2')).toBe(20);
    expect(run('pqrs.answered - pqrs.overdue - 1')).toBe(5);
    expect(run('pqrs.answered / 2 / 2')).toBe(2);
    expect(run('-pqrs.overdue + 10')).toBe(8);
    expect(run('100 * pqrs.answered_on_time / pqrs.answered')).toBe(75);
    expect(run('  1.5*2 ')).toBe(3);
  });

  it('lists the metrics a formula uses, once each', () => {
    expect(metricsIn(parseFormula('pqrs.answered + pqrs.overdue - pqrs.answered'))).toEqual([
      'pqrs.answered',
      'pqrs.overdue',
    ]);
  });

  it('refuses what is not arithmetic over metric names, saying where', () => {
    const cases: [string, number][] = [
      ['pqrs.answered +', 15],
      ['(pqrs.answered', 14],
      ['pqrs.answered)', 13],
      ['pqrs.answered; drop table x', 13],
      ['Math.max(1)', 0],
      ['pqrs..answered', 4],
      ['2 pqrs.answered', 2],
      ['', 0],
      ['process.exit()', 12],
    ];
    for (const [text, position] of cases) {
      let error: unknown;
      try {
        parseFormula(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(FormulaError);
      expect((error as FormulaError).position, text).toBe(position);
    }
  });
});

describe('evaluate', () => {
  it('counts a missing metric as 0 and a division by zero as no value', () => {
    expect(run('pqrs.received')).toBe(0);
    expect(run('pqrs.answered / pqrs.received')).toBeNull();
    expect(run('1 + pqrs.answered / (pqrs.overdue - 2)')).toBeNull();
  });
});
