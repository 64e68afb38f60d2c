import { badUserInput } from './errors.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** A function so the count query runs only when a client asks for `totalCount`. */
  totalCount: () => Promise<number>;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `Campo "first": debe ser un número entre 1 y ${MAX_PAGE_SIZE}.`);
  }
  return first;
}

/** Opaque cursors: the sort key of the last row seen (keyset pagination, stable under inserts). */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): (string | number)[] | null {
  if (cursor == null) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number'))
      return key;
  } catch {
    // falls through to the error below
  }
  throw badUserInput('after', 'Campo "after": el cursor no es válido.');
}

/** Builds a connection from up to `size + 1` rows fetched after the cursor. */
export function toConnection<T>(
  rows: T[],
  size: number,
  keyOf: (row: T) => readonly (string | number)[],
  count: () => Promise<number>,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: count,
  };
}
