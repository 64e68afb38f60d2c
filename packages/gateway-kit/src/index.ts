export * from './compose.ts';
export * from './gateway.ts';
