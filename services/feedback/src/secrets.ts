import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { createSealer, readSealingKey } from '@participa/auth';

/**
 * Petitioners' identity and contact are personal data (Ley 1581 de 2012): sealed with AES-256-GCM
 * under `PQRS_ENCRYPTION_KEY` (32 bytes, base64). The PQRS id is the associated data, so a sealed
 * value copied onto another row does not open.
 */
const sealer = createSealer('PQRS_ENCRYPTION_KEY', 'participa-salud-dev-pqrs-key-32b');

export const readEncryptionKey = (env: NodeJS.ProcessEnv = process.env): Buffer =>
  readSealingKey('PQRS_ENCRYPTION_KEY', 'participa-salud-dev-pqrs-key-32b', env);
export const seal = sealer.seal;
export const unseal = sealer.unseal;

// No 0/O, 1/I/L: read aloud over the phone and typed by citizens.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** 12 random characters (≈59 bits) in groups of four: `K7QX-M3PD-9RWA`. */
export function newTrackingCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/** Case and separators do not matter when a citizen types the code back. */
export function hashTrackingCode(code: string): string {
  const normalized = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return createHash('sha256').update(normalized).digest('hex');
}

export function trackingCodeMatches(code: string, storedHash: string): boolean {
  const given = Buffer.from(hashTrackingCode(code), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** A stable fingerprint of a request, to tell a retry from a different request with the same key. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}
