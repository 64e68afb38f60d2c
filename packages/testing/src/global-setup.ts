/**
 * vitest global setup: the PostgreSQL and Redis every test file uses, resolved once per run and
 * handed to the test workers through the environment.
 *   PostgreSQL: `TEST_DATABASE_URL` (`embedded` forces the embedded server), else the machine's on
 *   127.0.0.1:5432 when it answers, else an embedded server started for this run.
 *   Redis: `TEST_REDIS_URL`, else 127.0.0.1:6379 when it answers, else a private `redis-server`
 *   from PATH; with none, `TEST_REDIS_URL` stays unset and queue tests fail saying how to get one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type EmbeddedPostgres,
  findRedisServer,
  type PrivateRedis,
  redisAnswers,
  startEmbeddedPostgres,
  startPrivateRedis,
} from '@participa/local-servers';
import postgres from 'postgres';

const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';
const MACHINE_REDIS = 'redis://127.0.0.1:6379';

async function postgresAnswers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const started: (EmbeddedPostgres | PrivateRedis)[] = [];
  // Under the system's temporary folder, which PostgreSQL's unprivileged user can reach as root.
  const root = mkdtempSync(path.join(tmpdir(), 'participa-test-servers-'));
  const log = (line: string) => console.log(`[test servers] ${line}`);

  const configured = process.env.TEST_DATABASE_URL;
  if (configured === 'embedded' || (!configured && !(await postgresAnswers(MACHINE_POSTGRES)))) {
    const server = await startEmbeddedPostgres({ root, log });
    started.push(server);
    process.env.TEST_DATABASE_URL = server.url();
  } else {
    process.env.TEST_DATABASE_URL = configured ?? MACHINE_POSTGRES;
  }

  if (!process.env.TEST_REDIS_URL) {
    if (await redisAnswers(MACHINE_REDIS)) process.env.TEST_REDIS_URL = MACHINE_REDIS;
    else if (findRedisServer()) {
      const redis = await startPrivateRedis({ root, log });
      started.push(redis);
      process.env.TEST_REDIS_URL = redis.url;
    }
  }

  return async () => {
    for (const server of started.reverse()) await server.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
