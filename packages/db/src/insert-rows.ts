import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

/** Rows of a table as one JSON parameter that `json_populate_recordset(NULL::<table>, …)` reads. */
export interface Recordset {
  /** The table's schema-qualified, quoted name. */
  table: string;
  /** The database names of the columns every row sets. */
  columns: readonly string[];
  json: string;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Schema-qualified, quoted table names: built once per table. */
const tableNames = new WeakMap<PgTable, string>();

function tableName(table: PgTable): string {
  let name = tableNames.get(table);
  if (!name) {
    const config = getTableConfig(table);
    name = config.schema ? `${quoted(config.schema)}.${quoted(config.name)}` : quoted(config.name);
    tableNames.set(table, name);
  }
  return name;
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
  return {
    table: tableName(table),
    columns: set.map(([, column]) => column.name),
    json: JSON.stringify(records),
  };
}

/**
 * `INSERT INTO <table> (<columns>) SELECT … FROM json_populate_recordset(NULL::<table>, <rows>)
 * WITH ORDINALITY AS r`, to run alone or as a data-modifying CTE. `computed` gives SQL for columns
 * (by database name) instead of the row's value, or in addition to the row's columns; it may refer
 * to the row as `r` and to its position as `r.ordinality`, and to anything the caller joins after.
 */
export function insertRecordset(recordset: Recordset, computed: Record<string, string> = {}): SQL {
  const columns = [...new Set([...recordset.columns, ...Object.keys(computed)])];
  const values = columns.map((column) => computed[column] ?? `r.${quoted(column)}`);
  return sql`${sql.raw(`INSERT INTO ${recordset.table} (${columns.map(quoted).join(', ')}) SELECT ${values.join(', ')} FROM json_populate_recordset(NULL::${recordset.table}, `)}${recordset.json}${sql.raw('::json) WITH ORDINALITY AS r')}`;
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
  if (recordset) await db.execute(insertRecordset(recordset));
}
