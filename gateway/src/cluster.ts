import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { clusterMetricsSender, serveInternalEndpoints } from '@participa/monitoring';
import { announceReady, createLogger, onShutdown } from '@participa/subgraph-kit';

/** `GATEWAY_WORKERS`: gateway processes sharing the port, a number or `auto` (one per core); default 1. */
export function gatewayWorkersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.GATEWAY_WORKERS ?? '1';
  if (value === 'auto') return availableParallelism();
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1)
    throw new Error('GATEWAY_WORKERS must be a positive integer or "auto"');
  return count;
}

/** What a worker and the primary say to each other (besides prom-client's own messages). */
type Message =
  | { type: 'ready'; url: string }
  | { type: 'status?'; id: number }
  | { type: 'status'; id: number; body: unknown };

/**
 * The gateway on more than one core, for a machine that runs it alone (in Kubernetes the gateway
 * scales by pods instead). This primary forks `count` whole gateways that share its port (Node's
 * cluster hands connections out in turn); each has its own plans, in-flight coalescing and
 * response cache, while rate and cost budgets are shared through Redis. The primary announces the
 * gateway ready once every worker is, replaces a worker that dies, stops them all on SIGINT or
 * SIGTERM and serves the internal endpoints on `METRICS_PORT`: the cluster's summed metrics and
 * `/status` (asked of a worker). (In development each worker's public `/metrics` shows its own.)
 */
export async function runGatewayCluster(count: number): Promise<void> {
  const logger = createLogger('gateway');
  // A worker that dies before the cluster is up is a startup error, not a crash to repair.
  let up = false;
  let stopping = false;
  let asked = 0;
  const statusAnswers = new Map<number, (body: unknown) => void>();

  const fork = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      worker.on('message', (message: Message) => {
        if (message.type === 'ready') resolve(message.url);
        if (message.type === 'status') statusAnswers.get(message.id)?.(message.body);
      });
      worker.once('exit', (code, signal) => {
        reject(new Error(`gateway worker stopped (${signal ?? `exit ${code}`})`));
        if (stopping || !up) return;
        logger.error({ code, signal }, 'gateway worker stopped; starting another');
        fork().catch((error: Error) =>
          logger.error({ err: error.message }, 'gateway worker failed to start'),
        );
      });
    });
  const urls = await Promise.all(Array.from({ length: count }, fork));
  up = true;

  onShutdown(async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map((worker) => {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.process.kill('SIGTERM');
        return exited;
      }),
    );
  });

  const status = () =>
    new Promise<unknown>((resolve, reject) => {
      const worker = Object.values(cluster.workers ?? {}).find((w) => w?.isConnected());
      if (!worker) return reject(new Error('no gateway worker'));
      const id = ++asked;
      const timer = setTimeout(() => reject(new Error('status timed out')), 5_000);
      statusAnswers.set(id, (body) => {
        clearTimeout(timer);
        statusAnswers.delete(id);
        resolve(body);
      });
      worker.send({ type: 'status?', id } satisfies Message);
    });
  const internal = await serveInternalEndpoints(
    Number(process.env.METRICS_PORT ?? 9464),
    undefined,
    { '/status': status },
    clusterMetricsSender(),
  );
  onShutdown(internal.close);
  logger.info({ workers: count }, 'gateway cluster ready');
  announceReady('gateway', urls[0]!);
}

/** In a worker: answers the primary's `/status` questions with this gateway's view. */
export function answerStatusQuestions(status: () => Promise<unknown>): void {
  process.on('message', (message: Message) => {
    if (message.type !== 'status?') return;
    status().then((body) => process.send?.({ type: 'status', id: message.id, body } satisfies Message));
  });
}
