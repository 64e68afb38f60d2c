import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OpenDatabase, openDatabase } from '../src/database.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/** Territory's migrations: any service's would do, the test reads only the server's catalog. */
const migrations = {
  service: 'territory',
  migrationsFolder: path.resolve(import.meta.dirname, '../../../services/territory/drizzle'),
};
let database: TestDatabase;
let opened: OpenDatabase<Record<string, never>>;
beforeAll(async () => {
  database = await createTestDatabase([migrations]);
  opened = await openDatabase({ ...migrations, schema: {}, url: database.url });
});
afterAll(async () => {
  await opened?.close();
  await database?.drop();
});

it('runs drizzle statements with parameters as prepared statements, kept on the connection and reused', async () => {
  // One transaction, one connection: pg_prepared_statements lists the statements of its session.
  const prepared = await opened.db.transaction(async (tx) => {
    for (const n of [1, 2, 3]) {
      const rows = (await tx.execute(sql`SELECT ${n}::int + 1 AS n`)) as unknown as { n: number }[];
      expect(rows[0]?.n).toBe(n + 1);
    }
    return (await tx.execute(
      sql`SELECT statement FROM pg_prepared_statements WHERE statement LIKE ${'%::int + 1 AS n%'}`,
    )) as unknown as { statement: string }[];
  });
  // Prepared once for its three runs.
  expect(prepared.map((r) => r.statement)).toEqual(['SELECT $1::int + 1 AS n']);
});
