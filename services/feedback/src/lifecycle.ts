import { randomUUID } from 'node:crypto';
import { bogotaDay, deadline } from '@participa/calendar';
import { recordAudit } from '@participa/db';
import { type DomainEvent, emit } from '@participa/outbox';
import { requireNetwork } from '@participa/reference';
import { badUserInput, conflict, notFound, type Operation, parseInput } from '@participa/subgraph-kit';
import { networkCodeOf, requireHandler } from './access.ts';
import type { Context } from './context.ts';
import { insertEvent, insertPqrs, lockPqrs, nextSequence, updatePqrs } from './data/pqrs.ts';
import type { FeedbackDb } from './db/index.ts';
import { auditEvents, outboxEvents, type PqrsEventRow, type PqrsInsert, type PqrsRow } from './db/schema.ts';
import {
  answeredOnTime,
  canApply,
  extensionProblem,
  formatRadicado,
  type PqrsAction,
  statusName,
  termOf,
} from './domain.ts';
import { petitionerReach, pqrsEvent } from './events.ts';
import { seal, unseal } from './secrets.ts';
import {
  addPqrsNoteInput,
  assignPqrsInput,
  extendPqrsDeadlineInput,
  pqrsIdInput,
  reopenPqrsInput,
  respondToPqrsInput,
  transferPqrsInput,
} from './validation.ts';

const VERBS: Record<PqrsAction | 'NOTE', string> = {
  ASSIGN: 'asignar',
  EXTEND: 'prorrogar',
  RESPOND: 'responder',
  CLOSE: 'cerrar',
  REOPEN: 'reabrir',
  TRANSFER: 'trasladar',
  RATE: 'calificar',
  NOTE: 'anotar',
};

interface Step {
  changes: Partial<PqrsInsert>;
  event: Pick<PqrsEventRow, 'kind'> & { note?: string | null; details?: Record<string, unknown> };
  /** The domain events of the step, written to the outbox in its transaction. */
  notify?: (updated: PqrsRow) => Promise<DomainEvent[]>;
}

/**
 * One lifecycle step: lock the row, check who and from which status, apply the change, and write
 * the timeline event and the audit entry in the same transaction. Nothing is written when refused.
 */
async function step(
  ctx: Context,
  id: string,
  action: PqrsAction | 'NOTE',
  operation: Operation,
  decide: (row: PqrsRow, tx: FeedbackDb, now: Date) => Step | Promise<Step>,
): Promise<PqrsRow> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockPqrs(tx, id);
    if (!row) throw notFound(`No existe la PQRS ${id}.`);
    requireHandler(ctx.identity, operation, row);
    if (action !== 'NOTE' && !canApply(action, row.status))
      throw conflict(`No se puede ${VERBS[action]} la PQRS ${row.radicado}: está ${statusName(row.status)}.`);
    const now = new Date();
    const { changes, event, notify } = await decide(row, tx, now);
    const updated = Object.keys(changes).length > 0 ? await updatePqrs(tx, id, changes) : row;
    if (notify) await emit(tx, outboxEvents, await notify(updated));
    await insertEvent(tx, {
      pqrsId: id,
      kind: event.kind,
      actor: ctx.identity.sub,
      actorName: ctx.identity.name,
      note: event.note ?? null,
      details: event.details ?? null,
      at: now,
    });
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: `pqrs.${event.kind.toLowerCase()}`,
      entity: 'Pqrs',
      entityId: id,
      details: { from: row.status, to: updated.status },
    });
    ctx.loaders.pqrs.clear(id).prime(id, updated);
    return updated;
  });
}

export function assignPqrs(ctx: Context, raw: unknown) {
  const input = parseInput(assignPqrsInput, raw);
  return step(ctx, input.pqrsId, 'ASSIGN', 'assignPqrs', () => ({
    changes: { status: 'IN_PROGRESS', assignedTo: input.assignee ?? null, assignedArea: input.area ?? null },
    event: { kind: 'ASSIGNED', note: input.note, details: { assignee: input.assignee, area: input.area } },
    // The assignee is told in their own inbox; an area alone, the network's staff inbox.
    notify: async (updated) => [
      pqrsEvent('pqrs.assigned', updated, { assignee: input.assignee ?? null, area: input.area ?? null }),
    ],
  }));
}

export function addPqrsNote(ctx: Context, raw: unknown) {
  const input = parseInput(addPqrsNoteInput, raw);
  return step(ctx, input.pqrsId, 'NOTE', 'addPqrsNote', () => ({
    changes: {},
    event: { kind: 'NOTE', note: input.note },
  }));
}

/** The first answer fixes `answeredAt` and `answeredOnTime`; after a reopening only the text changes. */
export function respondToPqrs(ctx: Context, raw: unknown) {
  const input = parseInput(respondToPqrsInput, raw);
  return step(ctx, input.pqrsId, 'RESPOND', 'respondToPqrs', (row, tx, now) => ({
    changes: {
      status: 'ANSWERED',
      response: input.response,
      ...(row.answeredAt ? {} : { answeredAt: now, answeredOnTime: answeredOnTime(now, row.dueAt) }),
    },
    event: { kind: 'ANSWERED', note: input.note },
    // Only that an answer exists: its text may hold personal data, and an e-mail is no safe place.
    notify: async (updated) => [pqrsEvent('pqrs.answered', updated, await petitionerReach(tx, updated))],
  }));
}

const EXTENSION_MESSAGES = {
  NO_DEADLINE: 'esta PQRS no tiene término que prorrogar.',
  EXPIRED: 'la prórroga debe solicitarse antes del vencimiento del término.',
  NOT_LATER: 'el nuevo vencimiento debe ser posterior al actual.',
  TOO_LATE: 'la prórroga no puede superar el doble del término inicial.',
} as const;

export function extendPqrsDeadline(ctx: Context, raw: unknown) {
  const input = parseInput(extendPqrsDeadlineInput, raw);
  return step(ctx, input.pqrsId, 'EXTEND', 'extendPqrsDeadline', (row, tx, now) => {
    const problem = extensionProblem({ ...row, term: termOf(row) }, input.newDueAt, now);
    if (problem === 'NO_DEADLINE' || problem === 'EXPIRED')
      throw conflict(`No se puede prorrogar la PQRS ${row.radicado}: ${EXTENSION_MESSAGES[problem]}`);
    if (problem) throw badUserInput('newDueAt', `Campo "newDueAt": ${EXTENSION_MESSAGES[problem]}`);
    return {
      changes: { dueAt: input.newDueAt, extensionReason: input.reason },
      event: {
        kind: 'EXTENDED',
        note: input.reason,
        details: { from: row.dueAt?.toISOString(), to: input.newDueAt.toISOString() },
      },
      notify: async (updated) => [
        pqrsEvent('pqrs.extended', updated, {
          previousDueAt: row.dueAt?.toISOString() ?? null,
          ...(await petitionerReach(tx, updated)),
        }),
      ],
    };
  });
}

export function closePqrs(ctx: Context, rawId: unknown) {
  const id = parseInput(pqrsIdInput, rawId);
  return step(ctx, id, 'CLOSE', 'closePqrs', (_row, _tx, now) => ({
    changes: { status: 'CLOSED', closedAt: now },
    event: { kind: 'CLOSED' },
  }));
}

export function reopenPqrs(ctx: Context, raw: unknown) {
  const input = parseInput(reopenPqrsInput, raw);
  return step(ctx, input.pqrsId, 'REOPEN', 'reopenPqrs', () => ({
    changes: { status: 'IN_PROGRESS', closedAt: null },
    event: { kind: 'REOPENED', note: input.reason },
  }));
}

/** The linked PQRS of the competent network: same receipt date and term, its own radicado. */
async function createLinked(tx: FeedbackDb, row: PqrsRow, network: { id: string; code: string }, now: Date) {
  const id = randomUUID();
  const year = Number(bogotaDay(now).slice(0, 4));
  const radicado = formatRadicado(network.code, year, await nextSequence(tx, network.id, year));
  const term = termOf(row);
  const dueAt = term ? deadline(row.receivedAt, term) : null;
  const linked = await insertPqrs(tx, {
    ...row,
    id,
    radicado,
    networkId: network.id,
    status: 'RECEIVED',
    // Facility belongs to the first network; the citizen keeps following with the same code.
    facilityId: null,
    petitionerSealed: row.petitionerSealed ? seal(unseal(row.petitionerSealed, row.id), id) : null,
    originalDueAt: dueAt,
    dueAt,
    extensionReason: null,
    assignedTo: null,
    assignedArea: null,
    transferredFromId: row.id,
    transferredToId: null,
    idempotencyKey: null,
    requestHash: null,
    trackingCodeSealed: null,
    createdAt: now,
  });
  await insertEvent(tx, {
    pqrsId: id,
    kind: 'RECEIVED',
    details: { transferredFrom: row.radicado },
    at: now,
  });
  return linked;
}

export function transferPqrs(ctx: Context, raw: unknown) {
  const input = parseInput(transferPqrsInput, raw);
  return step(ctx, input.pqrsId, 'TRANSFER', 'transferPqrs', async (row, tx, now) => {
    if (!input.toNetworkCode) {
      return {
        changes: { status: 'TRANSFERRED', transferredToEntity: input.toEntityName },
        event: { kind: 'TRANSFERRED', note: input.reason, details: { entity: input.toEntityName } },
        notify: async (updated) => [
          pqrsEvent('pqrs.transferred', updated, {
            toEntityName: input.toEntityName ?? null,
            toNetworkCode: null,
            ...(await petitionerReach(tx, updated)),
          }),
        ],
      };
    }
    const target = requireNetwork(input.toNetworkCode, 'toNetworkCode');
    if (target.code === networkCodeOf(row))
      throw badUserInput('toNetworkCode', 'Campo "toNetworkCode": la PQRS ya está en esa red.');
    const linked = await createLinked(tx, row, target, now);
    return {
      changes: { status: 'TRANSFERRED', transferredToId: linked.id },
      event: {
        kind: 'TRANSFERRED',
        note: input.reason,
        details: { network: target.code, radicado: linked.radicado },
      },
      // The receiving network's staff learn the new radicado and its term from `linked`.
      notify: async (updated) => [
        pqrsEvent('pqrs.transferred', updated, {
          toEntityName: null,
          toNetworkCode: target.code,
          newRadicado: linked.radicado,
          newDueAt: linked.dueAt?.toISOString() ?? null,
          ...(await petitionerReach(tx, updated)),
        }),
      ],
    };
  });
}
