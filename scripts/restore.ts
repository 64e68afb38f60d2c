/**
 * `npm run restore -- <file> [--force]`: loads a backup of `npm run backup` into the services'
 * databases (DATABASE_URL / <SERVICE>_DATABASE_URL, or the embedded server). Refused when a
 * service already holds data, unless --force; refused when the backup's migrations are newer.
 */
import { restoreServices } from '@participa/db/backup';
import { fileArgument, withServiceDatabases } from './service-databases.ts';

const file = fileArgument('npm run restore -- <file.ndjson.gz> [--force]');
const force = process.argv.includes('--force');
try {
  const summary = await withServiceDatabases((targets) =>
    restoreServices(targets, file, { force, log: console.log }),
  );
  const rows = summary.services.reduce((sum, s) => sum + s.rows, 0);
  console.log(`Restored ${summary.services.length} services, ${rows} rows, from ${file}.`);
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
