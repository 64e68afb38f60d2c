import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** The last row of the previous page, for lists shown newest first. */
export interface NewestFirstCursor {
  createdAt: Date;
  id: string;
}

/**
 * Keyset pagination newest first on (created_at, id): stable while rows are added, and an index
 * seek instead of an OFFSET scan. `createdAt` must have millisecond precision (it round-trips a
 * JS Date exactly).
 */
export function newestFirst(createdAt: PgColumn, id: PgColumn) {
  return {
    after: (cursor: NewestFirstCursor | null): SQL | undefined =>
      cursor
        ? or(lt(createdAt, cursor.createdAt), and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)))
        : undefined,
    orderBy: [desc(createdAt), desc(id)] as const,
  };
}
