export * from './catalog.ts';
export * from './module.ts';
export * from './period.ts';
export * from './sql.ts';
