import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { api } from './api.ts';

const { context, propagation, trace } = api;

export interface Tracing {
  /** False when nothing was registered (no endpoint): every span call is the API's no-op. */
  enabled: boolean;
  /** Sends what is buffered and unregisters the provider (a stopping process, a finished test). */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** Spans go here, one by one, instead of OTLP (tests pass an `InMemorySpanExporter`). */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

let enabled = false;

/**
 * Whether this process records spans. Code that would do work for a span only (wrapping the SQL
 * client, reading a carrier) asks once, at set-up, so tracing off costs nothing per request.
 */
export function tracingEnabled(): boolean {
  return enabled;
}

const OFF: Tracing = { enabled: false, shutdown: async () => {} };

/**
 * Registers a tracer provider, the AsyncLocalStorage context manager and the W3C propagator — what
 * sdk-trace-node's `NodeTracerProvider.register()` did; that package does not exist for API 1.10,
 * so the SDK 3 line (`@opentelemetry/sdk-trace`) is assembled here by hand. Only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set (or a test passes an exporter): otherwise nothing is
 * registered and the global tracer stays the API's no-op. `OTEL_SERVICE_NAME`, when set, wins over
 * `serviceName`, as the OpenTelemetry specification says.
 */
export function startTracing(serviceName: string, options: TracingOptions = {}): Tracing {
  const env = options.env ?? process.env;
  if (enabled) throw new Error('tracing already started in this process');
  if (!options.exporter && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return OFF;
  const processor = options.exporter
    ? new SimpleSpanProcessor({ exporter: options.exporter })
    : // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _HEADERS) itself and posts to /v1/traces.
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter() });
  const provider = new TracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || serviceName }),
    ),
    spanProcessors: [processor],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  enabled = true;
  return {
    enabled: true,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
      enabled = false;
    },
  };
}
