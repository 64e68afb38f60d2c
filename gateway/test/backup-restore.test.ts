import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { backupServices, restoreServices, type ServiceDatabase } from '@participa/db/backup';
import { ADMIN_DATABASE_URL } from '@participa/db/testing';
import { startEmbeddedPostgres } from '@participa/local-servers';
import { type Caller, startTestGraph, type TestGraph } from '@participa/testing';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../services/notifications/src/db/schema.ts';
import { SERVICES } from '../src/catalog.ts';

/**
 * Backup and restore (README "Backup and restore"): a graph with demo data and a few writes is
 * backed up, restored into empty databases, and a second graph on the restored data answers as
 * the first did; its sequences go on; a restore over data is refused without --force. Then the
 * scripts themselves: `npm run backup` against DATABASE_URL, `npm run restore` into an empty
 * data folder of the embedded server.
 */
const root = path.resolve(import.meta.dirname, '../..');
const STAFF: Caller = { role: 'ese_staff', network: 'CENTRO', sub: 'staff-backup' };
const SECRETARIAT: Caller = { role: 'secretariat', sub: 'secretariat-backup' };
const work = mkdtempSync(path.join(tmpdir(), 'participa-backup-'));
const file = path.join(work, 'backup.ndjson.gz');

const QUERIES: { query: string; as?: Caller }[] = [
  { query: '{ networks { code name territories { code name } } }' },
  {
    query: `{ pqrsList(first: 100) { totalCount edges { node { radicado status subject
      petitioner { fullName documentNumber email } } } } }`,
    as: STAFF,
  },
  {
    query:
      '{ workshops(first: 100) { totalCount edges { node { id title status registeredCount waitlistCount } } } }',
  },
  { query: '{ actionPlans { id year status network { code } } }', as: SECRETARIAT },
  { query: '{ myNotifications(first: 100) { totalCount edges { node { kind title body } } } }', as: STAFF },
];

async function answers(graph: TestGraph): Promise<unknown[]> {
  return Promise.all(QUERIES.map(({ query, as }) => graph.data(query, {}, as)));
}

/** Every row of every service table, as a fingerprint per table: equal data, equal prints. */
async function fingerprints(urls: Record<string, string>): Promise<Record<string, string>> {
  const prints: Record<string, string> = {};
  for (const { name } of SERVICES) {
    const sql = postgres(urls[name]!, { max: 1, onnotice: () => {} });
    try {
      const tables = await sql<{ table: string }[]>`
        SELECT tablename AS table FROM pg_tables WHERE schemaname = ${name} ORDER BY 1`;
      for (const { table } of tables) {
        const [row] = await sql.unsafe(
          `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}"."${table}" t`,
        );
        prints[`${name}.${table}`] = `${row!.n}:${row!.h}`;
      }
    } finally {
      await sql.end();
    }
  }
  return prints;
}

const targets = (urls: Record<string, string>): ServiceDatabase[] =>
  SERVICES.map((s) => ({ service: s.name, url: urls[s.name]!, migrationsFolder: s.migrationsFolder }));
const sameUrl = (url: string) => Object.fromEntries(SERVICES.map((s) => [s.name, url]));

/** An empty database on the test run's server (no migrations: restore brings them). */
async function emptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ps_restore_${process.pid}_${randomUUID().slice(0, 8)}`;
  const admin = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(ADMIN_DATABASE_URL, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await sql.end();
    },
  };
}

const SUBMIT = `mutation ($input: SubmitPqrsInput!) { submitPqrs(input: $input) { radicado } }`;
const petition = (documentNumber: string) => ({
  networkCode: 'CENTRO',
  type: 'PETICION',
  subject: 'Copia de historia clínica',
  description: 'Solicito copia de mi historia clínica.',
  channel: 'WEB',
  petitioner: {
    fullName: 'María Fernanda Ocoró',
    documentType: 'CC',
    documentNumber,
    email: 'maria.ocoro@example.com',
    responseChannel: 'EMAIL',
  },
});

let source: TestGraph;
let before: unknown[];
let prints: Record<string, string>;
let lastRadicado: string;

beforeAll(async () => {
  source = await startTestGraph(SERVICES, { demoData: true });
  lastRadicado = (
    await source.data<{ submitPqrs: { radicado: string } }>(SUBMIT, { input: petition('31987654') })
  ).submitPqrs.radicado;
  const { workshops } = await source.data<{
    workshops: { edges: { node: { id: string; status: string } }[] };
  }>('{ workshops(first: 100) { edges { node { id status } } } }');
  const open = workshops.edges.find((e) => e.node.status === 'SCHEDULED');
  expect(open).toBeDefined();
  await source.data(
    'mutation ($input: RegisterForWorkshopInput!) { registerForWorkshop(input: $input) { id } }',
    {
      input: {
        workshopId: open!.node.id,
        dataConsent: true,
        participant: { fullName: 'Jhon Jairo Mina', documentType: 'CC', documentNumber: '16789012' },
      },
    },
  );
  // The notifications worker needs Redis; its inbox rows are written here as it would write them.
  await source.databases.notifications!.db.insert(notifications).values({
    eventId: randomUUID(),
    inbox: 'role:CENTRO:ese_staff',
    kind: 'pqrs.received',
    title: `Nueva PQRS ${lastRadicado}`,
    body: 'Una PQRS llegó a la red.',
  });
  before = await answers(source);
  // The answers compared hold what matters: the petitioner decrypted for staff, the registration.
  const text = JSON.stringify(before);
  expect(text).toContain(lastRadicado);
  expect(text).toContain('María Fernanda Ocoró');
  expect(text).toContain(`Nueva PQRS ${lastRadicado}`);
  expect(text).toMatch(/"registeredCount":[1-9]/);
  prints = await fingerprints(sameUrl(source.databaseUrl));
  await backupServices(targets(sameUrl(source.databaseUrl)), file);
}, 180_000);

afterAll(async () => {
  await source?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('backup and restore against DATABASE_URL', () => {
  it('restores into an empty database: same rows, same answers, sequences go on, no overwrite without --force', async () => {
    const target = await emptyDatabase();
    let restored: TestGraph | undefined;
    try {
      const urls = sameUrl(target.url);
      await restoreServices(targets(urls), file);
      expect(await fingerprints(urls)).toEqual(prints);
      restored = await startTestGraph(SERVICES, { existingDatabases: urls });
      expect(await answers(restored)).toEqual(before);
      // The radicado counter and the serials continue where the backup left them.
      const next = (
        await restored.data<{ submitPqrs: { radicado: string } }>(SUBMIT, { input: petition('1000') })
      ).submitPqrs.radicado;
      const serial = (radicado: string) => Number(radicado.split('-').at(-1));
      expect(next.slice(0, -6)).toBe(lastRadicado.slice(0, -6));
      expect(serial(next)).toBe(serial(lastRadicado) + 1);
      await restored.data('mutation { markAllNotificationsRead }', {}, STAFF);

      // Now the data is not empty: a second restore is refused and changes nothing.
      await expect(restoreServices(targets(urls), file)).rejects.toThrow(/already holds data.*--force/s);
      const pqrs = await restored.data<{ pqrsList: { totalCount: number } }>(
        '{ pqrsList(first: 1) { totalCount } }',
        {},
        STAFF,
      );
      expect(pqrs.pqrsList.totalCount).toBe(
        (before[1] as { pqrsList: { totalCount: number } }).pqrsList.totalCount + 1,
      );
      await restored.stop();
      restored = undefined;
      // --force puts the backup back as it was.
      await restoreServices(targets(urls), file, { force: true });
      expect(await fingerprints(urls)).toEqual(prints);
    } finally {
      await restored?.stop();
      await target.drop();
    }
  }, 120_000);

  it('refuses a backup whose migrations this code does not have, before writing anything', async () => {
    const target = await emptyDatabase();
    try {
      const olderCode = targets(sameUrl(target.url)).map((t) =>
        // The feedback service "of an older code": its last migration is missing.
        t.service === 'feedback' ? { ...t, migrationsFolder: path.join(work, 'old-feedback') } : t,
      );
      const folder = path.join(work, 'old-feedback');
      cpSync(SERVICES.find((s) => s.name === 'feedback')!.migrationsFolder, folder, { recursive: true });
      const journalFile = path.join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
      journal.entries.pop();
      writeFileSync(journalFile, JSON.stringify(journal));
      await expect(restoreServices(olderCode, file)).rejects.toThrow(
        /feedback: the backup has \d+ migrations/,
      );
      const sql = postgres(target.url, { max: 1, onnotice: () => {} });
      const schemas = await sql`SELECT nspname FROM pg_namespace WHERE nspname IN ('drizzle', 'territory')`;
      await sql.end();
      expect(schemas).toEqual([]);
    } finally {
      await target.drop();
    }
  });

  it('refuses an incomplete file', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trimEnd().split('\n');
    const cut = path.join(work, 'cut.ndjson.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, -40).join('\n')));
    await expect(restoreServices(targets(sameUrl(source.databaseUrl)), cut)).rejects.toThrow(/incomplete/);
  });
});

describe('the scripts', () => {
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const clean: NodeJS.ProcessEnv = { ...process.env, ...extra };
    for (const { name } of SERVICES) delete clean[`${name.toUpperCase()}_DATABASE_URL`];
    if (!extra.DATABASE_URL) delete clean.DATABASE_URL;
    return clean;
  };
  const run = (script: string, args: string[], extra: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: root,
      env: env(extra),
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('npm run backup with DATABASE_URL, then npm run restore into an empty embedded data folder', async () => {
    const scripted = path.join(work, 'scripted.ndjson.gz');
    const backup = run('backup', [scripted], { DATABASE_URL: source.databaseUrl });
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'participa-restore-data-'));
    try {
      const restore = run('restore', [scripted], { PARTICIPA_DATA_DIR: dataDir });
      expect(restore.status, restore.stderr).toBe(0);
      // The script stopped the server it started; the test starts it again on the same data.
      const server = await startEmbeddedPostgres({ root: dataDir });
      let restored: TestGraph | undefined;
      try {
        const urls = Object.fromEntries(SERVICES.map((s) => [s.name, server.url(s.name)]));
        expect(await fingerprints(urls)).toEqual(prints);
        restored = await startTestGraph(SERVICES, { existingDatabases: urls });
        expect(await answers(restored)).toEqual(before);
        await restored.stop();
        restored = undefined;
        // While a platform runs on the folder, the script uses its server; the data is there now.
        const again = run('restore', [scripted], { PARTICIPA_DATA_DIR: dataDir });
        expect(again.status).toBe(1);
        expect(again.stderr).toContain('using the PostgreSQL server already running');
        expect(again.stderr).toMatch(/already holds data/);
      } finally {
        await restored?.stop();
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
