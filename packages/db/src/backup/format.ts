import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';

/**
 * The backup file: gzip'd lines. Line 1 is the header (JSON); then, per service, one section per
 * table — a JSON line naming the table and its columns, its rows in PostgreSQL's COPY text format
 * (one row per line: newlines and backslashes inside values are escaped, so no row is ever `\.`),
 * and the line `\.` — then a JSON line with the service's sequences; the last line is a trailer
 * that proves the file was written to the end. Plain text on purpose: readable with `zcat`, and
 * COPY's text format loads into any PostgreSQL version from 15 on, whichever wrote it.
 */
export const FORMAT = 'participa-backup';
export const FORMAT_VERSION = 1;
export const END_OF_ROWS = '\\.';

export interface MigrationId {
  hash: string;
  /** drizzle's `created_at`: the migration's `when` in the journal (ms). */
  createdAt: number;
}

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  services: { name: string; migrations: MigrationId[] }[];
}

export interface TableLine {
  service: string;
  /** Schema-qualified, unquoted: `feedback.pqrs`. */
  schema: string;
  table: string;
  columns: string[];
}

export interface SequenceState {
  schema: string;
  name: string;
  /** A bigint as text (JSON numbers would round it). */
  lastValue: string | null;
  isCalled: boolean;
}

export interface SequencesLine {
  service: string;
  sequences: SequenceState[];
}

export interface TrailerLine {
  end: true;
  tables: number;
  rows: number;
}

/** A gzip'd line writer that respects back-pressure. */
export function lineWriter(file: string) {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const closed = once(out, 'close');
  return {
    async write(text: string): Promise<void> {
      if (!gzip.write(text)) await once(gzip, 'drain');
    },
    async json(value: unknown): Promise<void> {
      await this.write(`${JSON.stringify(value)}\n`);
    },
    async close(): Promise<void> {
      gzip.end();
      await closed;
    },
  };
}

/** The file's lines, gunzipped; a corrupt or truncated gzip stream makes the iteration throw. */
export function readLines(file: string): AsyncIterableIterator<string> {
  const input = createReadStream(file).pipe(createGunzip());
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
}

export function parseHeader(line: string | undefined): BackupHeader {
  let header: Partial<BackupHeader> | undefined;
  try {
    header = JSON.parse(line ?? '') as Partial<BackupHeader>;
  } catch {
    header = undefined;
  }
  if (header?.format !== FORMAT) throw new Error('Not a Participa Salud backup (no header).');
  if (header.version !== FORMAT_VERSION)
    throw new Error(
      `Backup format version ${header.version} is not supported (this code reads ${FORMAT_VERSION}).`,
    );
  return header as BackupHeader;
}

/** Reads the whole file once: a restore starts only from a backup that is complete and intact. */
export async function verifyFile(file: string): Promise<{ header: BackupHeader; trailer: TrailerLine }> {
  const lines = readLines(file);
  const header = parseHeader((await lines.next()).value);
  let last = '';
  for await (const line of lines) last = line;
  let trailer: Partial<TrailerLine> = {};
  try {
    trailer = JSON.parse(last) as Partial<TrailerLine>;
  } catch {
    // A row or nothing: the file was cut before its trailer.
  }
  if (trailer.end !== true) throw new Error('The backup is incomplete: it ends before its trailer.');
  return { header, trailer: trailer as TrailerLine };
}

/** `"schema"."table"`, quoted for SQL. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
