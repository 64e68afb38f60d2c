import { describe, expect, it } from 'vitest';
import { lifeStageOf, yearInBogota } from '../src/index.ts';

describe('curso de vida from the birth year (Ministerio de Salud)', () => {
  it.each([
    [0, 'PRIMERA_INFANCIA'],
    [5, 'PRIMERA_INFANCIA'],
    [6, 'INFANCIA'],
    [11, 'INFANCIA'],
    [12, 'ADOLESCENCIA'],
    [17, 'ADOLESCENCIA'],
    [18, 'JUVENTUD'],
    [28, 'JUVENTUD'],
    [29, 'ADULTEZ'],
    [59, 'ADULTEZ'],
    [60, 'VEJEZ'],
    [95, 'VEJEZ'],
  ])('age %i in the reference year is %s', (age, stage) => {
    expect(lifeStageOf(2025 - age, 2025)).toBe(stage);
  });

  it('uses the year in Bogotá: 31 Dec 23:30 in Bogotá is already 1 Jan in UTC', () => {
    expect(yearInBogota(new Date('2026-01-01T04:30:00Z'))).toBe(2025);
    expect(yearInBogota(new Date('2026-01-01T05:00:00Z'))).toBe(2026);
  });
});
