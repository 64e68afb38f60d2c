export * from './audit.ts';
export * from './database.ts';
export * from './insert-rows.ts';
export * from './keyset.ts';
export * from './pool-metrics.ts';
export * from './retention.ts';
