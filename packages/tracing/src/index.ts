export type { Span } from '@opentelemetry/api';
export { api } from './api.ts';
export {
  contextFromHeaders,
  contextFromTraceparent,
  currentTraceparent,
  injectHeaders,
  traceparentOf,
} from './carrier.ts';
export { startTracing, type Tracing, type TracingOptions, tracingEnabled } from './provider.ts';
export { inTrace, markFailed, SpanKind, type SpanOptions, tracer, withSpan } from './spans.ts';
