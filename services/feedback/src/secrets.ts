import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from 'node:crypto';

/**
 * Petitioners' identity and contact are personal data (Ley 1581 de 2012): sealed with AES-256-GCM
 * under `PQRS_ENCRYPTION_KEY` (32 bytes, base64). The PQRS id is the associated data, so a sealed
 * value copied onto another row does not open.
 */
const DEV_KEY = Buffer.from('participa-salud-dev-pqrs-key-32b').toString('base64');
const VERSION = 'v1';

export function readEncryptionKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const value = env.PQRS_ENCRYPTION_KEY;
  if (!value && env.NODE_ENV === 'production')
    throw new Error('PQRS_ENCRYPTION_KEY must be set when NODE_ENV=production');
  const key = Buffer.from(value || DEV_KEY, 'base64');
  if (key.length !== 32) throw new Error('PQRS_ENCRYPTION_KEY must be 32 bytes in base64');
  return key;
}

let cachedKey: Buffer | undefined;
const key = () => {
  cachedKey ??= readEncryptionKey();
  return cachedKey;
};

export function seal(value: unknown, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function unseal<T>(sealed: string, associatedData: string): T {
  const [version, payload] = sealed.split(':');
  if (version !== VERSION || !payload) throw new Error('unknown sealed format');
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
}

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
