import {
  contextFromTraceparent,
  markFailed,
  type Span,
  SpanKind,
  traceparentOf,
  tracer,
} from '@participa/tracing';

interface Row {
  id: string;
  kind: string;
  traceparent: string | null;
}

export interface PublishSpans {
  /** What each row's job carries: its publish span's context, so the worker's spans hang below it. */
  traceparents: string[];
  end(error?: unknown): void;
}

/**
 * One PRODUCER span per published row, parented to the request that wrote it (its stored
 * traceparent; a row written outside any trace, such as a reminder, starts a trace here). A batch
 * holds rows of many traces, so each gets its own span rather than one span for the batch.
 * Attributes are ids and the event kind: payloads stay out.
 */
export function startPublishSpans(rows: Row[], source: string, queueName: string): PublishSpans {
  const spans: Span[] = rows.map((row) =>
    tracer.startSpan(
      `publish ${row.kind}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'bullmq',
          'messaging.operation.type': 'send',
          'messaging.destination.name': queueName,
          'messaging.message.id': row.id,
          'outbox.source': source,
          'outbox.event.kind': row.kind,
        },
      },
      contextFromTraceparent(row.traceparent),
    ),
  );
  return {
    traceparents: spans.map((span) => traceparentOf(span)),
    end(error) {
      for (const span of spans) {
        if (error) markFailed(span, error);
        span.end();
      }
    },
  };
}
