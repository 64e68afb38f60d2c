import { createHmac } from 'node:crypto';

export interface WebhookCall {
  id: string;
  url: string;
  secret: string;
  kind: string;
  title: string;
  text: string;
}

export type PostWebhook = (call: WebhookCall) => Promise<void>;

export const SIGNATURE_HEADER = 'x-participa-signature';
export const TIMESTAMP_HEADER = 'x-participa-timestamp';

/**
 * The receiver checks `sha256=` HMAC of `<timestamp>.<body>` under the secret it was given when
 * the contact point was created, and refuses old timestamps (replays).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * POSTs the message as JSON (for SMS or WhatsApp gateways). A slow endpoint fails this delivery
 * after `timeoutMs` and is retried with backoff; it never holds up the others.
 */
export function createWebhookPoster(timeoutMs = 10_000): PostWebhook {
  return async (call) => {
    const body = JSON.stringify({ id: call.id, kind: call.kind, title: call.title, text: call.text });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(call.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-participa-delivery': call.id,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(call.secret, timestamp, body),
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}`);
  };
}
