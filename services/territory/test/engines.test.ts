import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OpenDatabase, openDatabase } from '@participa/db';
import { createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { territoryService } from '../src/service.ts';

/** The same migrations must give the same tables on embedded PGlite and on PostgreSQL. */
const { schema, migrationsFolder } = territoryService;
const COLUMNS = sql`SELECT table_name, column_name, data_type, is_nullable
  FROM information_schema.columns WHERE table_schema = 'territory' ORDER BY table_name, column_name`;

let pglite: OpenDatabase<typeof schema>;
let postgres: OpenDatabase<typeof schema>;
let database: TestDatabase;
beforeAll(async () => {
  pglite = await openDatabase({ service: 'territory', schema, migrationsFolder, dataDir: 'memory://' });
  database = await createTestDatabase([{ service: 'territory', migrationsFolder }]);
  postgres = await openDatabase({ service: 'territory', schema, migrationsFolder, url: database.url });
});
afterAll(async () => {
  await pglite?.close();
  await postgres?.close();
  await database?.drop();
});

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);

describe('database engines', () => {
  it('picks PGlite without a URL and PostgreSQL with one', () => {
    expect(pglite.engine).toBe('pglite');
    expect(postgres.engine).toBe('postgres');
  });

  it('migrates to identical tables on both engines', async () => {
    const onPglite = rowsOf(await pglite.db.execute(COLUMNS));
    const onPostgres = rowsOf(await postgres.db.execute(COLUMNS));
    expect(onPglite.length).toBeGreaterThan(40);
    expect(onPglite).toEqual(onPostgres);
  });

  it('loads reference and demo data once, however often a service starts', async () => {
    for (const opened of [pglite, postgres]) {
      for (let start = 0; start < 2; start++) {
        await territoryService.seedReference!(opened.db);
        await territoryService.seedDemo!(opened.db);
      }
      const [networks] = await opened.db.select({ n: count() }).from(schema.networks);
      const [organizations] = await opened.db.select({ n: count() }).from(schema.organizations);
      const [facilities] = await opened.db.select({ n: count() }).from(schema.facilities);
      expect(networks!.n).toBe(5);
      expect(organizations!.n).toBe(16);
      expect(facilities!.n).toBe(24);
    }
  });

  it('applies pending migrations only once (a restart re-opens the same database)', async () => {
    const again = await openDatabase({ service: 'territory', schema, migrationsFolder, url: database.url });
    const journal = rowsOf(
      await again.db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__migrations_territory`),
    );
    await again.close();
    // One journal row per migration of the folder, however many times the service starts.
    const migrations = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')).entries;
    expect(journal).toEqual([{ n: migrations.length }]);
  });
});
