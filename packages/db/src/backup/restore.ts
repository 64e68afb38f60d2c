import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import postgres from 'postgres';
import { connectTimeoutSeconds } from '../database.ts';
import { hasData, journalTable, ownedSequences } from './catalog.ts';
import type { ServiceDatabase } from './dump.ts';
import {
  type BackupHeader,
  END_OF_ROWS,
  parseHeader,
  qualified,
  quoteIdent,
  readLines,
  type SequencesLine,
  type TableLine,
  verifyFile,
} from './format.ts';
import { codeMigrations, createJournal, incompatibility, runMigrations } from './migrations.ts';

export interface RestoreOptions {
  /** Replace services that already hold data (without it, such a restore is refused). */
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreSummary {
  services: { name: string; tables: number; rows: number }[];
}

const connect = (url: string) =>
  postgres(url, { max: 1, connect_timeout: connectTimeoutSeconds(), onnotice: () => {} });

/** Everything that can be refused is checked before the first write. */
async function preflight(targets: ServiceDatabase[], header: BackupHeader, force: boolean): Promise<void> {
  const problems: string[] = [];
  for (const entry of header.services) {
    const target = targets.find((t) => t.service === entry.name);
    if (!target) {
      problems.push(`${entry.name}: this code has no such service.`);
      continue;
    }
    const why = incompatibility(
      entry.name,
      entry.migrations,
      codeMigrations(entry.name, target.migrationsFolder),
    );
    if (why) problems.push(why);
    if (!force) {
      const sql = connect(target.url);
      try {
        if (await hasData(sql, entry.name))
          problems.push(`${entry.name}: its database already holds data (restore --force replaces it).`);
      } finally {
        await sql.end();
      }
    }
  }
  if (problems.length > 0)
    throw new Error(`Restore refused, nothing was changed:\n  ${problems.join('\n  ')}`);
}

/** Streams one table's rows from the file into COPY, in batches (one write per row is slow). */
async function loadRows(tx: postgres.TransactionSql, info: TableLine, lines: AsyncIterator<string>) {
  const list = info.columns.map(quoteIdent).join(', ');
  const copy = await tx.unsafe(`COPY ${qualified(info.schema, info.table)} (${list}) FROM STDIN`).writable();
  let rows = 0;
  let batch = '';
  for (;;) {
    const { value, done } = await lines.next();
    if (done) throw new Error(`The backup ends inside ${info.schema}.${info.table}.`);
    if (value === END_OF_ROWS) break;
    batch += `${value}\n`;
    rows += 1;
    if (batch.length >= 256 * 1024) {
      if (!copy.write(batch)) await once(copy, 'drain');
      batch = '';
    }
  }
  copy.end(batch);
  await finished(copy);
  return rows;
}

/** Sequences as they were, and never behind the ids restored (a new row must not collide). */
async function resetSequences(tx: postgres.TransactionSql, service: string, line: SequencesLine) {
  for (const sequence of line.sequences) {
    if (sequence.lastValue === null) continue;
    await tx`SELECT setval(${qualified(sequence.schema, sequence.name)}, ${sequence.lastValue}::bigint, ${sequence.isCalled})`;
  }
  for (const owned of await ownedSequences(tx, service)) {
    const seq = qualified(owned.schema, owned.sequence);
    const table = qualified(owned.tableSchema, owned.table);
    await tx.unsafe(
      `SELECT setval('${seq.replaceAll("'", "''")}', m) FROM (SELECT max(${quoteIdent(owned.column)}) AS m FROM ${table}) x
       WHERE m IS NOT NULL AND m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ${seq})`,
    );
  }
}

/**
 * Restores a backup made by backupServices. Per service, one transaction: its schema and journal
 * are dropped and rebuilt from the migrations the backup was made with, its rows loaded with
 * triggers and foreign keys off (`session_replication_role = replica`: tables load in any order),
 * its sequences reset, then the code's newer migrations applied. A failure rolls the service back
 * whole; services already restored stay restored (run the restore again with --force).
 */
export async function restoreServices(
  targets: ServiceDatabase[],
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const log = options.log ?? (() => {});
  const { header } = await verifyFile(file);
  await preflight(targets, header, options.force ?? false);
  const lines = readLines(file);
  parseHeader((await lines.next()).value);
  const summary: RestoreSummary = { services: [] };
  for (const target of targets)
    if (!header.services.some((s) => s.name === target.service))
      log(`${target.service}: not in the backup, left as it is`);
  let pending = (await lines.next()).value as string;
  for (const entry of header.services) {
    const target = targets.find((t) => t.service === entry.name)!;
    const code = codeMigrations(entry.name, target.migrationsFolder);
    const sql = connect(target.url);
    try {
      const counts = await sql.begin(async (tx) => {
        // The lock every service takes to migrate (database.ts): no start migrates meanwhile.
        await tx`SELECT pg_advisory_xact_lock(hashtext('participa-migrations'))`;
        const journal = journalTable(entry.name);
        await tx.unsafe(`DROP SCHEMA IF EXISTS ${quoteIdent(entry.name)} CASCADE`);
        await tx.unsafe(`DROP TABLE IF EXISTS ${qualified(journal.schema, journal.table)}`);
        await createJournal(tx, entry.name);
        await runMigrations(tx, entry.name, code.slice(0, entry.migrations.length), false);
        await tx`SET LOCAL session_replication_role = replica`;
        let tables = 0;
        let rows = 0;
        for (;;) {
          const line = JSON.parse(pending) as Partial<TableLine & SequencesLine>;
          if (line.service !== entry.name) throw new Error(`Unexpected section in the backup: ${pending}`);
          if (line.sequences) {
            await resetSequences(tx, entry.name, line as SequencesLine);
            break;
          }
          rows += await loadRows(tx, line as TableLine, lines);
          tables += 1;
          pending = (await lines.next()).value as string;
        }
        await tx`SET LOCAL session_replication_role = origin`;
        await runMigrations(tx, entry.name, code.slice(entry.migrations.length), true);
        return { tables, rows };
      });
      summary.services.push({ name: entry.name, ...counts });
      log(`${entry.name}: ${counts.tables} tables, ${counts.rows} rows restored`);
    } finally {
      await sql.end();
    }
    pending = (await lines.next()).value as string;
  }
  return summary;
}
