import { type Role, signDevToken } from '@participa/auth';
import { type OpenDatabase, openDatabase } from '@participa/db';
import { createTestDatabase, type TestDatabase } from '@participa/db/testing';
import { composeSupergraph, type GatewayOptions, startGateway } from '@participa/gateway-kit';
import { type AnyServiceDefinition, type RunningSubgraph, startSubgraph } from '@participa/subgraph-kit';

const JWT_SECRET = 'test-jwt-secret';
const SIGNING_SECRET = 'test-gateway-signing-secret';

/** Who a test request is made as; omitted means an anonymous citizen. */
export interface Caller {
  role: Role;
  network?: string;
  sub?: string;
  name?: string;
}

export interface GraphQLResult<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGraph {
  gatewayUrl: string;
  /** The test database every service of the graph has its schema in (workers and relays open it too). */
  databaseUrl: string;
  subgraphs: RunningSubgraph[];
  databases: Record<string, OpenDatabase<Record<string, unknown>>>;
  /** SQL statements run by each service since the last `resetCounters()`. */
  queryCount: Record<string, number>;
  resetCounters(): void;
  /** Sends a GraphQL operation through the gateway, as a front end would. */
  request<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Caller,
  ): Promise<GraphQLResult<TData>>;
  /** Same as `request`, but fails on any GraphQL error and returns `data`. */
  data<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: Caller,
  ): Promise<TData>;
  tokenFor(caller: Caller): Promise<string>;
  stop(): Promise<void>;
}

export interface TestGraphOptions {
  /** Load each service's demo data as well as its reference data. */
  demoData?: boolean;
  /** Run the gateway and the subgraphs as in production (no introspection, no internal detail). */
  production?: boolean;
  /** Gateway settings a test varies (CORS origins, limits). */
  gateway?: Partial<GatewayOptions>;
  /**
   * Run on this (empty or already migrated) database instead of a fresh one on the run's
   * PostgreSQL, e.g. one on a server the test stops and restarts; it is not dropped by `stop()`.
   */
  databaseUrl?: string;
  /**
   * Each service's existing database (restore tests): the graph runs on their data as it is —
   * nothing seeded, nothing dropped at `stop()`.
   */
  existingDatabases?: Record<string, string>;
}

/**
 * Starts the given subgraphs in-process on ephemeral ports, each on its own schema of one fresh
 * database on the test run's PostgreSQL, and a gateway over their composed supergraph.
 */
export async function startTestGraph(
  services: AnyServiceDefinition[],
  options: TestGraphOptions = {},
): Promise<TestGraph> {
  const existing = options.existingDatabases;
  const database: TestDatabase = existing
    ? { name: '', url: existing[services[0]!.name] ?? '', drop: async () => {} }
    : options.databaseUrl
      ? {
          name: new URL(options.databaseUrl).pathname.slice(1),
          url: options.databaseUrl,
          drop: async () => {},
        }
      : await createTestDatabase(
          services.map((s) => ({ service: s.name, migrationsFolder: s.migrationsFolder })),
        );
  const queryCount: Record<string, number> = {};
  const databases: TestGraph['databases'] = {};
  const subgraphs: RunningSubgraph[] = [];
  for (const service of services) {
    queryCount[service.name] = 0;
    const opened = await openDatabase({
      service: service.name,
      schema: service.schema,
      migrationsFolder: service.migrationsFolder,
      url: existing?.[service.name] ?? database.url,
      maxConnections: 20,
      onQuery: () => {
        queryCount[service.name]! += 1;
      },
    });
    databases[service.name] = opened;
    if (!existing) await service.seedReference?.(opened.db);
    if (options.demoData && !existing) await service.seedDemo?.(opened.db);
    subgraphs.push(
      await startSubgraph(service, {
        db: opened.db,
        port: 0,
        signingSecret: SIGNING_SECRET,
        production: options.production ?? false,
      }),
    );
  }
  const supergraphSdl = composeSupergraph(
    services.map((definition, i) => ({ definition, url: subgraphs[i]!.url })),
  );
  const gateway = await startGateway({
    supergraphSdl,
    port: 0,
    jwtSecret: JWT_SECRET,
    signingSecret: SIGNING_SECRET,
    production: options.production ?? false,
    // Tests fire hundreds of requests from one address on purpose (concurrency guarantees).
    rateLimit: false,
    ...options.gateway,
  });
  const resetCounters = () => {
    for (const name of Object.keys(queryCount)) queryCount[name] = 0;
  };
  resetCounters();

  const tokenFor = (caller: Caller) =>
    signDevToken(
      {
        sub: caller.sub ?? `test-${caller.role}-${caller.network ?? 'all'}`,
        name: caller.name ?? 'Persona de prueba',
        roles: [caller.role],
        network: caller.network,
      },
      JWT_SECRET,
    );

  const request: TestGraph['request'] = async (query, variables, as) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as) headers.authorization = `Bearer ${await tokenFor(as)}`;
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<never>;
  };

  return {
    gatewayUrl: gateway.url,
    databaseUrl: database.url,
    subgraphs,
    databases,
    queryCount,
    resetCounters,
    request,
    async data(query, variables, as) {
      const result = await request(query, variables, as);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as never;
    },
    tokenFor,
    async stop() {
      await gateway.close();
      for (const subgraph of subgraphs) await subgraph.stop();
      for (const opened of Object.values(databases)) await opened.close();
      await database.drop();
    },
  };
}

/** The error codes of a result, for concise assertions. */
export function errorCodes(result: GraphQLResult<unknown>): string[] {
  return (result.errors ?? []).map((e) => String(e.extensions?.code));
}

export { testRedisUrl } from './redis.ts';
export { JWT_SECRET as TEST_JWT_SECRET, SIGNING_SECRET as TEST_SIGNING_SECRET };
