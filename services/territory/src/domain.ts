/** Pure rules of the territory domain (unit-tested apart from the database). */

export type ActorQuadrant = 'MANAGE_CLOSELY' | 'KEEP_SATISFIED' | 'KEEP_INFORMED' | 'MONITOR';

/** Mendelow's power/interest matrix on the 1–5 scales: 3 or more counts as high. */
export function actorQuadrant(influence: number | null, interest: number | null): ActorQuadrant | null {
  if (influence == null || interest == null) return null;
  const highInfluence = influence >= 3;
  const highInterest = interest >= 3;
  if (highInfluence) return highInterest ? 'MANAGE_CLOSELY' : 'KEEP_SATISFIED';
  return highInterest ? 'KEEP_INFORMED' : 'MONITOR';
}

/** Lower case without diacritics: what names are compared on when searching. */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** A representation is active on `today` (YYYY-MM-DD) if it started and has not ended. */
export function isRepresentationActive(startDate: string, endDate: string | null, today: string): boolean {
  return startDate <= today && (endDate === null || endDate >= today);
}
