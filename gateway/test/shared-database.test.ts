import { randomBytes } from 'node:crypto';
import { openDatabase } from '@participa/db';
import { ADMIN_DATABASE_URL } from '@participa/db/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVICES } from '../src/catalog.ts';

/** docker compose starts every service at once against one DATABASE_URL: migrations must not race. */
const name = `ps_shared_${randomBytes(4).toString('hex')}`;
const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
const url = (() => {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
})();

beforeAll(async () => {
  await admin.unsafe(`CREATE DATABASE "${name}"`);
});
afterAll(async () => {
  await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
});

it('migrates every service at the same time on one empty database, each in its own schema', async () => {
  const opened = await Promise.all(
    SERVICES.map((s) =>
      openDatabase({
        service: s.name,
        schema: s.schema,
        migrationsFolder: s.migrationsFolder,
        url,
        maxConnections: 2,
      }),
    ),
  );
  await Promise.all(opened.map((o) => o.close()));
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const schemas = await sql<{ nspname: string }[]>`SELECT nspname FROM pg_namespace ORDER BY nspname`;
    const names = schemas.map((s) => s.nspname);
    for (const service of SERVICES) expect(names).toContain(service.name);
    const journals = await sql<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'drizzle' ORDER BY table_name`;
    expect(journals.map((j) => j.table_name)).toEqual(SERVICES.map((s) => `__migrations_${s.name}`).sort());
  } finally {
    await sql.end();
  }
});
