/**
 * The databases of every service for a one-off task (backup, restore): `DATABASE_URL` /
 * `<SERVICE>_DATABASE_URL` when set, else the embedded server of `PARTICIPA_DATA_DIR` — the one a
 * running `npm start` owns, or one started here for the task and stopped after it.
 */
import path from 'node:path';
import type { ServiceDatabase } from '@participa/db/backup';
import { startLocalPlatform } from '@participa/local-servers';
import { SERVICES } from '../gateway/src/catalog.ts';

const root = path.resolve(import.meta.dirname, '..');

export async function withServiceDatabases<T>(task: (targets: ServiceDatabase[]) => Promise<T>): Promise<T> {
  const platform = await startLocalPlatform({
    dataDir: path.resolve(root, process.env.PARTICIPA_DATA_DIR ?? '.data'),
    services: SERVICES.map((service) => service.name),
    redis: false,
    reuseRunning: true,
    log: (line) => console.error(`[postgres] ${line}`),
  });
  try {
    const env = { ...process.env, ...platform.env };
    return await task(
      SERVICES.map((service) => ({
        service: service.name,
        url: env[`${service.name.toUpperCase()}_DATABASE_URL`] || env.DATABASE_URL || '',
        migrationsFolder: service.migrationsFolder,
      })),
    );
  } finally {
    await platform.stop();
  }
}

/** The one file argument, with a usage line when it is missing. */
export function fileArgument(usage: string): string {
  const file = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  if (!file) {
    console.error(`Usage: ${usage}`);
    process.exit(2);
  }
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}
