import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../src/database.ts';
import { insertRows } from '../src/insert-rows.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/** Territory's migrations: any service's would do, the test makes a table of its own. */
const migrations = {
  service: 'territory',
  migrationsFolder: path.resolve(import.meta.dirname, '../../../services/territory/drizzle'),
};
const scratch = pgSchema('insert_rows_test');
const mood = scratch.enum('mood', ['CALM', 'BUSY']);
const things = scratch.table('things', {
  id: uuid().primaryKey().defaultRandom(),
  seq: integer().generatedAlwaysAsIdentity(),
  name: text('display_name').notNull(),
  mood: mood().notNull(),
  at: timestamp('at', { withTimezone: true, precision: 3 }),
  details: jsonb(),
  tags: text().array(),
  active: boolean().notNull().default(true),
  source: text()
    .notNull()
    .$defaultFn(() => 'typescript'),
});

let database: TestDatabase;
let opened: OpenDatabase<Record<string, never>>;
beforeAll(async () => {
  database = await createTestDatabase([migrations]);
  opened = await openDatabase({ ...migrations, schema: {}, url: database.url });
  await opened.db.execute(sql`
    CREATE SCHEMA insert_rows_test;
    CREATE TYPE insert_rows_test.mood AS ENUM ('CALM', 'BUSY');
    CREATE TABLE insert_rows_test.things (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq integer GENERATED ALWAYS AS IDENTITY,
      display_name text NOT NULL,
      mood insert_rows_test.mood NOT NULL,
      at timestamptz(3),
      details jsonb,
      tags text[],
      active boolean NOT NULL DEFAULT true,
      source text NOT NULL
    )`);
});
afterAll(async () => {
  await opened?.close();
  await database?.drop();
});

const all = () => opened.db.select().from(things).orderBy(asc(things.seq));

it('stores every kind of column as drizzle would, with database and TypeScript defaults, in arrival order', async () => {
  const at = new Date('2026-03-01T13:45:12.345Z');
  await insertRows(opened.db, things, [
    {
      name: 'Junta de Acción Comunal "El Vallado"',
      mood: 'CALM',
      at,
      details: { radicado: 'CENTRO-2026-000001', nested: { list: [1, 'dos', null] } },
      tags: ['comuna 15', 'a,b', 'con "comillas"'],
    },
    { name: 'Asociación de usuarios', mood: 'BUSY', at: null, details: null, tags: null },
  ]);
  const rows = await all();
  expect(rows.map(({ id: _, seq: __, ...row }) => row)).toEqual([
    {
      name: 'Junta de Acción Comunal "El Vallado"',
      mood: 'CALM',
      at,
      details: { radicado: 'CENTRO-2026-000001', nested: { list: [1, 'dos', null] } },
      tags: ['comuna 15', 'a,b', 'con "comillas"'],
      active: true,
      source: 'typescript',
    },
    {
      name: 'Asociación de usuarios',
      mood: 'BUSY',
      at: null,
      details: null,
      tags: null,
      active: true,
      source: 'typescript',
    },
  ]);
  expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(rows[1]!.seq).toBe(rows[0]!.seq! + 1);
  // A JSON column holds the object itself, not a string of it.
  const [kind] = (await opened.db.execute(
    sql`SELECT jsonb_typeof(details) AS kind FROM insert_rows_test.things WHERE mood = 'CALM'`,
  )) as unknown as { kind: string }[];
  expect(kind?.kind).toBe('object');
});

it('runs one prepared statement for any number of rows, and nothing for none', async () => {
  const batch = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({
      name: `${prefix} ${i}`,
      mood: 'CALM' as const,
      active: i % 2 === 0,
    }));
  const prepared = await opened.db.transaction(async (tx) => {
    for (const n of [1, 3, 50]) await insertRows(tx, things, batch(n, `lote ${n}`));
    await insertRows(tx, things, []);
    return (await tx.execute(
      sql`SELECT statement FROM pg_prepared_statements WHERE statement LIKE ${'INSERT INTO "insert_rows_test"%'}`,
    )) as unknown as { statement: string }[];
  });
  expect(prepared).toHaveLength(1);
  const names = (await all()).map((row) => row.name).filter((name) => name.startsWith('lote'));
  expect(names).toEqual([
    ...batch(1, 'lote 1').map((row) => row.name),
    ...batch(3, 'lote 3').map((row) => row.name),
    ...batch(50, 'lote 50').map((row) => row.name),
  ]);
  expect((await all()).filter((row) => row.name.startsWith('lote 50')).map((row) => row.active)).toEqual(
    batch(50, 'x').map((row) => row.active),
  );
});

it('refuses rows that set different columns, writing none of them', async () => {
  const before = (await all()).length;
  await expect(
    insertRows(opened.db, things, [
      { name: 'con fecha', mood: 'CALM', at: new Date() },
      { name: 'sin fecha', mood: 'CALM' },
    ]),
  ).rejects.toThrow('"at" is set in some rows and not in others');
  await expect(
    insertRows(opened.db, things, [
      { name: 'sin detalles', mood: 'CALM' },
      { name: 'con detalles', mood: 'CALM', details: {} },
    ]),
  ).rejects.toThrow('"details" is set in some rows and not in others');
  expect(await all()).toHaveLength(before);
});
