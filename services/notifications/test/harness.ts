import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { findRedisServer, freePort, redisAnswers } from '@participa/local-servers';
import { type OutboxRelay, type OutboxTable, type PublishedEvent, startOutboxRelay } from '@participa/outbox';
import { closeGracefully, connectRedis, createQueue, NOTIFICATIONS_QUEUE } from '@participa/queue';
import type { AnyServiceDefinition } from '@participa/subgraph-kit';
import { startTestGraph, type TestGraph } from '@participa/testing';
import type { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { createEmailSender, type SendEmail } from '../src/channels/email.ts';
import type { PostWebhook } from '../src/channels/webhook.ts';
import type { NotificationsDb } from '../src/db/index.ts';
import { type NotificationsWorker, startNotificationsWorker } from '../src/delivery.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(100);
  }
}

/**
 * A private Redis that keeps nothing on disk (like this machine's): stopping it loses every job,
 * which is what the outbox must survive.
 */
export async function startScratchRedis() {
  const executable = findRedisServer();
  if (!executable) throw new Error('redis-server is not on PATH');
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      executable,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    while (!(await redisAnswers(url))) await sleep(50);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url, start, stop };
}

/** A real SMTP server that keeps what it receives and refuses the addresses in `refused`. */
export async function startSmtpReceiver() {
  const received: { to: string[]; raw: string }[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (refused.has(address.address)) return callback(new Error('Buzón no disponible'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A relay and a notifications worker on one Redis, as `npm start` runs them in two processes. */
export async function startPipeline(options: {
  redisUrl: string;
  prefix: string;
  databaseUrl: string;
  outbox: OutboxTable;
  db: NotificationsDb;
  sendEmail: SendEmail;
  postWebhook?: PostWebhook;
  timings?: { lockDuration: number; stalledInterval: number };
}) {
  const producer: Redis = connectRedis(options.redisUrl, { role: 'producer' });
  producer.on('error', () => {});
  const queue = createQueue<PublishedEvent>(NOTIFICATIONS_QUEUE, {
    connection: producer,
    prefix: options.prefix,
  });
  queue.on('error', () => {});
  const relay: OutboxRelay = await startOutboxRelay({
    url: options.databaseUrl,
    table: options.outbox,
    queue,
    pollMs: 500,
    confirmAfterMs: 1_000,
  });
  const connection = connectRedis(options.redisUrl, { role: 'worker' });
  connection.on('error', () => {});
  const worker: NotificationsWorker = startNotificationsWorker({
    db: options.db,
    connection,
    prefix: options.prefix,
    sendEmail: options.sendEmail,
    postWebhook: options.postWebhook,
    timings: options.timings,
  });
  worker.worker.on('error', () => {});
  worker.queue.on('error', () => {});
  return {
    relay,
    worker,
    async stop() {
      await relay.stop();
      await closeGracefully(
        { workers: [worker.worker], queues: [worker.queue, queue], connections: [connection, producer] },
        { timeoutMs: 2_000 },
      );
    },
  };
}

/** A webhook endpoint that keeps what it receives; paths `/500` and `/hang` misbehave. */
export async function startWebhookReceiver() {
  const { createServer } = await import('node:http');
  const received: { path: string; headers: Record<string, string | string[] | undefined>; body: string }[] =
    [];
  const server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answers: the sender's timeout must end it
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers, body });
      res.writeHead(req.url === '/500' ? 500 : 204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The graph of some services with the notifications pipeline behind it, as most notification
 * tests run it: a private Redis, a real SMTP server, and a relay + worker on the outbox given.
 */
export async function startNotifiedGraph(services: AnyServiceDefinition[], outbox: OutboxTable) {
  const graph: TestGraph = await startTestGraph(services);
  const redis = await startScratchRedis();
  const smtp = await startSmtpReceiver();
  const pipeline = await startPipeline({
    redisUrl: redis.url,
    prefix: `test-${randomUUID()}`,
    databaseUrl: graph.databaseUrl,
    outbox,
    db: graph.databases.notifications!.db as NotificationsDb,
    sendEmail: createEmailSender({ SMTP_URL: smtp.url }),
  });
  return {
    graph,
    redis,
    smtp,
    pipeline,
    async stop() {
      await pipeline.stop();
      await smtp.close();
      await redis.stop();
      await graph.stop();
    },
  };
}

export type NotifiedGraph = Awaited<ReturnType<typeof startNotifiedGraph>>;
