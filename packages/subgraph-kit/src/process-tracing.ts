import { serveWorkerEndpoints } from '@participa/monitoring';
import { startTracing } from '@participa/tracing';
import { onShutdown } from './shutdown.ts';

/**
 * Starts tracing for a process entry (`services/<name>/src/{main,worker}.ts`, the gateway) and
 * sends the last spans when it stops. Call it first in the entry's body. No `--import` preload is
 * needed: nothing here patches modules as they load (no http or undici instrumentation), Apollo's
 * tracer is a proxy that picks the provider up whenever it is registered, and what makes spans of
 * its own (the SQL client, the HTTP server, the relay, the workers) asks whether tracing is on when
 * it is set up, which happens in the entry's body, after this call.
 */
export function startProcessTracing(serviceName: string): void {
  const tracing = startTracing(serviceName);
  if (tracing.enabled) onShutdown(tracing.shutdown);
}

/**
 * The start of a worker entry (`services/<name>/src/worker.ts`): tracing first, then its `/health`
 * and `/metrics` on `<SERVICE>_WORKER_PORT`, closed when the process stops.
 */
export async function startWorkerProcess(service: { name: string; defaultPort: number }): Promise<void> {
  startProcessTracing(`${service.name}-worker`);
  const endpoints = await serveWorkerEndpoints(service);
  onShutdown(endpoints.close);
}
