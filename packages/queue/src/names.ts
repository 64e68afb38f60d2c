/** Queues of the platform; every producer and worker names them through these constants. */
export const NOTIFICATIONS_QUEUE = 'notifications';
export const REMINDERS_QUEUE = 'reminders';
export const INDICATORS_QUEUE = 'indicators';

export const QUEUE_NAMES = [NOTIFICATIONS_QUEUE, REMINDERS_QUEUE, INDICATORS_QUEUE] as const;

/**
 * Each domain service scans its own tables for reminders, so each has its own reminders queue
 * (a BullMQ worker takes every job of its queue; one service must not take another's scans).
 */
export const remindersQueueOf = (service: string) => `${REMINDERS_QUEUE}-${service}` as const;

export type QueueName = (typeof QUEUE_NAMES)[number] | ReturnType<typeof remindersQueueOf>;

/** Services whose workers scan their own tables for reminders. */
export const REMINDER_SERVICES = ['education', 'feedback', 'planning'] as const;

/** Every queue a running platform has, for the operators' view. */
export const PLATFORM_QUEUES: readonly QueueName[] = [
  NOTIFICATIONS_QUEUE,
  INDICATORS_QUEUE,
  ...REMINDER_SERVICES.map(remindersQueueOf),
];

/** Every key the platform writes in Redis starts with this (BullMQ's `prefix`). */
export const QUEUE_PREFIX = 'participa';

/** Schedules are read on Cali's clock (no daylight saving time, UTC−5). */
export const SCHEDULE_TIMEZONE = 'America/Bogota';
