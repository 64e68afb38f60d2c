import { tracingEnabled } from '@participa/tracing';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { preparedStatements } from './sql-client.ts';
import { tracedSql } from './sql-tracing.ts';

/** A drizzle database; transactions have the same shape. */
export type Database<TSchema extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  PgQueryResultHKT,
  TSchema
>;

export interface DatabaseOptions<TSchema extends Record<string, unknown>> {
  /** Service name: picks `<SERVICE>_DATABASE_URL` and the migrations table. */
  service: string;
  schema: TSchema;
  migrationsFolder: string;
  /** Overrides the environment (tests pass the URL of their own database). */
  url?: string;
  /** Size of the postgres.js pool. */
  maxConnections?: number;
  /** Called with every SQL statement (tests count queries to prove batching). */
  onQuery?: (query: string) => void;
}

export interface OpenDatabase<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  /** The service it belongs to (its connections are named `participa-<service>` in PostgreSQL). */
  service: string;
  /** This pool's server connections by state (`active`, `idle`, `idle in transaction`), and those waiting on a lock. */
  connections(): Promise<{ state: string; count: number }[]>;
  close(): Promise<void>;
}

/** How long one statement may run before PostgreSQL cancels it: one slow query must not pile up requests. */
export function statementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.DB_STATEMENT_TIMEOUT_MS ?? 30_000);
}

/**
 * How long opening a connection may take (seconds, `DB_CONNECT_TIMEOUT_S`, default 5): during an
 * outage a request fails this fast, instead of waiting for the gateway's subgraph timeout.
 */
export function connectTimeoutSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.DB_CONNECT_TIMEOUT_S ?? 5);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error('DB_CONNECT_TIMEOUT_S must be a positive number');
  return value;
}

/** `TERRITORY_DATABASE_URL` wins over `DATABASE_URL`. */
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

/** Whether the database answers a trivial statement within `timeoutMs` (readiness probes). */
export async function databaseAnswers(
  db: Database<Record<string, unknown>>,
  timeoutMs = 2_000,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const answered = db.execute(sql`SELECT 1`).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens the service's database (PostgreSQL 15 or newer) and applies its pending migrations. */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: DatabaseOptions<TSchema>,
): Promise<OpenDatabase<TSchema>> {
  const url = options.url ?? databaseUrlFor(options.service);
  if (!url) {
    const variable = `${options.service.toUpperCase()}_DATABASE_URL`;
    throw new Error(
      `No database for ${options.service}: set DATABASE_URL or ${variable} (npm start runs an embedded PostgreSQL server and sets them).`,
    );
  }
  const onQuery = options.onQuery;
  const logger = onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined;
  const applicationName = `participa-${options.service}`;
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    connect_timeout: connectTimeoutSeconds(),
    onnotice: () => {},
    connection: {
      application_name: applicationName,
      statement_timeout: statementTimeoutMs(),
      // A transaction left open by a crashed request must not hold its locks for ever.
      idle_in_transaction_session_timeout: 60_000,
    },
  });
  // Decided once: with tracing off drizzle gets the bare client and statements cost nothing more.
  const sql = preparedStatements(client);
  const db = drizzle(tracingEnabled() ? tracedSql(sql) : sql, { schema: options.schema, logger });
  // Services sharing one database start together: one migrates at a time (they all create the
  // `drizzle` schema of the journals, which is not safe to do concurrently).
  const lock = await client.reserve();
  try {
    await lock`SELECT pg_advisory_lock(hashtext('participa-migrations'))`;
    await migrate(db, migrationsConfig(options.service, options.migrationsFolder));
  } finally {
    await lock`SELECT pg_advisory_unlock(hashtext('participa-migrations'))`;
    lock.release();
  }
  return {
    db: db as unknown as Database<TSchema>,
    service: options.service,
    async connections() {
      const rows = await client<{ state: string | null; waiting: boolean; count: number }[]>`
        SELECT state, wait_event_type = 'Lock' AS waiting, count(*)::int AS count
        FROM pg_stat_activity
        WHERE application_name = ${applicationName} AND pid <> pg_backend_pid()
        GROUP BY 1, 2`;
      const states = rows.map((r) => ({ state: r.state ?? 'unknown', count: r.count }));
      const waiting = rows.filter((r) => r.waiting).reduce((sum, r) => sum + r.count, 0);
      return [...states, { state: 'waiting on a lock', count: waiting }];
    },
    close: () => client.end({ timeout: 5 }),
  };
}
