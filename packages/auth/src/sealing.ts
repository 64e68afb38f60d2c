import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of personal data and secrets (Ley 1581 de 2012): AES-256-GCM under a 32-byte
 * key read from an environment variable (base64). The associated data binds a sealed value to
 * its record, so a value copied onto another row does not open.
 */
export interface Sealer {
  seal(value: unknown, associatedData: string): string;
  unseal<T>(sealed: string, associatedData: string): T;
  /** Reads and checks the key now, so a bad key stops the process at start rather than later. */
  key(): Buffer;
}

const VERSION = 'v1';

export function readSealingKey(
  variable: string,
  devKey: string,
  env: NodeJS.ProcessEnv = process.env,
): Buffer {
  const value = env[variable];
  if (!value && env.NODE_ENV === 'production')
    throw new Error(`${variable} must be set when NODE_ENV=production`);
  const key = Buffer.from(value || Buffer.from(devKey).toString('base64'), 'base64');
  if (key.length !== 32) throw new Error(`${variable} must be 32 bytes in base64`);
  return key;
}

/** `devKey` (32 characters) is used outside production when the variable is unset. */
export function createSealer(variable: string, devKey: string): Sealer {
  let cached: Buffer | undefined;
  const key = () => {
    cached ??= readSealingKey(variable, devKey);
    return cached;
  };
  return {
    key,
    seal(value, associatedData) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key(), iv);
      cipher.setAAD(Buffer.from(associatedData));
      const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    unseal<T>(sealed: string, associatedData: string): T {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || !payload) throw new Error('unknown sealed format');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(
        Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
      );
    },
  };
}
