import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsConfig } from './database.ts';

/**
 * The real PostgreSQL of this test run, resolved by the global setup (packages/testing): the
 * configured one, the machine's, or an embedded server. Tests never mock it.
 */
export const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL && process.env.TEST_DATABASE_URL !== 'embedded'
    ? process.env.TEST_DATABASE_URL
    : 'postgres://postgres@127.0.0.1:5432/postgres';

export interface MigrationSet {
  service: string;
  migrationsFolder: string;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function urlWithDatabase(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Template name from the content of every migration it holds: a changed migration gets a new template. */
function templateName(sets: MigrationSet[]): string {
  const hash = createHash('sha256');
  for (const set of [...sets].sort((a, b) => a.service.localeCompare(b.service))) {
    hash.update(set.service);
    for (const file of readdirSync(set.migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      hash.update(file).update(readFileSync(path.join(set.migrationsFolder, file)));
    }
  }
  return `ps_tpl_${hash.digest('hex').slice(0, 16)}`;
}

async function ensureTemplate(admin: postgres.Sql, name: string, sets: MigrationSet[]): Promise<void> {
  const [existing] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
  if (existing) return;
  const building = `${name}_build_${randomBytes(3).toString('hex')}`;
  await admin.unsafe(`CREATE DATABASE "${building}"`);
  const client = postgres(urlWithDatabase(building), { max: 1, onnotice: () => {} });
  try {
    const db = drizzle(client);
    for (const set of sets) await migrate(db, migrationsConfig(set.service, set.migrationsFolder));
  } finally {
    await client.end();
  }
  await admin.unsafe(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
}

/**
 * A fresh database with the given services' migrations, cloned from a template database that is
 * built once per migration content (cloning takes milliseconds; migrating takes seconds).
 */
export async function createTestDatabase(sets: MigrationSet[]): Promise<TestDatabase> {
  const template = templateName(sets);
  const name = `ps_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    // A session lock (CREATE DATABASE cannot run in a transaction) shared by every test worker: the
    // template is built once and never cloned while being built. `max: 1` keeps one session.
    await admin`SELECT pg_advisory_lock(hashtext('participa-test-templates'))`;
    try {
      await ensureTemplate(admin, template, sets);
      await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin`SELECT pg_advisory_unlock(hashtext('participa-test-templates'))`;
    }
  } finally {
    await admin.end();
  }
  return {
    name,
    url: urlWithDatabase(name),
    async drop() {
      const sql = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
