/**
 * Secrets with development defaults. In production a missing, placeholder or short secret stops
 * the process: any of them would let anyone who reads the repository mint tokens or forge the
 * gateway's identity header.
 */
const DEV_DEFAULTS = {
  AUTH_JWT_SECRET: 'participa-salud-dev-jwt-secret-change-me',
  GATEWAY_SIGNING_SECRET: 'participa-salud-dev-gateway-secret-change-me',
  /** Signs the one-click unsubscribe links of outbound messages. */
  NOTIFICATIONS_LINK_SECRET: 'participa-salud-dev-notifications-links-change-me',
} as const;

export type SecretName = keyof typeof DEV_DEFAULTS;

/** HS256 keys shorter than the hash (32 bytes) are guessable (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/** Placeholders written in the repository (dev defaults, old compose fallbacks `change-me-local-*`). */
const PLACEHOLDER = /change-me/i;

export function readSecret(name: SecretName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (env.NODE_ENV !== 'production') return value || DEV_DEFAULTS[name];
  if (!value) throw new Error(`${name} must be set when NODE_ENV=production`);
  if (PLACEHOLDER.test(value)) {
    throw new Error(`${name} is a placeholder from the repository; set a real secret in production`);
  }
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(`${name} must be at least ${MIN_SECRET_BYTES} bytes in production`);
  }
  return value;
}
