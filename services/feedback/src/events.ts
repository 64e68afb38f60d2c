import type { DomainEvent } from '@participa/outbox';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { networkCodeOf } from './access.ts';
import type { FeedbackDb } from './db/index.ts';
import { type PqrsRow, pqrsEvents } from './db/schema.ts';
import { unseal } from './secrets.ts';
import type { PetitionerData } from './validation.ts';

/** What every PQRS event says of it: its number, network, type and term (never the petitioner). */
export function pqrsFacts(row: PqrsRow) {
  return {
    radicado: row.radicado,
    networkCode: networkCodeOf(row),
    type: row.type,
    dueAt: row.dueAt?.toISOString() ?? null,
  };
}

/**
 * How to reach the petitioner, as the receipt did: the e-mail they gave (nothing else of theirs)
 * and their own inbox when they filed it signed in themselves. Staff filing for someone leave
 * their name on the RECEIVED event; a transferred PQRS keeps its origin's filer, so the origin's
 * RECEIVED event counts too.
 */
export async function petitionerReach(tx: FeedbackDb, row: PqrsRow) {
  const email = row.petitionerSealed ? unseal<PetitionerData>(row.petitionerSealed, row.id).email : null;
  const ids = row.transferredFromId ? [row.id, row.transferredFromId] : [row.id];
  const filedByStaff = await tx
    .select({ actor: pqrsEvents.actor })
    .from(pqrsEvents)
    .where(and(inArray(pqrsEvents.pqrsId, ids), eq(pqrsEvents.kind, 'RECEIVED'), isNotNull(pqrsEvents.actor)))
    .limit(1);
  return {
    contact: email && !row.anonymous ? { email } : null,
    userSub: filedByStaff.length > 0 ? null : row.createdBy,
  };
}

export function pqrsEvent(kind: string, row: PqrsRow, extra: Record<string, unknown> = {}): DomainEvent {
  return { kind, aggregate: `pqrs:${row.id}`, payload: { ...pqrsFacts(row), ...extra } };
}
