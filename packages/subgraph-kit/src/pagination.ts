import { badUserInput } from './errors.ts';
import { z } from './validation.ts';

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

/**
 * The parts a cursor key may hold. A cursor comes back from the client, so its contents are
 * checked like any input: a well-formed cursor with an impossible date or an id that is not a UUID
 * is the client's mistake (BAD_USER_INPUT), not a database error.
 */
export const cursorPart = {
  /** An instant as `toISOString()` writes it; given back as a Date. */
  instant: z.iso
    .datetime()
    .refine((value) => !Number.isNaN(Date.parse(value)))
    .transform((value) => new Date(value)),
  /** An instant kept as its ISO text (keys compared in SQL as text or with sentinels). */
  instantText: z.iso.datetime().refine((value) => !Number.isNaN(Date.parse(value))),
  /** A calendar date, `YYYY-MM-DD`. */
  date: z.iso.date(),
  id: z.uuid(),
  text: z.string().max(1000),
  position: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
};

type Parts = readonly [z.ZodType, ...z.ZodType[]];
export type CursorKey<T extends Parts> = { -readonly [K in keyof T]: z.output<T[K]> };

const INVALID_CURSOR = 'Campo "after": el cursor no es válido.';

/** Decodes `after` into the key its parts describe, or refuses it as BAD_USER_INPUT on `after`. */
export function decodeCursor<const T extends Parts>(
  cursor: string | null | undefined,
  parts: T,
): CursorKey<T> | null {
  if (cursor == null) return null;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badUserInput('after', INVALID_CURSOR);
  }
  const parsed = z.tuple(parts as unknown as [z.ZodType, ...z.ZodType[]]).safeParse(key);
  if (!parsed.success) throw badUserInput('after', INVALID_CURSOR);
  return parsed.data as CursorKey<T>;
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
