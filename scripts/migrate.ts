/**
 * `npm run migrate`: applies every service's pending migrations (to `DATABASE_URL` /
 * `<SERVICE>_DATABASE_URL`, or to the embedded PGlite folders) without starting anything.
 * Services also migrate on start; this is for deployments that migrate as a separate step.
 */
import { openDatabase } from '@participa/db';
import { SERVICES } from '../gateway/src/catalog.ts';

for (const service of SERVICES) {
  const started = performance.now();
  const database = await openDatabase({
    service: service.name,
    schema: service.schema,
    migrationsFolder: service.migrationsFolder,
  });
  await database.close();
  console.log(
    `${service.name}: migrated (${database.engine}) in ${Math.round(performance.now() - started)} ms`,
  );
}
