export { type EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.ts';
export { type LocalPlatform, startLocalPlatform } from './platform.ts';
export { freePort, isRunning } from './processes.ts';
export {
  findRedisServer,
  HOW_TO_GET_REDIS,
  type PrivateRedis,
  redisAnswers,
  startPrivateRedis,
} from './redis.ts';
