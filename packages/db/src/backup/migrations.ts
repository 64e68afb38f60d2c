import { type MigrationMeta, readMigrationFiles } from 'drizzle-orm/migrator';
import type postgres from 'postgres';
import { migrationsConfig } from '../database.ts';
import { journalTable } from './catalog.ts';
import { type MigrationId, qualified, quoteIdent } from './format.ts';

/** The service's migrations as this code has them, oldest first (drizzle's own reader and hashes). */
export function codeMigrations(service: string, migrationsFolder: string): MigrationMeta[] {
  return readMigrationFiles(migrationsConfig(service, migrationsFolder));
}

/**
 * The backup's migrations must be the first ones of the code's, in order: data written by a newer
 * schema (or by a migration since edited) cannot be loaded into this one. Returns why not, or
 * undefined when it can.
 */
export function incompatibility(
  service: string,
  backup: MigrationId[],
  code: MigrationMeta[],
): string | undefined {
  for (const [i, migration] of backup.entries()) {
    const known = code[i];
    if (!known)
      return `${service}: the backup has ${backup.length} migrations, this code only ${code.length}; restore it with the newer code it was made with.`;
    if (known.hash !== migration.hash)
      return `${service}: migration ${i + 1} of the backup (${new Date(migration.createdAt).toISOString()}) differs from the code's; restore it with the code it was made with.`;
  }
  return undefined;
}

/** drizzle's journal table, as its migrator creates it (database.ts names it per service). */
export async function createJournal(tx: postgres.TransactionSql, service: string): Promise<void> {
  const { schema, table } = journalTable(service);
  await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  await tx.unsafe(
    `CREATE TABLE ${qualified(schema, table)} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
  );
}

/**
 * Runs migrations inside the caller's transaction (drizzle's migrator would open its own, and a
 * restore must commit schema and data together). `journal`: record them, as drizzle does; the
 * backup's own migrations are not recorded here because the journal rows come from the backup.
 */
export async function runMigrations(
  tx: postgres.TransactionSql,
  service: string,
  migrations: MigrationMeta[],
  journal: boolean,
): Promise<void> {
  const { schema, table } = journalTable(service);
  for (const migration of migrations) {
    for (const statement of migration.sql) if (statement.trim()) await tx.unsafe(statement);
    if (journal)
      await tx.unsafe(`INSERT INTO ${qualified(schema, table)} (hash, created_at) VALUES ($1, $2)`, [
        migration.hash,
        migration.folderMillis,
      ]);
  }
}
