import { openDatabase } from '@participa/db';
import { SERVICES } from './catalog.ts';

/**
 * Applies every service's pending migrations, each to its `<SERVICE>_DATABASE_URL` (or
 * `DATABASE_URL`), one service after the other; the journal and advisory lock are `openDatabase`'s.
 */
export async function migrateServices(
  env: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
): Promise<void> {
  for (const service of SERVICES) {
    const started = performance.now();
    const database = await openDatabase({
      service: service.name,
      schema: service.schema,
      migrationsFolder: service.migrationsFolder,
      url: env[`${service.name.toUpperCase()}_DATABASE_URL`] || env.DATABASE_URL || undefined,
    });
    await database.close();
    log(`${service.name}: migrated in ${Math.round(performance.now() - started)} ms`);
  }
}
