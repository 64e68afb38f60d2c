import type { IncomingMessage } from 'node:http';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  createTokenVerifier,
  IDENTITY_HEADER,
  type Identity,
  InvalidTokenError,
  readSecret,
  signIdentityHeader,
  verifyIdentityHeader,
} from '@participa/auth';
import {
  createErrorFormatter,
  createLogger,
  type RunningHttpServer,
  serveHttp,
  unauthenticated,
} from '@participa/subgraph-kit';
import { GraphQLError } from 'graphql';
import { depthLimit } from './depth-limit.ts';
import { serveIde } from './ide.ts';
import { createRateLimiter, type RateLimitOptions, rateLimitFromEnv } from './rate-limit.ts';

// A health-data platform does not phone home: the gateway's anonymous telemetry stays off.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

export const MAX_QUERY_DEPTH = 12;

interface GatewayContext {
  identity: Identity;
  identityHeader: string;
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides subgraph URLs by name (tests run subgraphs on ephemeral ports). */
  subgraphUrls?: Record<string, string>;
  port?: number;
  host?: string;
  production?: boolean;
  jwtSecret?: string;
  jwksUrl?: string;
  signingSecret?: string;
  /** Per-client request budget; `false` turns it off (tests that fire hundreds of requests). */
  rateLimit?: RateLimitOptions | false;
}

class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('identityHeader' in context && context.identityHeader) {
      request.http?.headers.set(IDENTITY_HEADER, context.identityHeader);
    }
  }

  /**
   * A subgraph answers 400 when a variable or a literal does not coerce (an impossible date, a
   * value of the wrong type), which the gateway could not see: that is the client's mistake, so it
   * reaches the client as BAD_USER_INPUT instead of a generic failure of the subgraph.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    if (response.status !== 400) return super.errorFromResponse(response);
    const body = (await this.parseBody(response)) as {
      errors?: { message?: string; extensions?: { code?: string; field?: string } }[];
    };
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    const clientMistake = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].includes(
      first?.extensions?.code ?? '',
    );
    if (first?.message && clientMistake) {
      const field = first.extensions?.field;
      return new GraphQLError(first.message, {
        extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
      });
    }
    return new GraphQLError('400: Bad Request', { extensions: { code: 'BAD_REQUEST' } });
  }
}

/**
 * Workers of the platform (role `system`) call the graph with the identity header they sign with
 * the secret they already share with the subgraphs, instead of a user's token. Anything else in
 * that header (another role, a forgery, an expired one) is refused, never ignored.
 */
async function serviceIdentity(req: IncomingMessage, signingSecret: string): Promise<Identity | null> {
  const header = req.headers[IDENTITY_HEADER];
  if (header === undefined) return null;
  const identity = await verifyIdentityHeader(typeof header === 'string' ? header : undefined, signingSecret);
  if (identity?.roles.length !== 1 || identity.roles[0] !== 'system')
    throw unauthenticated('La identidad de servicio no es válida o expiró.');
  return identity;
}

export async function startGateway(options: GatewayOptions): Promise<RunningHttpServer> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const logger = createLogger('gateway');
  const signingSecret = options.signingSecret ?? readSecret('GATEWAY_SIGNING_SECRET');
  const jwksUrl = options.jwksUrl ?? process.env.AUTH_JWKS_URL;
  const verifyToken = createTokenVerifier(
    jwksUrl
      ? { jwksUrl, issuer: process.env.AUTH_ISSUER, audience: process.env.AUTH_AUDIENCE }
      : { secret: options.jwtSecret ?? readSecret('AUTH_JWT_SECRET') },
  );

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name, url }) =>
      new IdentityForwardingDataSource({ url: options.subgraphUrls?.[name] ?? url }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: createErrorFormatter(production),
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginUsageReportingDisabled()],
    logger,
  });
  await apollo.start();

  const limit =
    options.rateLimit === false ? null : createRateLimiter(options.rateLimit ?? rateLimitFromEnv());
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const service = await serviceIdentity(req, signingSecret);
    if (service)
      return { identity: service, identityHeader: await signIdentityHeader(service, signingSecret) };
    let identity: Identity;
    try {
      identity = await verifyToken(req.headers.authorization);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw unauthenticated('El token de acceso no es válido o expiró.');
      throw error;
    }
    await limit?.(req, identity);
    return { identity, identityHeader: await signIdentityHeader(identity, signingSecret) };
  };
  const http = await serveHttp({
    apollo,
    context,
    port: options.port ?? Number(process.env.PORT ?? 4000),
    host: options.host,
    routes: (req, res, url) => {
      if (production || req.method !== 'GET') return false;
      const wantsHtml = (req.headers.accept ?? '').includes('text/html');
      if (url.pathname === '/graphql' && wantsHtml && !url.searchParams.has('query'))
        return serveIde(res, '/');
      return serveIde(res, url.pathname);
    },
  });
  logger.info({ url: http.url }, 'gateway ready');
  return {
    ...http,
    async close() {
      await http.close();
      await apollo.stop();
    },
  };
}
