import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders: entity references and nested lists cost one SQL query per type and
 * request, never one per entity.
 */

/** Loads rows by id in one query per batch, answering in the order the keys were asked. */
export function loaderById<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => rows.get(id) ?? null);
  });
}

/** Loads the children of many parents in one query, grouped by the parent key. */
export function loaderGroupedBy<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string | null,
) {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await load(keys)) {
      const key = keyOf(row);
      if (key !== null) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** `loadMany` without the misses: the rows that exist, in order. */
export async function loadExisting<T>(
  loader: DataLoader<string, T | null>,
  ids: readonly string[],
): Promise<T[]> {
  const rows = await loader.loadMany(ids);
  return rows.filter((row): row is T => row !== null && !(row instanceof Error));
}

/**
 * The row a foreign key points at, for a non-null field: the key always exists, so the loader's
 * `null` is left out of the type (were it ever null, GraphQL would report the non-null field).
 */
export function loadReferenced<T>(loader: DataLoader<string, T | null>, id: string): Promise<T> {
  return loader.load(id) as Promise<T>;
}

/** Like `loaderGroupedBy` for rows that belong to several parents (e.g. an array of territory ids). */
export function loaderGroupedByMany<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keysOf: (row: T) => readonly string[],
) {
  return new DataLoader<string, T[]>(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await load(keys)) {
      for (const key of keysOf(row)) groups.get(key)?.push(row);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** At most one row per key (an aggregate such as counts), or `empty` when the query had none. */
export function loaderOfOne<T>(
  load: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
  empty: T,
) {
  return new DataLoader<string, T>(async (keys) => {
    const rows = new Map((await load(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => rows.get(key) ?? empty);
  });
}
