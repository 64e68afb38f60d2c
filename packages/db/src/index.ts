export * from './audit.ts';
export * from './database.ts';
