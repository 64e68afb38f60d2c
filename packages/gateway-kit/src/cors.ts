import type { IncomingMessage, ServerResponse } from 'node:http';
import { StartupError } from '@participa/subgraph-kit';
import cors from 'cors';

export interface CorsPolicy {
  /** Browser origins allowed to call the graph (`https://front.red-centro.gov.co`); none by default. */
  origins: string[];
  /** How long a browser may cache a preflight answer. */
  maxAgeSeconds: number;
}

/**
 * `CORS_ORIGINS` (comma-separated origins) and `CORS_MAX_AGE_SECONDS` (default 7200, Chromium's
 * ceiling). An entry that is not a bare origin stops the start: a path or a typo would silently
 * leave a front end refused.
 */
export function corsPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CorsPolicy {
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {}
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin)
      throw new StartupError(
        `CORS_ORIGINS: "${origin}" no es un origen (esquema, host y puerto, sin ruta ni barra final: https://ejemplo.gov.co).`,
      );
  }
  const maxAgeSeconds = Number(env.CORS_MAX_AGE_SECONDS ?? 7200);
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0)
    throw new StartupError('CORS_MAX_AGE_SECONDS debe ser un número entero de segundos.');
  return { origins, maxAgeSeconds };
}

/**
 * Cross-origin access for browser front ends of the networks: only the listed origins, GET and
 * POST, the headers a GraphQL client sends. No credentials (cookies): callers authenticate with a
 * bearer token, so a page of another site can never ride on a user's session. Returns a handler
 * that answers preflights itself (true) and decorates any other response (false).
 */
export function corsHandler(policy: CorsPolicy) {
  const middleware = cors({
    origin: policy.origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'],
    credentials: false,
    maxAge: policy.maxAgeSeconds,
    optionsSuccessStatus: 204,
  });
  return (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
    new Promise((resolve, reject) => {
      middleware(req, res, (error?: unknown) => (error ? reject(error) : resolve(false)));
      // A preflight is answered by the middleware without calling next.
      if (res.writableEnded) resolve(true);
    });
}
