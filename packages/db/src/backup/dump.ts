import postgres from 'postgres';
import { connectTimeoutSeconds } from '../database.ts';
import { journalTable, serviceSequences, serviceTables } from './catalog.ts';
import {
  type BackupHeader,
  END_OF_ROWS,
  FORMAT,
  FORMAT_VERSION,
  lineWriter,
  type MigrationId,
  qualified,
  quoteIdent,
  type SequencesLine,
  type TableLine,
} from './format.ts';

/** Where one service's data is: the same shape serves backup and restore. */
export interface ServiceDatabase {
  service: string;
  url: string;
  /** The service's drizzle folder (restore applies its migrations). */
  migrationsFolder: string;
}

export interface BackupSummary {
  file: string;
  services: { name: string; tables: number; rows: number }[];
}

const connect = (url: string) =>
  postgres(url, { max: 1, connect_timeout: connectTimeoutSeconds(), onnotice: () => {} });

async function appliedMigrations(sql: postgres.Sql, service: string): Promise<MigrationId[]> {
  const { schema, table } = journalTable(service);
  const [exists] = await sql`SELECT to_regclass(${qualified(schema, table)}) IS NOT NULL AS ok`;
  if (!exists?.ok) return [];
  const rows = await sql<{ hash: string; created_at: string }[]>`
    SELECT hash, created_at::text FROM ${sql(schema)}.${sql(table)} ORDER BY created_at, id`;
  return rows.map((r) => ({ hash: r.hash, createdAt: Number(r.created_at) }));
}

/**
 * Writes every service's data to `file`. Each service is read in one REPEATABLE READ transaction,
 * so its tables are a consistent snapshot while the platform keeps running; services are separate
 * databases in production, so there is no snapshot across them (their references between services
 * are ids that tolerate it, like the outbox's events).
 */
export async function backupServices(
  targets: ServiceDatabase[],
  file: string,
  log: (line: string) => void = () => {},
): Promise<BackupSummary> {
  // The header needs every service's migrations before any rows: read them first.
  const header: BackupHeader = {
    format: FORMAT,
    version: FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    services: [],
  };
  for (const target of targets) {
    const sql = connect(target.url);
    try {
      header.services.push({
        name: target.service,
        migrations: await appliedMigrations(sql, target.service),
      });
    } finally {
      await sql.end();
    }
  }
  const out = lineWriter(file);
  const summary: BackupSummary = { file, services: [] };
  let written = false;
  try {
    await out.json(header);
    for (const target of targets) {
      const sql = connect(target.url);
      try {
        const counts = await sql.begin('isolation level repeatable read read only', async (tx) => {
          let rows = 0;
          const tables = await serviceTables(tx, target.service);
          for (const info of tables) {
            const line: TableLine = { service: target.service, ...info };
            await out.json(line);
            const list = info.columns.map(quoteIdent).join(', ');
            const copy = await tx
              .unsafe(`COPY ${qualified(info.schema, info.table)} (${list}) TO STDOUT`)
              .readable();
            for await (const chunk of copy) {
              const text = (chunk as Buffer).toString('utf8');
              rows += text.split('\n').length - 1;
              await out.write(text);
            }
            // postgres.js 3.4.9 pauses the socket when the stream's buffer is full and resumes it
            // only from the stream's read(); if the COPY ends while paused, nothing reads again
            // and the connection's next query waits for ever. Resuming once more is harmless.
            (copy as unknown as { _read(size: number): void })._read(0);
            await out.write(`${END_OF_ROWS}\n`);
          }
          const sequences: SequencesLine = {
            service: target.service,
            sequences: await serviceSequences(tx, target.service),
          };
          await out.json(sequences);
          return { tables: tables.length, rows };
        });
        summary.services.push({ name: target.service, ...counts });
        log(`${target.service}: ${counts.tables} tables, ${counts.rows} rows`);
      } finally {
        await sql.end();
      }
    }
    const tables = summary.services.reduce((sum, s) => sum + s.tables, 0);
    const rows = summary.services.reduce((sum, s) => sum + s.rows, 0);
    await out.json({ end: true, tables, rows });
    written = true;
  } finally {
    await out.close();
    if (!written) log(`backup failed: ${file} is incomplete (it has no trailer; restore refuses it)`);
  }
  return summary;
}
