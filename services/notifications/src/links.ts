import { createHmac, timingSafeEqual } from 'node:crypto';
import { readSecret } from '@participa/auth';

/**
 * One-click unsubscribe links (RFC 8058) that need no login: the token names who stops hearing
 * of what, signed so nobody can unsubscribe someone else. Citizens without an account are named by
 * a keyed hash of their address, so neither the link nor the opt-out table holds the address.
 */
export interface Unsubscription {
  /** `user:<sub>`, `contact:<id>` or `email:<hash>`. */
  recipient: string;
  /** An event kind, or `*` for all. */
  kind: string;
  channel: 'EMAIL' | 'WEBHOOK';
}

const secret = () => readSecret('NOTIFICATIONS_LINK_SECRET');
const mac = (value: string) => createHmac('sha256', secret()).update(value).digest('base64url');

/** The opt-out name of a citizen known only by an e-mail address. */
export const emailRecipient = (address: string) => `email:${mac(`email:${address.trim().toLowerCase()}`)}`;

export function unsubscribeToken(subject: Unsubscription): string {
  const body = Buffer.from(JSON.stringify([subject.recipient, subject.kind, subject.channel])).toString(
    'base64url',
  );
  return `${body}.${mac(body)}`;
}

/** The subject of a genuine token; undefined for a forged, altered or malformed one. */
export function readUnsubscribeToken(token: string): Unsubscription | undefined {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const [recipient, kind, channel] = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof recipient !== 'string' || typeof kind !== 'string') return undefined;
    if (channel !== 'EMAIL' && channel !== 'WEBHOOK') return undefined;
    return { recipient, kind, channel };
  } catch {
    return undefined;
  }
}

/** Where the gateway serves the unsubscribe page (`PUBLIC_URL`: the platform's public address). */
export function unsubscribeUrl(token: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = (env.PUBLIC_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
  return `${base}/baja?token=${encodeURIComponent(token)}`;
}
