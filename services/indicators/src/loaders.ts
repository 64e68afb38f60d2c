import { loaderById, loaderGroupedBy } from '@participa/subgraph-kit';
import { desc, inArray } from 'drizzle-orm';
import type { IndicatorsDb } from './db/index.ts';
import { indicators, targets, valueRevisions } from './db/schema.ts';

export function createLoaders(db: IndicatorsDb) {
  return {
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
