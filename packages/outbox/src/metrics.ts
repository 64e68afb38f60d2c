import { Gauge, registry } from '@participa/monitoring';
import type { OutboxRelay } from './relay.ts';

const relays = new Map<string, OutboxRelay>();

// Read at each scrape: a growing backlog or an old pending event means events are not flowing.
const read = async () =>
  Promise.all([...relays].map(async ([service, relay]) => ({ service, ...(await relay.backlog()) })));

new Gauge({
  name: 'outbox_pending_events',
  help: 'Events of the service outbox not yet recorded by the notifications worker',
  labelNames: ['service'] as const,
  registers: [registry],
  async collect() {
    for (const { service, pending } of await read().catch(() => [])) this.set({ service }, pending);
  },
});

new Gauge({
  name: 'outbox_oldest_pending_seconds',
  help: 'Age of the oldest event of the service outbox not yet recorded (0 when none)',
  labelNames: ['service'] as const,
  registers: [registry],
  async collect() {
    for (const { service, oldestSeconds } of await read().catch(() => []))
      this.set({ service }, oldestSeconds);
  },
});

/** Reports a relay's backlog at `/metrics`. */
export function registerOutboxMetrics(service: string, relay: OutboxRelay): void {
  relays.set(service, relay);
}
