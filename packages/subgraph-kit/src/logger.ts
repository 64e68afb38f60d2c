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

export function createLogger(name: string): Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino({ name, level, redact: { paths: REDACT, censor: '[oculto]' } });
}
