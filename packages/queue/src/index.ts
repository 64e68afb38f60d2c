export { type ConnectOptions, connectRedis, redisUrlFromEnv } from './connection.ts';
export {
  type HealthOptions,
  type PlatformQueuesReader,
  platformQueuesReader,
  type QueueStatus,
  type QueuesHealth,
  queueHealth,
} from './health.ts';
export { registerQueueMetrics } from './metrics.ts';
export {
  INDICATORS_QUEUE,
  NOTIFICATIONS_QUEUE,
  PLATFORM_QUEUES,
  QUEUE_NAMES,
  QUEUE_PREFIX,
  type QueueName,
  REMINDER_SERVICES,
  REMINDERS_QUEUE,
  remindersQueueOf,
  SCHEDULE_TIMEZONE,
} from './names.ts';
export {
  DASHBOARD_PATH,
  type OperationsServer,
  type OperatorCheck,
  startOperationsServer,
} from './operations.ts';
export { createQueue, createWorker, DEFAULT_JOB_OPTIONS, type QueueSettings } from './queues.ts';
export { type SchedulerSpec, upsertSchedulers } from './schedulers.ts';
export { type Closables, closeGracefully } from './shutdown.ts';
