import type { Attributes, Context, Span, SpanKind as SpanKindType } from '@opentelemetry/api';
import { api } from './api.ts';

const { context, SpanKind, SpanStatusCode, trace } = api;

/** One tracer for the platform's own spans; the SDK tells them apart by `service.name`. */
export const tracer = trace.getTracer('participa-salud');

export interface SpanOptions {
  kind?: SpanKindType;
  /** Ids, kinds, counts: never personal data (no names, documents, addresses, variables). */
  attributes?: Attributes;
  /** The parent when it is not the active context (a job continuing a stored traceparent). */
  parent?: Context;
}

/**
 * Runs `fn` inside a span that ends when it settles; a throw marks the span as an error (the
 * message only: error messages of this platform are Spanish texts for users, without data). With
 * tracing off the API hands out a non-recording span, so this is a function call and little more.
 */
export function withSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer.startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    parent,
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

export function markFailed(span: Span, error: unknown): void {
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.name : 'error',
  });
}

export { SpanKind };

/** Whether the code runs inside a trace (a request, a job): spans of small steps only go there. */
export function inTrace(): boolean {
  return trace.getSpan(context.active()) !== undefined;
}
