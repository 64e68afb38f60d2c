import { comunaOf } from './domain.ts';
import { ETHNICITIES, LIFE_STAGES, SEXES } from './vocabulary.ts';

/** One group of registrations sharing a characterization, as SQL counted them. */
export interface CharacterizationCount {
  lifeStage: string | null;
  sex: string | null;
  ethnicity: string | null;
  disability: boolean | null;
  territoryId: string | null;
  participants: number;
  attendances: number;
}

export interface CategoryCount {
  key: string;
  participants: number;
  attendances: number;
}

export interface TerritoryCount {
  territoryId: string | null;
  participants: number;
  attendances: number;
}

export interface ParticipationBreakdown {
  participants: number;
  attendances: number;
  byLifeStage: CategoryCount[];
  bySex: CategoryCount[];
  byEthnicity: CategoryCount[];
  byDisability: CategoryCount[];
  byComuna: TerritoryCount[];
}

export const UNKNOWN = 'SIN_DATO';

/** Every category of the vocabulary appears (with zeros), in its order; unknowns last. */
function tally(
  rows: readonly CharacterizationCount[],
  keys: readonly string[],
  keyOf: (row: CharacterizationCount) => string | null,
): CategoryCount[] {
  const counts = new Map<string, CategoryCount>(
    [...keys, UNKNOWN].map((key) => [key, { key, participants: 0, attendances: 0 }]),
  );
  for (const row of rows) {
    const entry = counts.get(keyOf(row) ?? UNKNOWN)!;
    entry.participants += row.participants;
    entry.attendances += row.attendances;
  }
  return [...counts.values()].filter((c) => c.key !== UNKNOWN || c.participants > 0);
}

/** Folds SQL group counts into the breakdowns the secretariat and the indicators read. */
export function breakdownOf(rows: readonly CharacterizationCount[]): ParticipationBreakdown {
  const byComuna = new Map<string | null, TerritoryCount>();
  for (const row of rows) {
    const territoryId = comunaOf(row.territoryId);
    const entry = byComuna.get(territoryId) ?? { territoryId, participants: 0, attendances: 0 };
    entry.participants += row.participants;
    entry.attendances += row.attendances;
    byComuna.set(territoryId, entry);
  }
  return {
    participants: rows.reduce((sum, row) => sum + row.participants, 0),
    attendances: rows.reduce((sum, row) => sum + row.attendances, 0),
    byLifeStage: tally(rows, LIFE_STAGES, (row) => row.lifeStage),
    bySex: tally(rows, SEXES, (row) => row.sex),
    byEthnicity: tally(rows, ETHNICITIES, (row) => row.ethnicity),
    byDisability: tally(rows, ['SI', 'NO'], (row) =>
      row.disability === null ? null : row.disability ? 'SI' : 'NO',
    ),
    // Most participants first; the unknown comuna last.
    byComuna: [...byComuna.values()].sort(
      (a, b) =>
        Number(a.territoryId === null) - Number(b.territoryId === null) ||
        b.participants - a.participants ||
        String(a.territoryId).localeCompare(String(b.territoryId)),
    ),
  };
}
