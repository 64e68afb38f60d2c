import { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.ts';
import { findRedisServer, HOW_TO_GET_REDIS, type PrivateRedis, startPrivateRedis } from './redis.ts';

export interface LocalPlatform {
  /** Variables for the service processes: `<SERVICE>_DATABASE_URL` per service, `REDIS_URL`. */
  env: Record<string, string>;
  /** Whether the background jobs have a Redis to work with. */
  redis: boolean;
  /** Stops what was started here (Redis, then PostgreSQL); configured servers are left alone. */
  stop(): Promise<void>;
}

export interface LocalPlatformOptions {
  /** `PARTICIPA_DATA_DIR`: where the embedded servers keep their data. */
  dataDir: string;
  /** One database per service, named after it. */
  services: string[];
  /** `false`: no Redis wanted (migrations). */
  redis?: boolean;
  /** Use the embedded server a running `npm start` owns rather than refuse (see embedded-postgres.ts). */
  reuseRunning?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * What a platform on one machine needs, as the run modes describe it: PostgreSQL from
 * `DATABASE_URL`/`<SERVICE>_DATABASE_URL`, else one embedded server with a database per service;
 * Redis from `REDIS_URL`, else a private `redis-server` from PATH, else none (the API runs, the
 * background jobs wait: their events stay in each service's outbox).
 */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const env = options.env ?? process.env;
  const log = options.log ?? console.log;
  const result: Record<string, string> = {};
  const needDatabase = env.DATABASE_URL
    ? []
    : options.services.filter((service) => !env[`${service.toUpperCase()}_DATABASE_URL`]);
  let postgres: EmbeddedPostgres | undefined;
  let redis: PrivateRedis | undefined;
  try {
    if (needDatabase.length > 0) {
      postgres = await startEmbeddedPostgres({
        root: options.dataDir,
        log,
        reuseRunning: options.reuseRunning,
      });
      await postgres.ensureDatabases(needDatabase);
      for (const service of needDatabase)
        result[`${service.toUpperCase()}_DATABASE_URL`] = postgres.url(service);
    }
    if (options.redis === false) {
      // nothing to start
    } else if (env.REDIS_URL) result.REDIS_URL = env.REDIS_URL;
    else if (findRedisServer(env)) {
      redis = await startPrivateRedis({ root: options.dataDir, log });
      result.REDIS_URL = redis.url;
    } else {
      log(
        `Background jobs are paused: no Redis (REDIS_URL unset, no redis-server on PATH). To run them, ${HOW_TO_GET_REDIS}.`,
      );
    }
  } catch (error) {
    await redis?.stop();
    await postgres?.stop();
    throw error;
  }
  return {
    env: result,
    redis: Boolean(result.REDIS_URL),
    async stop() {
      await redis?.stop();
      await postgres?.stop();
    },
  };
}
