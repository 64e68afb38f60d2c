/**
 * `npm run migrate`: applies every service's pending migrations (to `DATABASE_URL` /
 * `<SERVICE>_DATABASE_URL`, or to the embedded PostgreSQL server under `PARTICIPA_DATA_DIR`)
 * without starting the platform. Services also migrate on start; this is for deployments that
 * migrate as a separate step.
 */
import path from 'node:path';
import { startLocalPlatform } from '@participa/local-servers';
import { SERVICES } from '../gateway/src/catalog.ts';
import { migrateServices } from '../gateway/src/migrations.ts';

const root = path.resolve(import.meta.dirname, '..');
const platform = await startLocalPlatform({
  dataDir: path.resolve(root, process.env.PARTICIPA_DATA_DIR ?? '.data'),
  services: SERVICES.map((service) => service.name),
  redis: false,
});
try {
  await migrateServices({ ...process.env, ...platform.env });
} finally {
  await platform.stop();
}
