import { buildSubgraphSchema } from '@apollo/subgraph';
import type { Identity } from '@participa/auth';
import { authorize, commonResolvers, subgraphDocument } from '@participa/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { gql } from 'graphql-tag';

/**
 * The status of every part of the platform, for the secretariat (`platformStatus`). It is served by
 * the gateway itself, as a subgraph of its own (`platform`) that `composeSupergraph` adds to every
 * supergraph and the gateway executes in-process: the gateway already reaches every subgraph (their
 * `/status`: readiness, database, outbox backlog, each read by the subgraph on its own database)
 * and the queues (depth and schedulers, read by `@participa/queue`'s `queueHealth` through the reader
 * the gateway's entry passes in). No subgraph reads another's state, and nothing in the answer
 * names a host or a URL.
 */
export const PLATFORM_SUBGRAPH = 'platform';
/** The platform subgraph has no URL of its own: the gateway serves it (composition wants one). */
export const PLATFORM_SUBGRAPH_URL = 'http://gateway.internal/platform';

export const platformTypeDefs = gql`
  extend type Query {
    """
    The state of every part of the platform right now: each subgraph and its database, each queue
    of the background workers, each service's outbox of events, and an overall state with a summary
    in Spanish. Only the secretariat and the platform's workers may read it.
    """
    platformStatus: PlatformStatus!
  }

  "Overall state of the platform."
  enum PlatformState {
    "Every part answers and nothing is late."
    OK
    "Something does not answer or is late; the rest keeps working."
    DEGRADED
    "No subgraph answers: the graph can serve nothing."
    DOWN
  }

  "The state of every part of the platform at one moment (\`checkedAt\`)."
  type PlatformStatus {
    "OK when every part answers and nothing is late; DOWN when no subgraph answers; DEGRADED otherwise."
    state: PlatformState!
    "One line in Spanish for people: what is wrong, or that everything works."
    summary: String!
    "When the parts were asked (ISO 8601)."
    checkedAt: DateTime!
    "Every subgraph of the graph, by name."
    subgraphs: [PlatformSubgraphStatus!]!
    "Whether the queues' store (Redis) answered; false also when none is configured (jobs then wait)."
    queuesAnswering: Boolean!
    "Every queue of the background workers; empty when \`queuesAnswering\` is false."
    queues: [PlatformQueueStatus!]!
    "The outbox of each service that keeps one (events waiting to reach the notifications worker)."
    outboxes: [PlatformOutboxStatus!]!
  }

  "One subgraph as the gateway sees it."
  type PlatformSubgraphStatus {
    "The subgraph's name (\`feedback\`, \`territory\`…)."
    name: String!
    "Whether it answers and can work now (its readiness)."
    ready: Boolean!
    "Whether its database answered it; false also when the subgraph itself does not answer."
    databaseAnswering: Boolean!
  }

  "One queue of the background workers (BullMQ)."
  type PlatformQueueStatus {
    "The queue's name (\`notifications\`, \`indicators\`, \`reminders-feedback\`…)."
    name: String!
    "Jobs waiting for a worker (the queue's depth)."
    waiting: Int!
    "Jobs a worker is running now."
    active: Int!
    "Jobs waiting for their time (retries with backoff, scheduled runs)."
    delayed: Int!
    "Jobs that exhausted their attempts and wait for an operator."
    failed: Int!
    "Largest lag of the queue's Job Schedulers, in seconds (0 when all are on time or it has none)."
    schedulerLagSeconds: Float!
    "The queue's Job Schedulers (recurring jobs)."
    schedulers: [PlatformSchedulerStatus!]!
  }

  "One Job Scheduler (a recurring job) of a queue."
  type PlatformSchedulerStatus {
    "The scheduler's id (\`pqrs-deadlines\`…)."
    id: String!
    "When it should run next (ISO 8601); null when it has no next run."
    nextRunAt: DateTime
    "How many seconds past \`nextRunAt\` the clock is: no worker took its job (0 when on time)."
    lagSeconds: Float!
  }

  "The outbox of one service: events written with a change, not yet recorded by the notifications worker."
  type PlatformOutboxStatus {
    "The service that keeps the outbox."
    service: String!
    "Events not yet done; null when the service or its database did not answer."
    pending: Int
    "Seconds since the oldest pending event occurred (0 when none); null when unknown."
    oldestPendingSeconds: Float
  }
`;

export type PlatformState = 'OK' | 'DEGRADED' | 'DOWN';

export interface PlatformReport {
  state: PlatformState;
  summary: string;
  checkedAt: Date;
  subgraphs: { name: string; ready: boolean; databaseAnswering: boolean }[];
  queuesAnswering: boolean;
  queues: {
    name: string;
    waiting: number;
    active: number;
    delayed: number;
    failed: number;
    schedulerLagSeconds: number;
    schedulers: { id: string; nextRunAt: string | null; lagSeconds: number }[];
  }[];
  outboxes: { service: string; pending: number | null; oldestPendingSeconds: number | null }[];
}

/** The queues as `@participa/queue`'s `queueHealth` reads them (`platformQueuesReader`). */
export interface QueuesReading {
  queues: {
    name: string;
    depth: number;
    active: number;
    delayed: number;
    failed: number;
    schedulers: { id: string; next: string | null; lagSeconds: number }[];
  }[];
  /** Set when Redis did not answer in time. */
  error?: string;
}

export interface PlatformStatusOptions {
  /**
   * Reads the platform's queues now (the gateway's entry gives `platformQueuesReader(REDIS_URL)`);
   * without it the queues are reported as not configured, which degrades the platform.
   */
  queues?: (options: { now: Date; lateAfterMs: number }) => Promise<QueuesReading>;
  /** A scheduler later than this, or an outbox event older, makes the platform DEGRADED (default 60 s / 300 s). */
  lateSchedulerSeconds?: number;
  oldOutboxSeconds?: number;
}

interface SubgraphAnswer {
  ready: boolean;
  database?: string;
  outbox?: { pending: number; oldestSeconds: number } | null;
}

/** A subgraph's own `/status` (readiness, database, outbox); null when it does not answer in 2 s. */
async function askSubgraph(graphqlUrl: string): Promise<SubgraphAnswer | null> {
  try {
    const response = await fetch(new URL('/status', graphqlUrl), { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) {
      await response.body?.cancel();
      return null;
    }
    return (await response.json()) as SubgraphAnswer;
  } catch {
    return null;
  }
}

const list = (names: string[]) =>
  names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} y ${names.at(-1)}`;

export type PlatformStatusCollector = () => Promise<PlatformReport>;

/**
 * Gathers the report from the subgraphs the gateway knows (name → GraphQL URL) and the platform's
 * queues. Each part is asked at once and within seconds: a part that does not answer is reported,
 * never waited for.
 */
export function platformStatusCollector(
  subgraphs: ReadonlyMap<string, string>,
  options: PlatformStatusOptions | false = {},
): PlatformStatusCollector {
  const settings = options === false ? {} : options;
  const readQueues = settings.queues;
  const lateAfter = settings.lateSchedulerSeconds ?? 60;
  const oldOutbox = settings.oldOutboxSeconds ?? 300;
  const withOutbox = new Set<string>();

  const collect = async (): Promise<PlatformReport> => {
    const checkedAt = new Date();
    const names = [...subgraphs.keys()].sort();
    const [answers, health] = await Promise.all([
      Promise.all(names.map((name) => askSubgraph(subgraphs.get(name)!))),
      readQueues?.({ now: checkedAt, lateAfterMs: lateAfter * 1000 }).catch(() => ({
        queues: [],
        error: 'Redis no responde',
      })),
    ]);
    const parts = names.map((name, i) => ({ name, answer: answers[i] }));
    // A subgraph that does not answer cannot say it keeps an outbox: one that ever said so stays listed.
    for (const { name, answer } of parts) if (answer && 'outbox' in answer) withOutbox.add(name);
    const reportQueue = (q: QueuesReading['queues'][number]): PlatformReport['queues'][number] => ({
      name: q.name,
      waiting: q.depth,
      active: q.active,
      delayed: q.delayed,
      failed: q.failed,
      schedulerLagSeconds: Math.max(0, ...q.schedulers.map((s) => s.lagSeconds)),
      schedulers: q.schedulers.map((s) => ({ id: s.id, nextRunAt: s.next, lagSeconds: s.lagSeconds })),
    });
    const report: Omit<PlatformReport, 'state' | 'summary'> = {
      checkedAt,
      subgraphs: parts.map(({ name, answer }) => ({
        name,
        ready: answer?.ready === true,
        databaseAnswering: answer?.database === 'ok',
      })),
      queuesAnswering: health !== undefined && !health.error,
      queues: (health?.queues ?? []).map(reportQueue),
      outboxes: parts
        .filter(({ name }) => withOutbox.has(name))
        .map(({ name, answer }) => ({
          service: name,
          pending: answer?.outbox?.pending ?? null,
          oldestPendingSeconds: answer?.outbox?.oldestSeconds ?? null,
        })),
    };

    const problems: string[] = [];
    const down = report.subgraphs.filter((s) => !s.ready).map((s) => s.name);
    if (down.length) problems.push(`${down.length === 1 ? 'no responde' : 'no responden'} ${list(down)}`);
    if (!readQueues) problems.push('no hay Redis configurado: los trabajos en segundo plano esperan');
    else if (!report.queuesAnswering)
      problems.push('Redis no responde: los trabajos en segundo plano esperan');
    const late = report.queues.filter((q) => q.schedulerLagSeconds > lateAfter).map((q) => q.name);
    if (late.length) problems.push(`tareas programadas atrasadas en ${list(late)}`);
    const stuck = report.outboxes
      .filter((o) => (o.oldestPendingSeconds ?? 0) > oldOutbox)
      .map((o) => o.service);
    if (stuck.length)
      problems.push(`eventos pendientes hace más de ${Math.round(oldOutbox / 60)} min en ${list(stuck)}`);

    const state: PlatformState =
      names.length > 0 && down.length === names.length ? 'DOWN' : problems.length ? 'DEGRADED' : 'OK';
    const summary =
      state === 'OK'
        ? 'Todos los componentes de la plataforma funcionan con normalidad.'
        : `${state === 'DOWN' ? 'Plataforma fuera de servicio' : 'Plataforma degradada'}: ${problems.join('; ')}.`;
    return { state, summary, ...report };
  };

  return collect;
}

/** The `platform` subgraph's schema, executed by the gateway in its own process. */
export function platformSubgraphSchema(collect: () => Promise<PlatformReport>): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: subgraphDocument(platformTypeDefs),
      resolvers: {
        ...commonResolvers,
        Query: {
          platformStatus: (_: unknown, __: unknown, context: { identity: Identity }) => {
            authorize(
              context.identity,
              'platformStatus',
              {},
              'Solo la Secretaría de Salud puede consultar el estado de la plataforma.',
            );
            return collect();
          },
        },
      } as never,
    },
  ]) as unknown as GraphQLSchema;
}
