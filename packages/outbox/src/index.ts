export {
  type DomainEvent,
  emit,
  outboxChannel,
  outboxRows,
  type PublishedEvent,
  sourceOf,
  wakeRelay,
} from './event.ts';
export { registerOutboxMetrics } from './metrics.ts';
export { type ReminderScan, runOutboxRelay, runReminderScans } from './process.ts';
export { type OutboxRelay, type RelayOptions, startOutboxRelay } from './relay.ts';
export { emitOnce, emitReminderOnce } from './reminders.ts';
export {
  type OutboxBacklog,
  type OutboxTable,
  outboxBacklog,
  outboxTable,
  type RemindersSentTable,
  remindersSentTable,
} from './table.ts';
