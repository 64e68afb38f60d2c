import type postgres from 'postgres';
import type { SequenceState } from './format.ts';

/** A connection or a transaction: the catalog is read from either. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

/** A service's data lives in the schema named after it, plus its drizzle journal (database.ts). */
export const journalTable = (service: string) => ({ schema: 'drizzle', table: `__migrations_${service}` });

export interface TableInfo {
  schema: string;
  table: string;
  columns: string[];
}

/**
 * The service's tables with their columns in order (dropped and generated columns left out: COPY
 * FROM cannot write generated ones), the journal last. Read from pg_catalog, not the drizzle
 * schema objects, so a backup takes every table the migrations made.
 */
export async function serviceTables(sql: Queryable, service: string): Promise<TableInfo[]> {
  const journal = journalTable(service);
  const rows = await sql<{ schema: string; table: string; columns: string[] }[]>`
    SELECT n.nspname AS schema, c.relname AS table,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    WHERE c.relkind IN ('r', 'p')
      AND (n.nspname = ${service} OR (n.nspname = ${journal.schema} AND c.relname = ${journal.table}))
    GROUP BY 1, 2
    ORDER BY n.nspname = ${journal.schema}, c.relname`;
  return rows.map((r) => ({ schema: r.schema, table: r.table, columns: r.columns }));
}

/** The sequences the service's tables use (its schema's, and the journal's `id` serial). */
export async function serviceSequences(sql: Queryable, service: string): Promise<SequenceState[]> {
  const journal = journalTable(service);
  const rows = await sql<{ schema: string; name: string; lastValue: string | null; isCalled: boolean }[]>`
    SELECT s.schemaname AS schema, s.sequencename AS name, s.last_value::text AS "lastValue",
           s.last_value IS NOT NULL AS "isCalled"
    FROM pg_sequences s
    WHERE s.schemaname = ${service}
       OR (s.schemaname = ${journal.schema} AND s.sequencename = ${`${journal.table}_id_seq`})
    ORDER BY 1, 2`;
  return rows.map((r) => ({ ...r }));
}

/** Whether any table of the service holds a row (an empty schema, e.g. after `npm run migrate`, does not count). */
export async function hasData(sql: Queryable, service: string): Promise<boolean> {
  const tables = (await serviceTables(sql, service)).filter((t) => t.schema === service);
  for (const { schema, table } of tables) {
    const [row] = await sql`SELECT 1 FROM ${sql(schema)}.${sql(table)} LIMIT 1`;
    if (row) return true;
  }
  return false;
}

/** Which sequence each column default draws from, to move it past the restored rows. */
export async function ownedSequences(
  sql: Queryable,
  service: string,
): Promise<{ schema: string; sequence: string; tableSchema: string; table: string; column: string }[]> {
  const journal = journalTable(service);
  return sql`
    SELECT sn.nspname AS schema, s.relname AS sequence, tn.nspname AS "tableSchema", t.relname AS table,
           a.attname AS column
    FROM pg_class s
    JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
      AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE s.relkind = 'S'
      AND (tn.nspname = ${service} OR (tn.nspname = ${journal.schema} AND t.relname = ${journal.table}))`;
}
