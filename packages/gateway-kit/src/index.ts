export * from './compose.ts';
export * from './cors.ts';
export * from './gateway.ts';
export * from './operation-limits.ts';
export * from './platform-status.ts';
export * from './subgraph-fetch.ts';
