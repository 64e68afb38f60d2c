import { randomUUID } from 'node:crypto';
import { bogotaDay } from '@participa/calendar';
import { requireNetwork, requireTerritoryId } from '@participa/reference';
import { authorize, conflict, inNetwork, may, parseInput } from '@participa/subgraph-kit';

import type { Context } from './context.ts';
import { fileNewPqrs, findByIdempotencyKey, type NewPqrs } from './data/pqrs.ts';
import type { FeedbackDb } from './db/index.ts';
import type { PqrsRow } from './db/schema.ts';
import { dueAtFor, radicadoPrefix, termFor } from './domain.ts';
import { hashTrackingCode, newTrackingCode, requestHash, seal, unseal } from './secrets.ts';
import { type SubmitPqrsInput, submitPqrsInput } from './validation.ts';

export interface PqrsReceipt {
  radicado: string;
  trackingCode: string;
  receivedAt: Date;
  dueAt: Date | null;
}

const reusedKey = () =>
  conflict('La clave de idempotencia (idempotencyKey) ya se usó para otra PQRS con otro contenido.');

/** The receipt of a stored PQRS, as first given (its original deadline, its tracking code). */
function replayReceipt(row: PqrsRow, hash: string): PqrsReceipt {
  if (row.requestHash !== hash || !row.trackingCodeSealed) throw reusedKey();
  return {
    radicado: row.radicado,
    trackingCode: unseal<string>(row.trackingCodeSealed, row.id),
    receivedAt: row.receivedAt,
    dueAt: row.originalDueAt,
  };
}

function isIdempotencyClash(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, constraint_name: constraint } = current as { code?: string; constraint_name?: string };
    if (code === '23505' && constraint?.includes('idempotency')) return true;
  }
  return false;
}

/** Identity and contact sealed; the rest is what the graph shows to staff. */
export function sealPetitioner(input: SubmitPqrsInput, id: string): string | null {
  return input.anonymous || !input.petitioner ? null : seal(input.petitioner, id);
}

/**
 * One submission, fully prepared before it is filed: its PQRS row, first timeline event, audit row
 * and outbox event all still need is its radicado.
 */
interface PreparedIntake extends NewPqrs {
  receipt: Omit<PqrsReceipt, 'radicado'>;
}

function prepare(
  ctx: Context,
  input: SubmitPqrsInput,
  network: { id: string; code: string },
  hash: string | null,
): PreparedIntake {
  const now = new Date();
  const receivedAt = input.receivedAt ?? now;
  const id = randomUUID();
  const trackingCode = newTrackingCode();
  const term = termFor(input.type, input.riskLevel ?? null);
  const dueAt = dueAtFor(input.type, input.riskLevel ?? null, receivedAt);
  const staff = may(ctx.identity, 'submitPqrs.receivedAt', inNetwork(network.code));
  // The radicado is the filing number: numbered in the year it is filed, in filing order.
  const year = Number(bogotaDay(now).slice(0, 4));
  return {
    year,
    radicadoPrefix: radicadoPrefix(network.code, year),
    row: {
      id,
      networkId: network.id,
      type: input.type,
      channel: input.channel,
      subject: input.subject,
      description: input.description,
      facilityId: input.facilityId ?? null,
      territoryId: input.territoryId ?? null,
      service: input.service ?? null,
      riskLevel: input.riskLevel ?? null,
      anonymous: Boolean(input.anonymous),
      petitionerSealed: sealPetitioner(input, id),
      trackingHash: hashTrackingCode(trackingCode),
      receivedAt,
      termUnit: term?.unit ?? null,
      termAmount: term?.amount ?? null,
      originalDueAt: dueAt,
      dueAt,
      idempotencyKey: input.idempotencyKey ?? null,
      requestHash: hash,
      trackingCodeSealed: hash ? seal(trackingCode, id) : null,
      createdBy: ctx.identity.sub,
    },
    event: {
      pqrsId: id,
      kind: 'RECEIVED',
      actor: staff ? ctx.identity.sub : null,
      actorName: staff ? ctx.identity.name : null,
      details: { channel: input.channel },
    },
    audit: {
      actor: ctx.identity.sub,
      action: 'pqrs.submitted',
      entity: 'Pqrs',
      entityId: id,
      details: { type: input.type, channel: input.channel },
    },
    outbox: {
      kind: 'pqrs.received',
      aggregate: `pqrs:${id}`,
      payload: {
        networkCode: network.code,
        type: input.type,
        dueAt: dueAt?.toISOString() ?? null,
        // The receipt goes to the address the petitioner gave (nothing else of theirs) and to
        // their inbox when they filed it signed in themselves.
        contact: input.petitioner?.email && !input.anonymous ? { email: input.petitioner.email } : null,
        userSub: staff ? null : ctx.identity.sub,
      },
    },
    receipt: { trackingCode, receivedAt, dueAt },
  };
}

/**
 * Files prepared submissions together (`fileNewPqrs`: one statement, numbers in arrival order per
 * network and year). A key that comes twice in one batch is filed once: the same content gets that
 * receipt, other content is CONFLICT.
 */
async function fileTogether(
  db: FeedbackDb,
  batch: PreparedIntake[],
): Promise<PromiseSettledResult<PqrsReceipt>[]> {
  const firsts = new Map<string, PreparedIntake>();
  const fresh = batch.filter((item) => {
    const key = item.row.idempotencyKey;
    if (!key) return true;
    if (firsts.has(key)) return false;
    firsts.set(key, item);
    return true;
  });
  const radicados = await fileNewPqrs(db, fresh);
  const receipts = new Map(fresh.map((item, i) => [item, { radicado: radicados[i]!, ...item.receipt }]));
  return batch.map((item): PromiseSettledResult<PqrsReceipt> => {
    const own = receipts.get(item);
    if (own) return { status: 'fulfilled', value: own };
    const first = firsts.get(item.row.idempotencyKey!)!;
    if (first.row.requestHash !== item.row.requestHash) return { status: 'rejected', reason: reusedKey() };
    return { status: 'fulfilled', value: receipts.get(first)! };
  });
}

/**
 * Group commit. Submissions that arrive while a batch is being filed wait and go together in the
 * next statement: one WAL flush for many instead of one each, which is what bounds intake under
 * load (a network's counter row is held until the flush). One batch is in flight per process, so
 * batches never queue on each other's counter locks, and a batch grows with the load: a lone
 * submission waits only `waitMs`. A batch that fails is filed again one by one, so one bad
 * submission (a concurrent retry of an idempotency key) fails alone.
 */
interface Waiting {
  item: PreparedIntake;
  done: (receipt: PqrsReceipt) => void;
  fail: (error: unknown) => void;
}

const settle = (w: Waiting, outcome: PromiseSettledResult<PqrsReceipt>) =>
  outcome.status === 'fulfilled' ? w.done(outcome.value) : w.fail(outcome.reason);

function intakeBatcher(db: FeedbackDb, maxBatch = 200, waitMs = 2) {
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let filing = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (filing || waiting.length === 0) return;
    filing = true;
    const taken = waiting.slice(0, maxBatch);
    waiting = waiting.slice(maxBatch);
    fileTogether(
      db,
      taken.map((w) => w.item),
    )
      .then(
        (outcomes) => {
          for (const [i, w] of taken.entries()) settle(w, outcomes[i]!);
        },
        (error) => {
          if (taken.length === 1) return taken[0]!.fail(error);
          for (const w of taken) fileTogether(db, [w.item]).then(([outcome]) => settle(w, outcome!), w.fail);
        },
      )
      .finally(() => {
        filing = false;
        // What gathered meanwhile goes at once: it has waited a whole transaction already.
        flush();
      });
  };
  return (item: PreparedIntake) =>
    new Promise<PqrsReceipt>((done, fail) => {
      waiting.push({ item, done, fail });
      if (!filing) timer ??= setTimeout(flush, waitMs);
    });
}

const batchers = new WeakMap<FeedbackDb, ReturnType<typeof intakeBatcher>>();

function insertNew(
  ctx: Context,
  input: SubmitPqrsInput,
  network: { id: string; code: string },
  hash: string | null,
): Promise<PqrsReceipt> {
  let file = batchers.get(ctx.db);
  if (!file) {
    file = intakeBatcher(ctx.db);
    batchers.set(ctx.db, file);
  }
  return file(prepare(ctx, input, network, hash));
}

export async function submitPqrs(ctx: Context, raw: unknown): Promise<PqrsReceipt> {
  const input = parseInput(submitPqrsInput, raw);
  const network = requireNetwork(input.networkCode, 'networkCode');
  if (input.receivedAt)
    authorize(
      ctx.identity,
      'submitPqrs.receivedAt',
      inNetwork(network.code),
      `Solo el personal de la red ${network.code} puede indicar la fecha de recibo (receivedAt); para la ciudadanía es el momento del envío.`,
    );
  requireTerritoryId(input.territoryId, 'territoryId');
  requireTerritoryId(
    input.petitioner?.characterization?.territoryId,
    'petitioner.characterization.territoryId',
  );

  if (!input.idempotencyKey) return insertNew(ctx, input, network, null);
  const { idempotencyKey, ...content } = input;
  const hash = requestHash({ ...content, networkCode: network.code });
  // A retry of a filed PQRS is answered before batching. While the database is down this fails at
  // once instead of queueing in the batcher (restarts.test.ts: recovery after a PostgreSQL restart).
  const existing = await findByIdempotencyKey(ctx.db, idempotencyKey);
  if (existing) return replayReceipt(existing, hash);
  try {
    return await insertNew(ctx, input, network, hash);
  } catch (error) {
    // A concurrent retry in another batch won the unique key: this transaction rolled back (its
    // number with it).
    if (!isIdempotencyClash(error)) throw error;
    const winner = await findByIdempotencyKey(ctx.db, idempotencyKey);
    if (!winner) throw error;
    return replayReceipt(winner, hash);
  }
}
