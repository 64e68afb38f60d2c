import { InvalidTokenError, tokenVerifierFromEnv } from '@participa/auth';
import {
  createQueue,
  type OperationsServer,
  type OperatorCheck,
  PLATFORM_QUEUES,
  type QueueSettings,
  registerQueueMetrics,
  startOperationsServer,
} from '@participa/queue';
import { may } from '@participa/subgraph-kit';

/** Who may open the queues' dashboard: the policy's `queues.dashboard` (secretariat, system). */
export function operatorCheck(verify = tokenVerifierFromEnv()): OperatorCheck {
  return async (token) => {
    if (!token) return 'unauthenticated';
    try {
      const identity = await verify(`Bearer ${token}`);
      return may(identity, 'queues.dashboard') ? 'ok' : 'forbidden';
    } catch (error) {
      if (error instanceof InvalidTokenError) return 'unauthenticated';
      throw error;
    }
  };
}

/**
 * Health and dashboard of every queue of the platform, served beside the notifications worker
 * (`QUEUES_PORT`, default 4190, loopback unless `HOST` says otherwise).
 */
export function startQueuesView(
  settings: QueueSettings,
  options: { port?: number; host?: string; authorize?: OperatorCheck } = {},
): Promise<OperationsServer & { close(): Promise<void> }> {
  const queues = PLATFORM_QUEUES.map((name) => createQueue(name, settings));
  registerQueueMetrics(queues);
  return startOperationsServer({
    queues,
    port: options.port ?? Number(process.env.QUEUES_PORT ?? 4190),
    host: options.host ?? process.env.HOST,
    authorize: options.authorize ?? operatorCheck(),
  }).then((server) => ({
    url: server.url,
    async close() {
      await server.close();
      await Promise.all(queues.map((queue) => queue.close()));
    },
  }));
}
