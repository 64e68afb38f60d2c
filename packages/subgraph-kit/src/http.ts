import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ApolloServer,
  type BaseContext,
  HeaderMap,
  type HTTPGraphQLRequest,
  type HTTPGraphQLResponse,
} from '@apollo/server';
import { sendMetrics } from '@participa/monitoring';
import { tracingEnabled } from '@participa/tracing';
import { tracedHandler } from './http-tracing.ts';

export const MAX_BODY_BYTES = 1_000_000;
/** How long a stopping server lets requests in hand finish. */
const CLOSE_GRACE_MS = 5_000;

export interface HttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  port: number;
  host?: string;
  /** The variable that sets `port`, named when the port is taken (`PORT`, `TERRITORY_PORT`…). */
  portVariable?: string;
  /**
   * Whether the process can do its work now (`GET /ready`: 200 or 503 with the reason); `/health`
   * only says it is alive. Without it, ready is alive.
   */
  readiness?: () => Promise<{ ready: boolean; [detail: string]: unknown }>;
  /** Serve `GET /metrics` on this port (default true; the gateway serves it elsewhere in production). */
  metrics?: boolean;
  /**
   * Runs each GraphQL request; `run` sends it through Apollo, with the request's own context or
   * the one given. The gateway answers identical anonymous queries in flight once through it.
   */
  execute?: (
    req: IncomingMessage,
    request: HTTPGraphQLRequest,
    run: RunRequest<TContext>,
  ) => Promise<HTTPGraphQLResponse>;
  /** Extra routes (health, IDE page) answered before GraphQL; return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;
}

/** Sends a request through Apollo, with its own context unless another is given. */
export type RunRequest<TContext> = (context?: () => Promise<TContext>) => Promise<HTTPGraphQLResponse>;

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

class PayloadTooLargeError extends Error {}

/** A start-up failure the operator can fix from its message alone (no stack trace needed). */
export class StartupError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLargeError();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Serves `GET /health` and GraphQL at `/graphql` over plain node:http (no framework needed). */
export async function serveHttp<TContext extends BaseContext>(
  options: HttpServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const { apollo } = options;
  let closing = false;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Shutting down: answer what is in hand, then end the keep-alive connection, or a busy client
    // (the gateway) would keep it open, and the server, forever.
    if (closing) res.setHeader('connection', 'close');
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (req.method === 'GET' && url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (req.method === 'GET' && url.pathname === '/ready') {
        const state = options.readiness ? await options.readiness() : { ready: true };
        return sendJson(res, state.ready ? 200 : 503, state);
      }
      if (req.method === 'GET' && url.pathname === '/metrics' && options.metrics !== false)
        return sendMetrics(res);
      if (options.routes && (await options.routes(req, res, url))) return;
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'No encontrado' });

      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown;
      if (req.method === 'POST') {
        if (!(req.headers['content-type'] ?? '').includes('application/json')) {
          return sendJson(res, 415, {
            errors: [
              {
                message: 'Envíe la operación como JSON, con el encabezado `content-type: application/json`.',
              },
            ],
          });
        }
        const raw = await readBody(req);
        try {
          body = raw ? JSON.parse(raw) : undefined;
        } catch {
          return sendJson(res, 400, {
            errors: [{ message: 'El cuerpo de la solicitud no es JSON válido.' }],
          });
        }
      }
      const httpGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
      const run: RunRequest<TContext> = (context = () => options.context(req)) =>
        apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context });
      const response = await (options.execute ? options.execute(req, httpGraphQLRequest, run) : run());
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (res.headersSent) return void res.end();
      if (error instanceof PayloadTooLargeError) {
        return sendJson(res, 413, { errors: [{ message: 'La solicitud es demasiado grande.' }] });
      }
      sendJson(res, 500, { errors: [{ message: 'Ocurrió un error interno.' }] });
    }
  };
  // Decided once, like the SQL spans: with tracing off requests go straight to the handler.
  const server = http.createServer(tracingEnabled() ? tracedHandler(handle) : handle);
  // Longer than a client's idle keep-alive (Node's agent keeps a socket 5 s): a server closing an
  // idle socket just as the gateway reuses it resets that request (ECONNRESET under load).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(
              `Port ${options.port} is already in use: stop what uses it, or set ${options.portVariable ?? 'the port variable'} to another port.`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        // Requests in hand get this long to finish; then their connections are cut.
        const deadline = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close((error) => {
          clearTimeout(deadline);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
