export * from './compose.ts';
export * from './gateway.ts';
export * from './operation-limits.ts';
