import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express from 'express';
import { queueHealth } from './health.ts';

/** Whether a request may see the queues: `ok`, or why not (no valid token, or the wrong role). */
export type OperatorCheck = (token: string | undefined) => Promise<'ok' | 'unauthenticated' | 'forbidden'>;

export interface OperationsServerOptions {
  queues: Queue[];
  port: number;
  host?: string;
  authorize: OperatorCheck;
}

export interface OperationsServer {
  url: string;
  close(): Promise<void>;
}

export const DASHBOARD_PATH = '/queues';
const COOKIE = 'participa_operador';

/** The bearer token of a request: its Authorization header, or the cookie the sign-in link set. */
function tokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  const cookie = req.headers.cookie
    ?.split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(COOKIE.length + 1)) : undefined;
}

/**
 * The queues' own HTTP face, beside a worker: `GET /health` (depth, active, delayed and failed
 * jobs per queue, schedulers whose next run is past; 503 when Redis does not answer or a scheduler
 * is late) and the bull-board dashboard at `/queues` for the secretariat and system tokens. A
 * browser signs in once with `/queues?token=…`, which keeps the token in an HttpOnly cookie
 * scoped to the dashboard (the dashboard's own requests carry no Authorization header).
 */
export async function startOperationsServer(options: OperationsServerOptions): Promise<OperationsServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_req, res) => {
    const health = await queueHealth(options.queues);
    res.status(health.ok ? 200 : 503).json(health);
  });

  const board = new ExpressAdapter();
  board.setBasePath(DASHBOARD_PATH);
  createBullBoard({ queues: options.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board });
  app.use(DASHBOARD_PATH, async (req, res, next) => {
    const fromLink = typeof req.query.token === 'string' ? req.query.token : undefined;
    const verdict = await options.authorize(fromLink ?? tokenOf(req));
    if (verdict === 'unauthenticated')
      return void res
        .status(401)
        .type('text/plain; charset=utf-8')
        .send('Inicie sesión: abra /queues?token=<token de la Secretaría o del sistema>.');
    if (verdict === 'forbidden')
      return void res
        .status(403)
        .type('text/plain; charset=utf-8')
        .send('Solo la Secretaría de Salud y los procesos del sistema pueden ver las colas.');
    if (fromLink) {
      res.cookie(COOKIE, fromLink, { httpOnly: true, sameSite: 'strict', path: DASHBOARD_PATH });
      return void res.redirect(303, DASHBOARD_PATH);
    }
    next();
  });
  app.use(DASHBOARD_PATH, board.getRouter());

  const server = app.listen(options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
