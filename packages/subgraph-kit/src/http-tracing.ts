import type { IncomingMessage, ServerResponse } from 'node:http';
import { contextFromHeaders, markFailed, SpanKind, withSpan } from '@participa/tracing';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * A SERVER span around each request, continuing the caller's W3C `traceparent` (the gateway sends
 * it to subgraphs; a browser or proxy may send it to the gateway). Done here rather than with the
 * http instrumentation: that one patches `node:http` through a require hook, which ESM entries
 * would have to preload, and records more than this platform wants kept. Only the method and the
 * path are recorded, never the query string (the unsubscribe link carries a token there), headers
 * or body. Probes and scrapes make no trace.
 */
export function tracedHandler(handler: Handler): Handler {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // Probes and scrapes come every few seconds and say nothing about a request.
    if (path === '/health' || path === '/ready' || path === '/metrics') return handler(req, res);
    const method = req.method ?? 'GET';
    return withSpan(
      `${method} ${path}`,
      {
        kind: SpanKind.SERVER,
        parent: contextFromHeaders(req.headers),
        attributes: { 'http.request.method': method, 'url.path': path },
      },
      async (span) => {
        await handler(req, res);
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) markFailed(span, new Error(`HTTP ${res.statusCode}`));
      },
    );
  };
}
