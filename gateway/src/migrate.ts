/**
 * The image's migration step (`ENTRY=gateway/dist/migrate.js`): what `npm run migrate` does, for
 * databases that already exist (`<SERVICE>_DATABASE_URL` or `DATABASE_URL`), without tsx or the
 * embedded server. The Kubernetes Job `participa-migrate` runs it before a rollout.
 */
import { migrateServices } from './migrations.ts';

await migrateServices();
