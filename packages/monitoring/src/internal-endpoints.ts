import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendMetrics, startProcessMetrics } from './registry.ts';

export interface InternalEndpoints {
  url: string;
  close(): Promise<void>;
}

/**
 * A small HTTP face for what operators and the orchestrator ask of a process that serves nothing
 * else (a worker), or nothing public (the gateway's metrics in production): `GET /health` (alive,
 * its event loop turns) and `GET /metrics` for Prometheus. Loopback unless `HOST` says otherwise.
 */
export async function serveInternalEndpoints(
  port: number,
  host = process.env.HOST ?? '127.0.0.1',
  /** More JSON routes by path (the gateway's `/status`). */
  extra: Record<string, () => Promise<unknown>> = {},
): Promise<InternalEndpoints> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const route = req.method === 'GET' && req.url ? extra[req.url] : undefined;
    if (route) {
      route().then(
        (body: unknown) =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (req.method === 'GET' && req.url === '/metrics') {
      sendMetrics(res).catch(() => res.writeHead(500).end());
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A worker's metrics and liveness, on `<SERVICE>_WORKER_PORT` (default: its service's port + 10,
 * so feedback's worker answers on 4114).
 */
export async function serveWorkerEndpoints(service: {
  name: string;
  defaultPort: number;
}): Promise<InternalEndpoints> {
  startProcessMetrics(`${service.name}-worker`);
  const port = Number(process.env[`${service.name.toUpperCase()}_WORKER_PORT`] ?? service.defaultPort + 10);
  return serveInternalEndpoints(port);
}
