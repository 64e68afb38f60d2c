import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** A drizzle database on either engine; transactions have the same shape. */
export type Database<TSchema extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  PgQueryResultHKT,
  TSchema
>;

export interface DatabaseOptions<TSchema extends Record<string, unknown>> {
  /** Service name: picks `<SERVICE>_DATABASE_URL`, the PGlite folder and the migrations table. */
  service: string;
  schema: TSchema;
  migrationsFolder: string;
  /** Overrides the environment (tests pass the URL of their own database). */
  url?: string;
  /** Embedded PGlite folder; `memory://` keeps it in memory. Defaults to `.data/<service>`. */
  dataDir?: string;
  /** Size of the postgres.js pool. */
  maxConnections?: number;
  /** Called with every SQL statement (tests count queries to prove batching). */
  onQuery?: (query: string) => void;
}

export interface OpenDatabase<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** `TERRITORY_DATABASE_URL` wins over `DATABASE_URL`; neither means embedded PGlite. */
export function databaseUrlFor(service: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`${service.toUpperCase()}_DATABASE_URL`] || env.DATABASE_URL || undefined;
}

/**
 * Each service keeps its migration journal in its own table of the `drizzle` schema, so several
 * services can share one database (each owning its own schema) without reading each other's journal.
 */
export function migrationsConfig(service: string, migrationsFolder: string) {
  return { migrationsFolder, migrationsSchema: 'drizzle', migrationsTable: `__migrations_${service}` };
}

/** Opens the service's database and applies its pending migrations. */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: DatabaseOptions<TSchema>,
): Promise<OpenDatabase<TSchema>> {
  const url = options.url ?? databaseUrlFor(options.service);
  const migrations = migrationsConfig(options.service, options.migrationsFolder);
  const onQuery = options.onQuery;
  const logger = onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined;
  if (url) {
    const client = postgres(url, { max: options.maxConnections ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema: options.schema, logger });
    // Services sharing one database start together: one migrates at a time (they all create the
    // `drizzle` schema of the journals, which is not safe to do concurrently).
    const lock = await client.reserve();
    try {
      await lock`SELECT pg_advisory_lock(hashtext('participa-migrations'))`;
      await migratePostgres(db, migrations);
    } finally {
      await lock`SELECT pg_advisory_unlock(hashtext('participa-migrations'))`;
      lock.release();
    }
    return {
      db: db as unknown as Database<TSchema>,
      engine: 'postgres',
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = options.dataDir ?? path.resolve(process.env.PARTICIPA_DATA_DIR ?? '.data', options.service);
  const onDisk = !dataDir.startsWith('memory://');
  if (onDisk) mkdirSync(dataDir, { recursive: true });
  const fresh = onDisk && !existsSync(path.join(dataDir, 'PG_VERSION'));
  // Smaller buffers than a server's defaults: one embedded instance runs in every service process.
  const open = () => new PGlite(dataDir, { postgresqlconf: ['shared_buffers = 16MB', 'wal_buffers = 1MB'] });
  if (fresh) {
    // Creating the cluster (initdb) leaves ~350 MiB of WASM memory behind for the life of the
    // instance; reopening the new cluster gives it back (measured: 737 → 361 MiB RSS).
    const initializing = open();
    await initializing.waitReady;
    await initializing.close();
  }
  const client = open();
  const db = drizzlePglite(client, { schema: options.schema, logger });
  await migratePglite(db, migrations);
  return { db: db as unknown as Database<TSchema>, engine: 'pglite', close: () => client.close() };
}
