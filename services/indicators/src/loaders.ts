import { loaderById, loaderGroupedBy } from '@participa/subgraph-kit';
import DataLoader from 'dataloader';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { IndicatorsDb } from './db/index.ts';
import {
  type IndicatorRow,
  indicators,
  indicatorValues,
  targets,
  type ValueRow,
  valueRevisions,
} from './db/schema.ts';

/** The values of one network or territory for a period (and maybe one indicator). */
export interface PlaceValuesKey {
  place: 'network' | 'territory';
  id: string;
  period: string;
  indicatorCode: string | null;
}

/**
 * `Network.indicatorValues` and `Territory.indicatorValues` of every entity of a request: one
 * query per distinct (place kind, period, indicator), which is one query in practice.
 */
function placeValuesLoader(db: IndicatorsDb) {
  const groupOf = (k: PlaceValuesKey) => [k.place, k.period, k.indicatorCode].join('|');
  return new DataLoader<PlaceValuesKey, ValueRow[], string>(
    async (keys) => {
      const groups = new Map<string, PlaceValuesKey[]>();
      for (const key of keys) groups.set(groupOf(key), [...(groups.get(groupOf(key)) ?? []), key]);
      const rows = new Map<string, ValueRow[]>();
      for (const [group, members] of groups) {
        const { place, period, indicatorCode } = members[0]!;
        const column = place === 'network' ? indicatorValues.networkId : indicatorValues.territoryId;
        const conditions: SQL[] = [
          eq(indicatorValues.period, period),
          eq(indicatorValues.scope, place === 'network' ? 'NETWORK' : 'TERRITORY'),
          inArray(
            column,
            members.map((m) => m.id),
          ),
        ];
        if (indicatorCode)
          conditions.push(
            inArray(
              indicatorValues.indicatorId,
              db.select({ id: indicators.id }).from(indicators).where(eq(indicators.code, indicatorCode)),
            ),
          );
        const found = await db
          .select()
          .from(indicatorValues)
          .where(and(...conditions))
          .orderBy(asc(indicatorValues.indicatorId), asc(indicatorValues.networkId));
        for (const row of found) {
          const key = `${group}|${place === 'network' ? row.networkId : row.territoryId}`;
          rows.set(key, [...(rows.get(key) ?? []), row]);
        }
      }
      return keys.map((key) => rows.get(`${groupOf(key)}|${key.id}`) ?? []);
    },
    { cacheKeyFn: (key) => `${groupOf(key)}|${key.id}` },
  );
}

export function createLoaders(db: IndicatorsDb) {
  return {
    valuesOfPlace: placeValuesLoader(db),
    indicatorByCode: new DataLoader<string, IndicatorRow | null>(async (codes) => {
      const rows = await db
        .select()
        .from(indicators)
        .where(inArray(indicators.code, [...codes]));
      return codes.map((code) => rows.find((row) => row.code === code) ?? null);
    }),
    indicator: loaderById(async (ids) =>
      db
        .select()
        .from(indicators)
        .where(inArray(indicators.id, [...ids])),
    ),
    targetsOf: loaderGroupedBy(
      async (ids) =>
        db
          .select()
          .from(targets)
          .where(inArray(targets.indicatorId, [...ids]))
          .orderBy(targets.year),
      (row) => row.indicatorId,
    ),
    revisionsOf: loaderGroupedBy(
      async (ids) =>
        db
          .select()
          .from(valueRevisions)
          .where(inArray(valueRevisions.valueId, [...ids]))
          .orderBy(desc(valueRevisions.id)),
      (row) => row.valueId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
