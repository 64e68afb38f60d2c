import type { PublishedEvent } from '@participa/outbox';
import { contextFromTraceparent, SpanKind, tracingEnabled, withSpan } from '@participa/tracing';

/** Runs a job's work in a CONSUMER span continuing the trace its data carries. */
export type JobTracer = <T>(
  name: string,
  traceparent: string | undefined,
  attributes: Record<string, string | number>,
  work: () => Promise<T>,
) => Promise<T>;

const untraced: JobTracer = (_name, _traceparent, _attributes, work) => work();

/**
 * Decided once, when the worker starts: with tracing off a job runs its work and nothing else. A
 * job whose data carries no traceparent (a digest, a delivery the sweep re-enqueued, an event from
 * a service without tracing) starts a trace of its own.
 */
export function jobTracer(): JobTracer {
  if (!tracingEnabled()) return untraced;
  return (name, traceparent, attributes, work) =>
    withSpan(
      name,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromTraceparent(traceparent),
        attributes: { 'messaging.system': 'bullmq', 'messaging.operation.type': 'process', ...attributes },
      },
      work,
    );
}

/** What an event's span may say: ids and the kind, never its payload (it holds e-mail addresses). */
export function eventAttributes(event: PublishedEvent): Record<string, string> {
  return {
    'messaging.message.id': event.id,
    'outbox.source': event.source,
    'outbox.event.kind': event.kind,
  };
}
