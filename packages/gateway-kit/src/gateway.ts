import type { IncomingMessage } from 'node:http';
import {
  ApolloGateway,
  type GraphQLDataSourceProcessOptions,
  LocalGraphQLDataSource,
  RemoteGraphQLDataSource,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  ANONYMOUS,
  cachedIdentitySigner,
  IDENTITY_HEADER,
  type Identity,
  InvalidTokenError,
  readSecret,
  tokenVerifierFromEnv,
  verifyIdentityHeader,
} from '@participa/auth';
import { graphqlMetricsPlugin } from '@participa/monitoring';
import {
  createErrorFormatter,
  createLogger,
  INTERNAL_MESSAGE,
  isClientCode,
  type Logger,
  type RunningHttpServer,
  serveHttp,
  UNAVAILABLE_MESSAGE,
  unauthenticated,
} from '@participa/subgraph-kit';
import { injectHeaders } from '@participa/tracing';
import { GraphQLError, Kind, parse } from 'graphql';
import { Agent } from 'undici';
import { coalesceIdenticalQueries } from './coalesce.ts';
import { type CorsPolicy, corsHandler, corsPolicyFromEnv } from './cors.ts';
import { serveIde } from './ide.ts';
import { type OperationLimits, operationLimitsFromEnv, operationLimitsPlugin } from './operation-limits.ts';
import {
  PLATFORM_SUBGRAPH,
  type PlatformStatusOptions,
  platformStatusCollector,
  platformSubgraphSchema,
} from './platform-status.ts';
import { createRateLimiter, type RateClient, type RateLimitOptions, rateLimitFromEnv } from './rate-limit.ts';
import {
  createResponseCache,
  privateForSignedIn,
  type ResponseCache,
  responseCacheBytesFromEnv,
} from './response-cache.ts';
import { shareIdenticalQueries } from './shared-answers.ts';
import { dedupingFetcher, isMutation, type SubgraphFetcher, subgraphFetcher } from './subgraph-fetch.ts';
import { serveUnsubscribePage, UNSUBSCRIBE_PATH, type Unsubscribe } from './unsubscribe-page.ts';

// A health-data platform does not phone home: the gateway's anonymous telemetry stays off.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

const UNSUBSCRIBE = `mutation Unsubscribe($token: String!, $allKinds: Boolean) {
  unsubscribeNotifications(token: $token, allKinds: $allKinds) { message }
}`;

/** A caller the gateway admitted: who it is, and whose budgets it spends. */
interface Caller {
  identity: Identity;
  client: RateClient | undefined;
}

interface GatewayContext {
  identity: Identity;
  identityHeader: string;
  /** Whose budgets the request spends (none for the platform's workers). */
  client?: RateClient;
  /**
   * The operation's estimated cost, once the operation limits have checked it, for the answers
   * shared with identical anonymous requests. A holder: Apollo runs each operation on a shallow copy
   * of the context.
   */
  usage?: { cost?: number };
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
  /** Size limits of one operation; unset ones come from the environment (`QUERY_MAX_*`). */
  limits?: Partial<OperationLimits>;
  /** Browser origins allowed; from `CORS_ORIGINS` when unset. */
  cors?: CorsPolicy;
  /** How long a subgraph call may take, answer included; from `SUBGRAPH_TIMEOUT_MS` (default 10 s). */
  subgraphTimeoutMs?: number;
  /** Memory of the anonymous response cache in bytes, 0 for none; from `RESPONSE_CACHE_MB` (default 64). */
  responseCacheBytes?: number;
  /** Run identical in-flight queries of one caller once; from `QUERY_COALESCING` (default on, `off`). */
  coalesceQueries?: boolean;
  /** Where `platformStatus` reads the queues, and when a part counts as late. */
  platformStatus?: PlatformStatusOptions | false;
}

class IdentityForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string | undefined,
    private readonly name: string,
    private readonly logger: Logger,
    fetcher: SubgraphFetcher,
    private readonly cache: ResponseCache<GatewayContext> | null,
  ) {
    // Undici's keep-alive pool per subgraph instead of the default make-fetch-happen.
    super({ url, fetcher: fetcher as never });
  }

  /**
   * A subgraph that cannot be reached (stopped, restarting, timed out) costs the client only the
   * fields it serves: they come back null with SERVICE_UNAVAILABLE at their path, and the rest of
   * the answer stands. Undici reconnects on the next call once the subgraph is back.
   */
  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0]) {
    try {
      return await super.process(options);
    } catch (error) {
      let unavailable: GraphQLError;
      if (error instanceof GraphQLError) {
        // A refusal or a client mistake is the whole request's; an outage costs only its fields.
        if (error.extensions.code !== 'SERVICE_UNAVAILABLE') throw error;
        unavailable = error;
      } else {
        this.logger.warn({ subgraph: this.name, err: (error as Error).message }, 'subgraph unavailable');
        unavailable = serviceUnavailable((error as Error).name === 'TimeoutError');
      }
      return { errors: atFieldsOf(options.request.query, unavailable) };
    }
  }

  override didReceiveResponse({
    request,
    response,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['didReceiveResponse']>>[0]) {
    this.cache?.observe(this.name, isMutation(request.query), response.http?.headers.get('cache-control'));
    return response;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if ('identityHeader' in context && context.identityHeader) {
      request.http?.headers.set(IDENTITY_HEADER, context.identityHeader);
    }
    // Apollo's `gateway.fetch` span is active here: the subgraph's request span becomes its child.
    // With tracing off the API's no-op propagator adds nothing.
    const headers = request.http?.headers;
    if (headers) injectHeaders((name, value) => headers.set(name, value));
  }

  /**
   * A subgraph answers with an HTTP error status when the whole request failed there: 401/403 for
   * a refusal (a resolver's UNAUTHENTICATED carries status 401), 400 when a variable or literal
   * does not coerce (an impossible date), which the gateway could not see. A refusal or a client
   * mistake reaches the client with its contract code and the subgraph's Spanish message; anything
   * else is an internal failure. Apollo's default would put the subgraph's URL and raw body in
   * `extensions.response`: nothing of that leaves.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body = (await this.parseBody(response).catch(() => null)) as {
      errors?: { message?: string; extensions?: { code?: string; field?: string } }[];
    } | null;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    const code = first?.extensions?.code;
    if (first?.message && (isClientCode(code) || code === 'GRAPHQL_VALIDATION_FAILED')) {
      const field = first.extensions?.field;
      return new GraphQLError(first.message, {
        extensions: { code: isClientCode(code) ? code : 'BAD_USER_INPUT', ...(field ? { field } : {}) },
      });
    }
    // A proxy or platform in front of the subgraph says it is down or overloaded.
    if ([502, 503, 504].includes(response.status)) return serviceUnavailable(response.status === 504);
    this.logger.error({ subgraph: this.name, status: response.status }, 'subgraph request failed');
    return new GraphQLError(INTERNAL_MESSAGE, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

/**
 * One error per root field of the subgraph operation, at its path, so the client sees which
 * parts of its answer are missing (entity fetches keep one error: their paths are the gateway's).
 */
function atFieldsOf(query: string | undefined, error: GraphQLError): GraphQLError[] {
  const operation = query
    ? parse(query).definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)
    : undefined;
  const keys = (operation?.selectionSet.selections ?? [])
    .filter((selection) => selection.kind === Kind.FIELD)
    .map((field) => field.alias?.value ?? field.name.value);
  if (keys.length === 0 || keys.includes('_entities')) return [error];
  return keys.map((key) => new GraphQLError(error.message, { path: [key], extensions: error.extensions }));
}

function serviceUnavailable(timedOut: boolean): GraphQLError {
  return new GraphQLError(
    timedOut
      ? 'Esta parte de la plataforma no respondió a tiempo. Intente de nuevo en unos minutos.'
      : UNAVAILABLE_MESSAGE,
    { extensions: { code: 'SERVICE_UNAVAILABLE' } },
  );
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

/** Whether each subgraph is ready, as the gateway sees it; the gateway itself stays ready (partial answers). */
export interface PlatformStatus {
  status: 'ok' | 'degraded';
  subgraphs: { name: string; ready: boolean }[];
}

export interface RunningGateway extends RunningHttpServer {
  status(): Promise<PlatformStatus>;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const logger = createLogger('gateway');
  const signingSecret = options.signingSecret ?? readSecret('GATEWAY_SIGNING_SECRET');
  const verifyToken = tokenVerifierFromEnv({ jwksUrl: options.jwksUrl, secret: options.jwtSecret });

  const connections = new Agent();
  const fetcher = dedupingFetcher(
    subgraphFetcher(
      options.subgraphTimeoutMs ?? Number(process.env.SUBGRAPH_TIMEOUT_MS ?? 10_000),
      connections,
    ),
  );
  const subgraphs = new Map<string, string>();
  const cacheBytes = options.responseCacheBytes ?? responseCacheBytesFromEnv();
  const cache = cacheBytes > 0 ? createResponseCache<GatewayContext>(cacheBytes) : null;
  const platform = platformStatusCollector(subgraphs, options.platformStatus);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    // Apollo makes request, plan and fetch spans once a tracer provider is registered. Neither the
    // operation's text nor exceptions go into them: a coercion error quotes variable values.
    telemetry: { includeDocument: false, recordExceptions: false },
    buildService: ({ name, url }) => {
      // The gateway's own subgraph (platformStatus) runs here, with the caller's verified identity.
      if (name === PLATFORM_SUBGRAPH) return new LocalGraphQLDataSource(platformSubgraphSchema(platform));
      const target = options.subgraphUrls?.[name] ?? url;
      if (target) subgraphs.set(name, target);
      return new IdentityForwardingDataSource(target, name, logger, fetcher, cache);
    },
  });
  const coalesce = options.coalesceQueries ?? process.env.QUERY_COALESCING !== 'off';
  const limit =
    options.rateLimit === false ? null : createRateLimiter(options.rateLimit ?? rateLimitFromEnv());
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: createErrorFormatter(production),
    plugins: [
      graphqlMetricsPlugin(),
      // An operation within the limits then spends its cost from the client's budget (per minute,
      // shared by the replicas through Redis like the request budget).
      operationLimitsPlugin<GatewayContext>(
        { ...operationLimitsFromEnv(), ...options.limits },
        async (cost, context) => {
          if (context.usage) context.usage.cost = cost;
          if (limit && context.client) await limit.spendCost(context.client, cost);
        },
      ),
      privateForSignedIn(),
      ...(cache ? [cache.plugin] : []),
      // After the cache: an answer it has is not waited for.
      ...(coalesce ? [coalesceIdenticalQueries<GatewayContext>()] : []),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
    ],
    logger,
    // The process's onShutdown closes the gateway; Apollo's own signal handler would re-raise the
    // signal and kill the process before the other shutdown steps ran.
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo's default indents every answer, CPU and bytes no client needs.
    stringifyResult: JSON.stringify,
  });
  await apollo.start();

  // Shared budgets count from the first request, not from whenever Redis happens to connect.
  await limit?.ready;
  const signIdentity = cachedIdentitySigner(signingSecret);
  /** A caller's token checked and a request spent from its budget (throws the refusal past it). */
  const admit = async (req: IncomingMessage): Promise<Caller> => {
    let identity: Identity;
    try {
      identity = await verifyToken(req.headers.authorization);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw unauthenticated('El token de acceso no es válido o expiró.');
      throw error;
    }
    return { identity, client: await limit?.(req, identity) };
  };
  const contextFor = async ({ identity, client }: Caller): Promise<GatewayContext> => ({
    identity,
    identityHeader: await signIdentity(identity),
    client,
    usage: {},
  });
  const context = async (req: IncomingMessage): Promise<GatewayContext> => {
    const service = await serviceIdentity(req, signingSecret);
    if (service) return { identity: service, identityHeader: await signIdentity(service) };
    return contextFor(await admit(req));
  };
  const shareQueries = coalesce
    ? shareIdenticalQueries<Caller, GatewayContext>({
        admit,
        contextFor,
        costOf: (context) => context.usage?.cost,
        spendCost: async ({ client }, cost) => {
          if (limit && client) await limit.spendCost(client, cost);
        },
      })
    : undefined;
  const status = async (): Promise<PlatformStatus> => {
    const states = (await platform()).subgraphs.map(({ name, ready }) => ({ name, ready }));
    return { status: states.every((s) => s.ready) ? 'ok' : 'degraded', subgraphs: states };
  };
  const allowCrossOrigin = corsHandler(options.cors ?? corsPolicyFromEnv());
  const unsubscribe: Unsubscribe = async (token, allKinds) => {
    const response = await apollo.executeOperation(
      { query: UNSUBSCRIBE, variables: { token, allKinds } },
      { contextValue: { identity: ANONYMOUS, identityHeader: await signIdentity(ANONYMOUS) } },
    );
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    const done = result?.data?.unsubscribeNotifications as { message: string } | undefined;
    return done
      ? { ok: true, message: done.message }
      : { ok: false, message: result?.errors?.[0]?.message ?? INTERNAL_MESSAGE };
  };
  const http = await serveHttp({
    apollo,
    context,
    execute: shareQueries,
    port: options.port ?? Number(process.env.PORT ?? 4000),
    portVariable: 'PORT',
    // The gateway's port is public: in production its metrics go on an internal port (METRICS_PORT).
    metrics: !production,
    host: options.host,
    routes: async (req, res, url) => {
      if (await allowCrossOrigin(req, res)) return true;
      if (url.pathname === UNSUBSCRIBE_PATH) return serveUnsubscribePage(req, res, url, unsubscribe);
      if (production || req.method !== 'GET') return false;
      // In production the status is on the internal port (METRICS_PORT): it names the subgraphs.
      if (url.pathname === '/status') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(await status()));
        return true;
      }
      const wantsHtml = (req.headers.accept ?? '').includes('text/html');
      // A browser opening /graphql, with or without a shared ?query= link, gets the IDE.
      if (url.pathname === '/graphql' && wantsHtml) return serveIde(res, '/');
      return serveIde(res, url.pathname);
    },
  });
  logger.info({ url: http.url }, 'gateway ready');
  return {
    ...http,
    status,
    async close() {
      await http.close();
      await apollo.stop();
      await connections.close();
      await limit?.close();
    },
  };
}
