import { randomUUID } from 'node:crypto';
import { bogotaDay } from '@participa/calendar';
import { recordAudit } from '@participa/db';
import { emit } from '@participa/outbox';
import { requireNetwork, requireTerritoryId } from '@participa/reference';
import { authorize, conflict, inNetwork, may, parseInput } from '@participa/subgraph-kit';

import type { Context } from './context.ts';
import { findByIdempotencyKey, insertEvent, insertPqrs, nextSequence } from './data/pqrs.ts';
import type { FeedbackDb } from './db/index.ts';
import { auditEvents, outboxEvents, type PqrsRow } from './db/schema.ts';
import { dueAtFor, formatRadicado, termFor } from './domain.ts';
import { hashTrackingCode, newTrackingCode, requestHash, seal, unseal } from './secrets.ts';
import { type SubmitPqrsInput, submitPqrsInput } from './validation.ts';

export interface PqrsReceipt {
  radicado: string;
  trackingCode: string;
  receivedAt: Date;
  dueAt: Date | null;
}

/** The receipt of a stored PQRS, as first given (its original deadline, its tracking code). */
function replayReceipt(row: PqrsRow, hash: string): PqrsReceipt {
  if (row.requestHash !== hash || !row.trackingCodeSealed)
    throw conflict('La clave de idempotencia (idempotencyKey) ya se usó para otra PQRS con otro contenido.');
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

async function insertNew(
  db: FeedbackDb,
  ctx: Context,
  input: SubmitPqrsInput,
  network: { id: string; code: string },
  hash: string | null,
): Promise<PqrsReceipt> {
  const now = new Date();
  const receivedAt = input.receivedAt ?? now;
  const id = randomUUID();
  const trackingCode = newTrackingCode();
  const term = termFor(input.type, input.riskLevel ?? null);
  const dueAt = dueAtFor(input.type, input.riskLevel ?? null, receivedAt);
  return db.transaction(async (tx) => {
    // The radicado is the filing number: numbered in the year it is filed, in filing order.
    const year = Number(bogotaDay(now).slice(0, 4));
    const radicado = formatRadicado(network.code, year, await nextSequence(tx, network.id, year));
    await insertPqrs(tx, {
      id,
      radicado,
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
    });
    const staff = may(ctx.identity, 'submitPqrs.receivedAt', inNetwork(network.code));
    await insertEvent(tx, {
      pqrsId: id,
      kind: 'RECEIVED',
      actor: staff ? ctx.identity.sub : null,
      actorName: staff ? ctx.identity.name : null,
      details: { channel: input.channel },
    });
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'pqrs.submitted',
      entity: 'Pqrs',
      entityId: id,
      details: { radicado, type: input.type, channel: input.channel },
    });
    await emit(tx, outboxEvents, {
      kind: 'pqrs.received',
      aggregate: `pqrs:${id}`,
      payload: {
        radicado,
        networkCode: network.code,
        type: input.type,
        dueAt: dueAt?.toISOString() ?? null,
        // The receipt goes to the address the petitioner gave (nothing else of theirs) and to
        // their inbox when they filed it signed in themselves.
        contact: input.petitioner?.email && !input.anonymous ? { email: input.petitioner.email } : null,
        userSub: staff ? null : ctx.identity.sub,
      },
    });
    return { radicado, trackingCode, receivedAt, dueAt };
  });
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

  if (!input.idempotencyKey) return insertNew(ctx.db, ctx, input, network, null);
  const { idempotencyKey, ...content } = input;
  const hash = requestHash({ ...content, networkCode: network.code });
  const existing = await findByIdempotencyKey(ctx.db, idempotencyKey);
  if (existing) return replayReceipt(existing, hash);
  try {
    return await insertNew(ctx.db, ctx, input, network, hash);
  } catch (error) {
    // A concurrent retry won the unique key: this transaction rolled back (its number with it).
    if (!isIdempotencyClash(error)) throw error;
    const winner = await findByIdempotencyKey(ctx.db, idempotencyKey);
    if (!winner) throw error;
    return replayReceipt(winner, hash);
  }
}
