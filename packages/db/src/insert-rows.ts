import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

/** Rows of a table as one JSON parameter that `json_populate_recordset(NULL::<table>, …)` reads. */
export interface Recordset {
  /** The table's schema-qualified, quoted name. */
  table: string;
  /** The quoted names of the columns every row sets. */
  columns: readonly string[];
  json: string;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Qualified table names, and column lists by the columns they name: built once per table. */
const names = new WeakMap<PgTable, { table: string; columns: Map<string, string[]> }>();

function namesOf(table: PgTable, set: [string, PgColumn][]): { table: string; columns: string[] } {
  let known = names.get(table);
  if (!known) {
    const { schema, name } = getTableConfig(table);
    known = { table: schema ? `${quoted(schema)}.${quoted(name)}` : quoted(name), columns: new Map() };
    names.set(table, known);
  }
  const key = set.map(([key]) => key).join();
  let columns = known.columns.get(key);
  if (!columns) {
    columns = set.map(([, column]) => quoted(column.name));
    known.columns.set(key, columns);
  }
  return { table: known.table, columns };
}
const unevenRows = (table: PgTable, key: string) =>
  new Error(`insertRows(${getTableConfig(table).name}): "${key}" is set in some rows and not in others`);

/** A value as PostgreSQL reads it from JSON: JSON columns nested as they are, the rest as drizzle sends them. */
function jsonValue(column: PgColumn, value: unknown): unknown {
  if (value === null) return null;
  if (column.columnType === 'PgJson' || column.columnType === 'PgJsonb') return value;
  return column.mapToDriverValue(value);
}

/**
 * Rows as JSON records for `json_populate_recordset`, or `null` for none. Every row must set the same
 * columns (`null` for none): a column left out of one row would be NULL there, not its default.
 * Defaults computed in TypeScript (`$defaultFn`) are applied as drizzle applies them.
 */
export function recordsetOf<T extends PgTable>(table: T, rows: T['$inferInsert'][]): Recordset | null {
  const [first] = rows as Record<string, unknown>[];
  if (!first) return null;
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>);
  const set = columns.filter(([key, column]) => first[key] !== undefined || column.defaultFn);
  const setKeys = new Set(set.map(([key]) => key));
  const records = (rows as Record<string, unknown>[]).map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, column] of set) {
      const value = row[key] === undefined ? column.defaultFn?.() : row[key];
      if (value === undefined) throw unevenRows(table, key);
      record[column.name] = jsonValue(column, value);
    }
    for (const [key] of columns)
      if (row[key] !== undefined && !setKeys.has(key)) throw unevenRows(table, key);
    return record;
  });
  return { ...namesOf(table, set), json: JSON.stringify(records) };
}

/**
 * Inserts rows as one JSON parameter (`json_populate_recordset`) instead of drizzle's multi-row
 * VALUES, whose text and parameter list grow with the rows: building that took a seventh of the
 * feedback subgraph's CPU at intake, and each batch size became one more prepared statement on every
 * connection. Here one statement per table serves any number of rows (see `recordsetOf` for the
 * rows' shape).
 */
export async function insertRows<T extends PgTable>(
  // biome-ignore lint/suspicious/noExplicitAny: works on any service's schema and on transactions
  db: Database<any>,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  const recordset = recordsetOf(table, rows);
  if (!recordset) return;
  const { table: name, json } = recordset;
  const columns = recordset.columns.join(', ');
  await db.execute(
    sql`${sql.raw(`INSERT INTO ${name} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${name}, `)}${json}::json)`,
  );
}
