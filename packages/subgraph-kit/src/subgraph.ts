import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { cachedIdentityVerifier, IDENTITY_HEADER, type Identity, readSecret } from '@participa/auth';
import { type Database, databaseAnswers, openDatabase, registerPoolMetrics } from '@participa/db';
import { graphqlMetricsPlugin, startProcessMetrics } from '@participa/monitoring';
import { tracingEnabled } from '@participa/tracing';
import type { DocumentNode } from 'graphql';
import { commonResolvers, concatTypeDefs, loadTypeDefs, subgraphDocument } from './common-schema.ts';
import { createErrorFormatter, unauthenticated } from './errors.ts';
import { serveHttp } from './http.ts';
import { createLogger, type Logger } from './logger.ts';
import { operationSpanPlugin } from './operation-span.ts';
import { announceReady, exitOnStartupError, onShutdown } from './shutdown.ts';

/** What every resolver receives. `loaders` batch entity reads within one request. */
export interface ServiceContext<TSchema extends Record<string, unknown>, TLoaders> {
  identity: Identity;
  db: Database<TSchema>;
  loaders: TLoaders;
  logger: Logger;
}

/** Everything that makes a subgraph: schema, resolvers, tables, migrations and demo data. */
export interface ServiceDefinition<TSchema extends Record<string, unknown>, TLoaders> {
  name: string;
  defaultPort: number;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<ServiceContext<TSchema, TLoaders>>;
  schema: TSchema;
  migrationsFolder: string;
  createLoaders(db: Database<TSchema>, identity: Identity): TLoaders;
  /** Reference data every deployment needs (idempotent). */
  seedReference?(db: Database<TSchema>): Promise<void>;
  /** Demo data for `npm start` (idempotent: a second start adds nothing). */
  seedDemo?(db: Database<TSchema>): Promise<void>;
  /**
   * Enforces the retention periods of the personal data the service holds (idempotent); returns
   * what it removed, by kind. Run by the service process at start and daily.
   */
  purgeExpired?(db: Database<TSchema>, now: Date): Promise<Record<string, number>>;
  /**
   * Events of the service's outbox not yet done and the age of the oldest (seconds), for the
   * subgraph's `/status`; services without an outbox leave it out.
   */
  outboxBacklog?(db: Database<TSchema>): Promise<{ pending: number; oldestSeconds: number }>;
}

/** What a service writes itself; its SDL and migrations are found by convention. */
export interface ServiceSpec<TSchema extends Record<string, unknown>, TLoaders>
  extends Omit<ServiceDefinition<TSchema, TLoaders>, 'typeDefs' | 'resolvers' | 'migrationsFolder'> {
  /** `import.meta.url` of the service's `src/service.ts`: SDL in `./schema.graphql`, migrations in `../drizzle`. */
  location: string;
  /** Shared SDL the service serves too (characterization, audit trail). */
  sharedTypeDefs?: DocumentNode[];
  /** Resolvers declare their own parent and argument types, so the map is checked by the tests, not here. */
  resolvers: object;
}

export function defineService<TSchema extends Record<string, unknown>, TLoaders>(
  spec: ServiceSpec<TSchema, TLoaders>,
): ServiceDefinition<TSchema, TLoaders> {
  const { location, sharedTypeDefs = [], resolvers, ...definition } = spec;
  return {
    ...definition,
    typeDefs: concatTypeDefs(loadTypeDefs(new URL('./schema.graphql', location)), ...sharedTypeDefs),
    resolvers: resolvers as ServiceDefinition<TSchema, TLoaders>['resolvers'],
    migrationsFolder: fileURLToPath(new URL('../drizzle', location)),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of services with different schemas
export type AnyServiceDefinition = ServiceDefinition<any, any>;

export interface StartSubgraphOptions<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  port?: number;
  host?: string;
  signingSecret?: string;
  production?: boolean;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export async function startSubgraph<TSchema extends Record<string, unknown>, TLoaders>(
  definition: ServiceDefinition<TSchema, TLoaders>,
  options: StartSubgraphOptions<TSchema>,
): Promise<RunningSubgraph> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const signingSecret = options.signingSecret ?? readSecret('GATEWAY_SIGNING_SECRET');
  const logger = createLogger(definition.name);
  const apollo = new ApolloServer<ServiceContext<TSchema, TLoaders>>({
    schema: buildSubgraphSchema([
      {
        typeDefs: subgraphDocument(definition.typeDefs),
        resolvers: { ...commonResolvers, ...definition.resolvers },
      },
    ]),
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    formatError: createErrorFormatter(production),
    // No Apollo Studio: traces and usage reports would carry operation data off the platform.
    plugins: [
      graphqlMetricsPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ...(tracingEnabled() ? [operationSpanPlugin<ServiceContext<TSchema, TLoaders>>()] : []),
    ],
    logger,
    // runService's onShutdown stops it after the requests in flight; Apollo's own signal handler
    // would stop it and then re-raise the signal, killing the process before its database closed.
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo's default indents every answer, CPU and bytes no client needs.
    stringifyResult: JSON.stringify,
  });
  await apollo.start();

  const verifyIdentity = cachedIdentityVerifier(signingSecret);
  const context = async (req: IncomingMessage) => {
    const header = req.headers[IDENTITY_HEADER];
    const identity = await verifyIdentity(typeof header === 'string' ? header : undefined);
    if (!identity)
      throw unauthenticated('Solicitud rechazada: los servicios solo atienden a través del gateway.');
    return { identity, db: options.db, loaders: definition.createLoaders(options.db, identity), logger };
  };
  // Without its database a subgraph can answer nothing: not ready (the orchestrator routes around it).
  const readiness = async () => {
    const ok = await databaseAnswers(options.db);
    return { ready: ok, database: ok ? 'ok' : 'no responde' };
  };
  const http = await serveHttp({
    apollo,
    context,
    readiness,
    // What the gateway's `platformStatus` gathers from each part: readiness and the outbox backlog
    // (null when the database does not answer). Subgraphs are reached only by the gateway.
    routes: async (req, res, url) => {
      if (req.method !== 'GET' || url.pathname !== '/status') return false;
      const state = await readiness();
      const outbox =
        state.ready && definition.outboxBacklog
          ? await definition.outboxBacklog(options.db).catch(() => null)
          : null;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ...state, ...(definition.outboxBacklog ? { outbox } : {}) }));
      return true;
    },
    port: options.port ?? definition.defaultPort,
    portVariable: `${definition.name.toUpperCase()}_PORT`,
    host: options.host,
  });
  logger.info({ url: http.url }, 'subgraph ready');
  return {
    name: definition.name,
    url: http.url,
    async stop() {
      await http.close();
      await apollo.stop();
    },
  };
}

/**
 * Runs an idempotent housekeeping task now and every day in the service's own process: retention
 * must hold without Redis or workers configured, and running it twice (two replicas) is harmless.
 * Returns what stops it.
 */
function scheduleDaily(task: string, run: () => Promise<Record<string, number>>): () => Promise<void> {
  const logger = createLogger(task);
  let running: Promise<unknown> = Promise.resolve();
  const once = () => {
    running = run().then(
      (removed) => logger.info({ removed }, 'done'),
      (error: Error) => logger.error({ err: error.message }, 'failed; retried tomorrow'),
    );
  };
  const timer = setInterval(once, 86_400_000);
  timer.unref();
  once();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Entry point of a service process: database, migrations, seeds, server, graceful shutdown. */
export function runService<TSchema extends Record<string, unknown>, TLoaders>(
  definition: ServiceDefinition<TSchema, TLoaders>,
  /** Called with the service's database once it serves (e.g. to start what runs beside the API). */
  onReady?: (db: Database<TSchema>) => void,
): Promise<RunningSubgraph> {
  return exitOnStartupError(() => startService(definition, onReady));
}

async function startService<TSchema extends Record<string, unknown>, TLoaders>(
  definition: ServiceDefinition<TSchema, TLoaders>,
  onReady?: (db: Database<TSchema>) => void,
): Promise<RunningSubgraph> {
  startProcessMetrics(definition.name);
  const database = await openDatabase({
    service: definition.name,
    schema: definition.schema,
    migrationsFolder: definition.migrationsFolder,
  });
  registerPoolMetrics(database);
  await definition.seedReference?.(database.db);
  if (process.env.DEMO_DATA !== 'false') await definition.seedDemo?.(database.db);
  const port = Number(process.env[`${definition.name.toUpperCase()}_PORT`] ?? definition.defaultPort);
  const subgraph = await startSubgraph(definition, { db: database.db, port, host: process.env.HOST });
  onShutdown(database.close);
  onShutdown(subgraph.stop);
  if (definition.purgeExpired) {
    const purge = definition.purgeExpired;
    onShutdown(scheduleDaily(`${definition.name} retention`, () => purge(database.db, new Date())));
  }
  announceReady(definition.name, subgraph.url);
  onReady?.(database.db);
  return subgraph;
}
