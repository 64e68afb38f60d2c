import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTracing, type Tracing } from './provider.ts';

export type { ReadableSpan };

/**
 * Tracing into memory, for tests: spans are kept as they end. Start it before the graph, the relay
 * and the workers, since each decides at set-up whether it makes spans.
 */
export function startTestTracing(): Tracing & { spans(): ReadableSpan[] } {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing('participa-test', { exporter, env: {} });
  return { ...tracing, spans: () => exporter.getFinishedSpans() };
}
