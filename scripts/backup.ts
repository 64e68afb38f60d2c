/**
 * `npm run backup -- <file>`: every service's data, with no pg_dump (the embedded server ships
 * none, and a machine's pg_dump must match the server's version). Format: packages/db/src/backup.
 */
import { backupServices } from '@participa/db/backup';
import { fileArgument, withServiceDatabases } from './service-databases.ts';

const file = fileArgument('npm run backup -- <file.ndjson.gz>');
try {
  const summary = await withServiceDatabases((targets) => backupServices(targets, file, console.log));
  const rows = summary.services.reduce((sum, s) => sum + s.rows, 0);
  console.log(`Backup written to ${file}: ${summary.services.length} services, ${rows} rows.`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
