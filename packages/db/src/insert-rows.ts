import { getTableColumns, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';

/** A statement's text per table and column list: built once, then only the rows change. */
const statements = new WeakMap<PgTable, Map<string, string>>();

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

function statementFor(table: PgTable, columns: PgColumn[]): string {
  let byColumns = statements.get(table);
  if (!byColumns) {
    byColumns = new Map();
    statements.set(table, byColumns);
  }
  const names = columns.map((column) => quoted(column.name)).join(', ');
  let text = byColumns.get(names);
  if (!text) {
    const { schema, name } = getTableConfig(table);
    const qualified = schema ? `${quoted(schema)}.${quoted(name)}` : quoted(name);
    text = `INSERT INTO ${qualified} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${qualified}, `;
    byColumns.set(names, text);
  }
  return text;
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
 * Inserts rows as one JSON parameter (`json_populate_recordset`) instead of drizzle's multi-row
 * VALUES, whose text and parameter list grow with the rows: building that took a seventh of the
 * feedback subgraph's CPU at intake, and each batch size became one more prepared statement on every
 * connection. Here one statement per table serves any number of rows.
 *
 * Every row must set the same columns (`null` for none): a column left out of one row would be
 * NULL there, not its default. Defaults computed in TypeScript (`$defaultFn`) are applied as
 * drizzle applies them.
 */
export async function insertRows<T extends PgTable>(
  // biome-ignore lint/suspicious/noExplicitAny: works on any service's schema and on transactions
  db: Database<any>,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  const [first] = rows as Record<string, unknown>[];
  if (!first) return;
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
  const statement = statementFor(
    table,
    set.map(([, column]) => column),
  );
  await db.execute(sql`${sql.raw(statement)}${JSON.stringify(records)}::json)`);
}
