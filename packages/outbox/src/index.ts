export { type DomainEvent, emit, outboxChannel, type PublishedEvent, sourceOf } from './event.ts';
export { runOutboxRelay } from './process.ts';
export { type OutboxRelay, type RelayOptions, startOutboxRelay } from './relay.ts';
export { type OutboxTable, outboxTable } from './table.ts';
