import { pino } from 'pino';

/**
 * Structured logs. Personal data never reaches them: resolvers do not log inputs, and the paths
 * below are censored in case an object carrying them is ever logged.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-participa-identity"]',
  '*.email',
  '*.phone',
  '*.fullName',
  '*.documentNumber',
  '*.address',
  '*.contactEmail',
  '*.contactPhone',
  'variables',
  '*.variables',
];

export type Logger = pino.Logger;

/** Readable lines in a developer's terminal; JSON lines everywhere else (production, files, CI). */
const destination =
  process.env.NODE_ENV !== 'production' && process.stdout.isTTY
    ? (await import('pino-pretty')).default({
        sync: true,
        ignore: 'pid,hostname',
        translateTime: 'SYS:HH:MM:ss',
      })
    : undefined;

export function createLogger(name: string): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino({ name, level, redact: { paths: REDACT, censor: '[oculto]' } }, destination);
}
