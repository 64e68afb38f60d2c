import { Redis } from 'ioredis';

/**
 * The Redis a process was given. `npm start` leaves `REDIS_URL` unset when it has no Redis: queue
 * features then stay off (events wait in PostgreSQL) instead of guessing a local server.
 */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.REDIS_URL?.trim();
  return url ? url : undefined;
}

export interface ConnectOptions {
  /**
   * `worker`: commands wait for Redis to come back (BullMQ workers require it).
   * `producer`: commands fail at once while Redis is down, so a caller (the outbox relay) can keep
   * its rows and try later instead of hanging.
   */
  role: 'worker' | 'producer';
  connectionName?: string;
}

export function connectRedis(url: string, options: ConnectOptions): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.role === 'worker' ? null : 1,
    enableOfflineQueue: options.role === 'worker',
    connectionName: options.connectionName,
    // Reconnect forever, at most every 2 s: Redis restarts must not need a service restart.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
}
