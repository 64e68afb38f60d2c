/**
 * Secrets with development defaults. In production a missing secret stops the process: a default
 * there would let anyone mint tokens or forge the gateway's identity header.
 */
const DEV_DEFAULTS = {
  AUTH_JWT_SECRET: 'participa-salud-dev-jwt-secret-change-me',
  GATEWAY_SIGNING_SECRET: 'participa-salud-dev-gateway-secret-change-me',
} as const;

export type SecretName = keyof typeof DEV_DEFAULTS;

export function readSecret(name: SecretName, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (value) return value;
  if (env.NODE_ENV === 'production') {
    throw new Error(`${name} must be set when NODE_ENV=production`);
  }
  return DEV_DEFAULTS[name];
}
