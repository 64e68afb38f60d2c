export * from './days.ts';
export * from './deadlines.ts';
export * from './holidays.ts';
