import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@participa/db';
import { backupServices, restoreServices } from '@participa/db/backup';
import { ADMIN_DATABASE_URL } from '@participa/db/testing';
import { territoryService } from '@participa/territory';
import { startTestGraph } from '@participa/testing';
import postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';

/**
 * A backup made before the code's newest migrations (an older release's): territory's database is
 * migrated only up to its first migration, as that release left it, and holds data; the backup
 * records that one migration, a strict prefix of the code's. Restored with this code, the rows load
 * into the schema they were written for and the newer migrations are applied after them.
 */
const work = mkdtempSync(path.join(tmpdir(), 'participa-backup-older-'));
const dropped: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `ps_older_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  dropped.push(name);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  for (const name of dropped) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
});

/** The service's migrations folder as an older release had it: its first `count` migrations. */
function olderMigrations(folder: string, count: number): string {
  const older = path.join(work, 'drizzle');
  cpSync(folder, older, { recursive: true });
  const journalFile = path.join(older, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const kept = journal.entries.slice(0, count);
  for (const file of readdirSync(older).filter((f) => f.endsWith('.sql')))
    if (!kept.some((entry) => `${entry.tag}.sql` === file)) rmSync(path.join(older, file));
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: kept }, null, 2));
  return older;
}

it('restores a backup whose migrations are a strict prefix of the code’s, then applies the newer ones', async () => {
  const folder = territoryService.migrationsFolder;
  const codeCount = readdirSync(folder).filter((f) => f.endsWith('.sql')).length;
  expect(codeCount, 'territory needs two migrations or more for this test').toBeGreaterThan(1);

  // The older release's database: its first migration only, and a network it recorded.
  const oldUrl = await emptyDatabase();
  const old = await openDatabase({
    service: 'territory',
    schema: {},
    migrationsFolder: olderMigrations(folder, 1),
    url: oldUrl,
  });
  await old.close();
  const sql = postgres(oldUrl, { max: 1, onnotice: () => {} });
  await sql`INSERT INTO territory.networks (code, name) VALUES ('ANTIGUA', 'Red de Salud Antigua E.S.E.')`;
  const [before] = await sql<{ portfolio: boolean }[]>`
    SELECT to_regclass('territory.service_offerings') IS NOT NULL AS portfolio`;
  expect(before?.portfolio, 'the first migration has no service portfolio yet').toBe(false);
  await sql.end();

  const file = path.join(work, 'older.ndjson.gz');
  await backupServices([{ service: 'territory', url: oldUrl, migrationsFolder: folder }], file);

  // Restored with this code into an empty database.
  const newUrl = await emptyDatabase();
  const log: string[] = [];
  const summary = await restoreServices(
    [{ service: 'territory', url: newUrl, migrationsFolder: folder }],
    file,
    { log: (line) => log.push(line) },
  );
  // The network, and whatever rows the first migration writes itself.
  expect(summary.services).toHaveLength(1);
  expect(summary.services[0]!.name).toBe('territory');
  expect(summary.services[0]!.rows).toBeGreaterThanOrEqual(1);

  const restored = postgres(newUrl, { max: 1, onnotice: () => {} });
  try {
    const journal = await restored`SELECT hash FROM drizzle.__migrations_territory ORDER BY created_at`;
    expect(journal).toHaveLength(codeCount);
    const [after] = await restored<{ offerings: number }[]>`
      SELECT count(*)::int AS offerings FROM territory.service_offerings`;
    expect(after?.offerings, 'the newer migration made the service portfolio').toBe(0);
  } finally {
    await restored.end();
  }

  // The graph runs on it (openDatabase finds nothing left to migrate) and the old data answers.
  const graph = await startTestGraph([territoryService], { existingDatabases: { territory: newUrl } });
  try {
    const data = await graph.data<{ network: { code: string; name: string } }>(
      '{ network(code: "ANTIGUA") { code name } }',
    );
    expect(data.network).toEqual({ code: 'ANTIGUA', name: 'Red de Salud Antigua E.S.E.' });
  } finally {
    await graph.stop();
  }
});
