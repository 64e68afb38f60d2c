import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { api } from '../src/api.ts';
import { currentTraceparent, startTracing, tracingEnabled, withSpan } from '../src/index.ts';

// The instance the package (and Apollo's gateway) uses.
const { context, isSpanContextValid, ProxyTracerProvider, trace } = api;

describe('tracing off', () => {
  it('registers nothing without OTEL_EXPORTER_OTLP_ENDPOINT: the global tracer is the no-op one', async () => {
    const tracing = startTracing('test', { env: {} });
    expect(tracing.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    const provider = trace.getTracerProvider() as InstanceType<typeof ProxyTracerProvider>;
    expect(provider).toBeInstanceOf(ProxyTracerProvider);
    expect(provider.getDelegate().constructor.name).toBe('NoopTracerProvider');
    const span = trace.getTracer('x').startSpan('y');
    expect(span.isRecording()).toBe(false);
    expect(isSpanContextValid(span.spanContext())).toBe(false);
    await withSpan('work', {}, async () => {
      expect(currentTraceparent()).toBeUndefined();
      expect(trace.getSpan(context.active())?.isRecording() ?? false).toBe(false);
    });
  });
});

describe('tracing on', () => {
  it('records spans, carries a traceparent, and unregisters at shutdown', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing('test', { exporter, env: {} });
    expect(tracingEnabled()).toBe(true);
    let traceparent: string | undefined;
    await withSpan('outer', {}, async (span) => {
      traceparent = currentTraceparent();
      expect(traceparent).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
    });
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['outer']);
    await tracing.shutdown();
    expect(tracingEnabled()).toBe(false);
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
  });
});
