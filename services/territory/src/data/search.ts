import { and, asc, eq, gt, like, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { searchKey } from '../domain.ts';

/**
 * Names are searched on a `search_name` column that holds `searchKey(name)` (lower case, no
 * accents): the query is normalised the same way, so "vacunacion" finds "Vacunación".
 */
export function nameContains(searchName: PgColumn, query: string): SQL {
  const escaped = searchKey(query).replace(/[\\%_]/g, (c) => `\\${c}`);
  return like(searchName, `%${escaped}%`);
}

/** The last row of the previous page of a list sorted by name. */
export interface ByNameCursor {
  searchName: string;
  id: string;
}

/** Keyset pagination by (search name, id): alphabetical, stable while rows are added. */
export function byName(searchName: PgColumn, id: PgColumn) {
  return {
    after: (cursor: ByNameCursor | null): SQL | undefined =>
      cursor
        ? or(gt(searchName, cursor.searchName), and(eq(searchName, cursor.searchName), gt(id, cursor.id)))
        : undefined,
    orderBy: [asc(searchName), asc(id)] as const,
  };
}
