import { bogotaDay } from '@participa/calendar';
import type { LifeStage } from './vocabulary.ts';

/** Curso de vida from the age reached in `atYear`: 0–5, 6–11, 12–17, 18–28, 29–59, 60 and more. */
export function lifeStageOf(birthYear: number, atYear: number): LifeStage {
  const age = atYear - birthYear;
  if (age <= 5) return 'PRIMERA_INFANCIA';
  if (age <= 11) return 'INFANCIA';
  if (age <= 17) return 'ADOLESCENCIA';
  if (age <= 28) return 'JUVENTUD';
  if (age <= 59) return 'ADULTEZ';
  return 'VEJEZ';
}

/** The calendar year of an instant in Bogotá, where business rules are evaluated. */
export function yearInBogota(at: Date): number {
  return Number(bogotaDay(at).slice(0, 4));
}
