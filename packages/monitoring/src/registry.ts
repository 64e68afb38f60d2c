import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's Prometheus registry: every series carries `process` (`gateway`, `feedback`,
 * `feedback-worker`…). One per process; modules add their series to it.
 */
export const registry = new Registry();
let started = false;

/** Names the process and adds Node's own series (CPU, memory, event-loop lag, GC). Once. */
export function startProcessMetrics(processName: string): Registry {
  if (started) return registry;
  started = true;
  registry.setDefaultLabels({ process: processName });
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Answers a scrape (`GET /metrics`). */
export async function sendMetrics(res: ServerResponse): Promise<void> {
  const body = await registry.metrics();
  res.writeHead(200, { 'content-type': registry.contentType });
  res.end(body);
}
