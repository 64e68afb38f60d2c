import { connectTimeoutSeconds } from '@participa/db';
import { tracingEnabled } from '@participa/tracing';
import type { Queue } from 'bullmq';
import { and, asc, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { outboxChannel, type PublishedEvent, sourceOf } from './event.ts';
import { startPublishSpans } from './publish-tracing.ts';
import { type OutboxTable, outboxBacklog } from './table.ts';

export interface RelayOptions {
  /** The service's database (the relay holds a pool of two connections, and one that listens). */
  url: string;
  table: OutboxTable;
  /** Where events go; job id = event id. */
  queue: Queue<PublishedEvent>;
  batchSize?: number;
  /** Back-up poll when no NOTIFY arrives (default 5 s). */
  pollMs?: number;
  /** A published row with no recorded delivery after this long is checked in Redis (default 10 s). */
  confirmAfterMs?: number;
  /** Done rows are deleted after this long (default 7 days). */
  retentionMs?: number;
  onError?: (error: unknown) => void;
}

export interface OutboxRelay {
  /** Publishes what is pending now (also called on NOTIFY and on the poll). */
  publishPending(): Promise<number>;
  /** Marks done what the worker recorded; republishes what Redis lost. */
  reconcile(): Promise<{ done: number; republished: number }>;
  /** Events not yet done, and how long the oldest of them has waited (seconds; 0 when none). */
  backlog(): Promise<{ pending: number; oldestSeconds: number }>;
  stop(): Promise<void>;
}

/**
 * Moves a service's outbox rows to BullMQ. Rows are claimed with `FOR UPDATE SKIP LOCKED` (two
 * relays never publish one row twice), an aggregate's row waits while an earlier one of it is
 * unpublished (per-aggregate order), and the job id is the event id (a crash between publish and
 * mark adds nothing twice). A row is done only when its job completed, i.e. the worker recorded
 * it; a row whose job Redis no longer has is published again (the worker ignores events it
 * already recorded). With Redis down, publishing fails and rows wait in PostgreSQL.
 */
export async function startOutboxRelay(options: RelayOptions): Promise<OutboxRelay> {
  const { table, queue } = options;
  const batchSize = options.batchSize ?? 500;
  const confirmAfterMs = options.confirmAfterMs ?? 10_000;
  const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  const onError = options.onError ?? (() => {});
  const source = sourceOf(table);
  // Named, so operators (and the LISTEN reconnect test) find the relay's connections.
  const client = postgres(options.url, {
    max: 2,
    connect_timeout: connectTimeoutSeconds(),
    onnotice: () => {},
    connection: { application_name: `participa-${source}-relay` },
  });
  const db = drizzle(client);
  const traced = tracingEnabled();

  const publishPending = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const published = await db.transaction(async (tx) => {
        const earlier = sql`EXISTS (SELECT 1 FROM ${table} AS e WHERE e.aggregate = ${table.aggregate}
          AND e.seq < ${table.seq} AND e.published_at IS NULL)`;
        const rows = await tx
          .select()
          .from(table)
          .where(and(isNull(table.publishedAt), sql`NOT ${earlier}`))
          .orderBy(asc(table.seq))
          .limit(batchSize)
          .for('update', { skipLocked: true });
        if (rows.length === 0) return 0;
        const spans = traced ? startPublishSpans(rows, source, queue.name) : undefined;
        try {
          await queue.addBulk(
            rows.map((row, i) => {
              // A relay without tracing still hands on the producer's context.
              const traceparent = spans ? spans.traceparents[i] : row.traceparent;
              return {
                name: row.kind,
                data: {
                  id: row.id,
                  source,
                  kind: row.kind,
                  aggregate: row.aggregate,
                  payload: row.payload as Record<string, unknown>,
                  occurredAt: row.occurredAt.toISOString(),
                  ...(traceparent ? { traceparent } : {}),
                },
                opts: { jobId: row.id },
              };
            }),
          );
        } catch (error) {
          spans?.end(error);
          throw error;
        }
        spans?.end();
        await tx
          .update(table)
          .set({ publishedAt: new Date() })
          .where(
            inArray(
              table.id,
              rows.map((r) => r.id),
            ),
          );
        return rows.length;
      });
      total += published;
      if (published < batchSize) return total;
    }
  };

  const reconcile = async () => {
    const waiting = await db
      .select({ id: table.id })
      .from(table)
      .where(
        and(
          isNull(table.doneAt),
          isNotNull(table.publishedAt),
          lt(table.publishedAt, new Date(Date.now() - confirmAfterMs)),
        ),
      )
      .limit(batchSize * 4);
    const states = await Promise.all(waiting.map((row) => queue.getJobState(row.id)));
    const done = waiting.filter((_, i) => states[i] === 'completed').map((r) => r.id);
    const lost = waiting.filter((_, i) => states[i] === 'unknown').map((r) => r.id);
    if (done.length) await db.update(table).set({ doneAt: new Date() }).where(inArray(table.id, done));
    if (lost.length) {
      await db.update(table).set({ publishedAt: null }).where(inArray(table.id, lost));
      await publishPending();
    }
    await db.delete(table).where(lt(table.doneAt, new Date(Date.now() - retentionMs)));
    return { done: done.length, republished: lost.length };
  };

  // One run at a time; a wake-up during a run schedules one more run.
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;
  const wake = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = publishPending()
      .catch(onError)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          wake();
        }
      });
  };
  // When PostgreSQL ends the listening connection (a restart, a failover, pg_terminate_backend),
  // postgres.js listens again on a new one, retrying while connections fail, and calls onlisten
  // each time it listens: `wake` then publishes what was committed meanwhile, whose NOTIFY nobody
  // heard. Without it such an event waited for the poll.
  const listener = await client.listen(outboxChannel(source), wake, wake);
  const poll = setInterval(wake, options.pollMs ?? 5_000);
  let reconciling = false;
  const confirm = setInterval(
    () => {
      if (reconciling || stopped) return;
      reconciling = true;
      reconcile()
        .catch(onError)
        .finally(() => {
          reconciling = false;
        });
    },
    Math.max(1_000, confirmAfterMs / 2),
  );
  wake();

  return {
    publishPending,
    reconcile,
    backlog: () => outboxBacklog(db, table),
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearInterval(confirm);
      await running;
      await listener.unlisten();
      await client.end({ timeout: 5 });
    },
  };
}
