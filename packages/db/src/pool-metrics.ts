import { Gauge, registry } from '@participa/monitoring';
import type { OpenDatabase } from './database.ts';

const databases = new Set<OpenDatabase<Record<string, unknown>>>();

/** Read at each scrape from PostgreSQL's own view of the pool's connections. */
new Gauge({
  name: 'db_connections',
  help: "Server connections of the service's pool by state (active = a statement running), and those waiting on a lock",
  labelNames: ['service', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const database of databases) {
      const counts = await database.connections().catch(() => []);
      for (const { state, count } of counts) this.set({ service: database.service, state }, count);
    }
  },
});

/** Reports this database's pool at `/metrics`. */
export function registerPoolMetrics<TSchema extends Record<string, unknown>>(
  database: OpenDatabase<TSchema>,
): void {
  databases.add(database as unknown as OpenDatabase<Record<string, unknown>>);
}
