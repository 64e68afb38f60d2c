import { recordAudit } from '@participa/db';
import { emit } from '@participa/outbox';
import { requireNetwork, requireTerritoryId } from '@participa/reference';
import {
  authorize,
  badUserInput,
  conflict,
  inNetwork,
  loadExisting,
  notYourNetwork,
  type Operation,
} from '@participa/subgraph-kit';
import { type Context, networkCodeOf, requireWorkshop } from './context.ts';
import { insertEvaluation } from './data/evaluations.ts';
import { insertMaterial } from './data/materials.ts';
import { activeRegistrations } from './data/registrations.ts';
import {
  insertScheduleChange,
  insertWorkshop,
  linkMaterials,
  lockWorkshop,
  updateWorkshop,
} from './data/workshops.ts';
import { auditEvents, outboxEvents, type WorkshopRow } from './db/schema.ts';
import { registrationEvent, workshopEvent } from './events.ts';
import type { CreateMaterialInput, ScheduleWorkshopInput } from './validation.ts';

async function requireMaterials(ctx: Context, ids: readonly string[], field = 'materialIds'): Promise<void> {
  const found = await loadExisting(ctx.loaders.material, ids);
  const missing = ids.find((id) => !found.some((m) => m.id === id));
  if (missing) throw badUserInput(field, `Campo "${field}": no existe el material ${missing}.`);
}

/** The workshop of a write, checked against the caller's network. */
async function writableWorkshop(
  ctx: Context,
  operation: Operation,
  id: string,
  field = 'id',
): Promise<WorkshopRow> {
  const workshop = await requireWorkshop(ctx, id, field);
  const code = networkCodeOf(workshop);
  authorize(ctx.identity, operation, inNetwork(code), notYourNetwork(code));
  return workshop;
}

function audit(ctx: Context, tx: Context['db'], action: string, workshopId: string, details = {}) {
  return recordAudit(tx, auditEvents, {
    actor: ctx.identity.sub,
    action,
    entity: 'Workshop',
    entityId: workshopId,
    details,
  });
}

export async function schedule(ctx: Context, data: ScheduleWorkshopInput): Promise<WorkshopRow> {
  const network = requireNetwork(data.networkCode);
  authorize(ctx.identity, 'scheduleWorkshop', inNetwork(network.code), notYourNetwork(network.code));
  requireTerritoryId(data.territoryId);
  const materialIds = [...new Set(data.materialIds ?? [])];
  await requireMaterials(ctx, materialIds);
  return ctx.db.transaction(async (tx) => {
    const row = await insertWorkshop(tx, {
      networkId: network.id,
      territoryId: data.territoryId ?? null,
      facilityId: data.venueId ?? null,
      address: data.address ?? null,
      activityId: data.activityId ?? null,
      title: data.title,
      description: data.description ?? null,
      topic: data.topic,
      kind: data.kind ?? (data.topic === 'COMMUNITY_DAY' ? 'COMMUNITY_DAY' : 'WORKSHOP'),
      modality: data.modality,
      virtualUrl: data.virtualUrl ?? null,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      capacity: data.capacity,
      facilitator: data.facilitator ?? null,
      createdBy: ctx.identity.sub,
    });
    await linkMaterials(tx, row.id, materialIds);
    await audit(ctx, tx, 'workshop.scheduled', row.id, { network: network.code, capacity: row.capacity });
    await emit(tx, outboxEvents, workshopEvent('workshop.scheduled', row, { capacity: row.capacity }));
    return row;
  });
}

export async function reschedule(
  ctx: Context,
  data: { id: string; startsAt: Date; endsAt: Date; reason: string },
): Promise<WorkshopRow> {
  await writableWorkshop(ctx, 'rescheduleWorkshop', data.id);
  return ctx.db.transaction(async (tx) => {
    const workshop = (await lockWorkshop(tx, data.id))!;
    if (workshop.status !== 'SCHEDULED') {
      throw conflict('Solo se reprograman talleres programados (no realizados ni cancelados).');
    }
    await insertScheduleChange(tx, {
      workshopId: workshop.id,
      previousStartsAt: workshop.startsAt,
      previousEndsAt: workshop.endsAt,
      startsAt: data.startsAt,
      endsAt: data.endsAt,
      reason: data.reason,
      changedBy: ctx.identity.sub,
    });
    await audit(ctx, tx, 'workshop.rescheduled', workshop.id);
    const updated = await updateWorkshop(tx, workshop.id, { startsAt: data.startsAt, endsAt: data.endsAt });
    const change = { previousStartsAt: workshop.startsAt.toISOString(), reason: data.reason };
    await tellWorkshopChange(tx, 'workshop.rescheduled', updated, change);
    return updated;
  });
}

export async function cancelWorkshop(ctx: Context, id: string, reason: string): Promise<WorkshopRow> {
  await writableWorkshop(ctx, 'cancelWorkshop', id);
  return ctx.db.transaction(async (tx) => {
    const workshop = (await lockWorkshop(tx, id))!;
    if (workshop.status === 'HELD') throw conflict('El taller ya se realizó: no se puede cancelar.');
    if (workshop.status === 'CANCELLED') return workshop;
    await audit(ctx, tx, 'workshop.cancelled', id);
    const cancelled = await updateWorkshop(tx, id, { status: 'CANCELLED', cancellationReason: reason });
    await tellWorkshopChange(tx, 'workshop.cancelled', cancelled, { reason });
    return cancelled;
  });
}

/**
 * One event per person still registered or waitlisted (each ordered with the rest of their
 * registration's events), and one for the network's staff with how many were told.
 */
async function tellWorkshopChange(
  tx: Context['db'],
  kind: 'workshop.rescheduled' | 'workshop.cancelled',
  workshop: WorkshopRow,
  change: Record<string, unknown>,
): Promise<void> {
  const people = await activeRegistrations(tx, workshop.id);
  await emit(tx, outboxEvents, [
    ...people.map((registration) => registrationEvent(kind, registration, workshop, change)),
    workshopEvent(kind, workshop, { ...change, participants: people.length }),
  ]);
}

export async function recordCommunityDayServices(
  ctx: Context,
  data: { workshopId: string; servicesOffered: WorkshopRow['servicesOffered']; peopleServed: number },
): Promise<WorkshopRow> {
  const workshop = await writableWorkshop(ctx, 'recordCommunityDayServices', data.workshopId, 'workshopId');
  if (workshop.kind !== 'COMMUNITY_DAY') {
    throw badUserInput(
      'workshopId',
      'Campo "workshopId": solo las jornadas comunitarias registran servicios.',
    );
  }
  return ctx.db.transaction(async (tx) => {
    const locked = (await lockWorkshop(tx, workshop.id))!;
    if (locked.status === 'CANCELLED') throw conflict('La jornada fue cancelada.');
    await audit(ctx, tx, 'community_day.services_recorded', locked.id, { peopleServed: data.peopleServed });
    return updateWorkshop(tx, locked.id, {
      servicesOffered: [...new Set(data.servicesOffered)],
      peopleServed: data.peopleServed,
      status: 'HELD',
    });
  });
}

export async function recordEvaluation(
  ctx: Context,
  data: {
    workshopId: string;
    registrationId?: string | null;
    satisfaction: number;
    preTestScore?: number | null;
    postTestScore?: number | null;
    comment?: string | null;
  },
) {
  const workshop = await writableWorkshop(ctx, 'recordEvaluation', data.workshopId, 'workshopId');
  if (workshop.status !== 'HELD') {
    throw badUserInput('workshopId', 'Campo "workshopId": solo se evalúan talleres realizados.');
  }
  if (data.registrationId) {
    const registration = await ctx.loaders.registration.load(data.registrationId);
    if (registration?.workshopId !== workshop.id) {
      throw badUserInput('registrationId', 'Campo "registrationId": no es una inscripción de este taller.');
    }
  }
  const row = await insertEvaluation(ctx.db, {
    workshopId: workshop.id,
    registrationId: data.registrationId ?? null,
    satisfaction: data.satisfaction,
    preTestScore: data.preTestScore ?? null,
    postTestScore: data.postTestScore ?? null,
    comment: data.comment ?? null,
  });
  if (!row) throw conflict('Esta inscripción ya tiene una evaluación.');
  return row;
}

export async function createMaterial(ctx: Context, data: CreateMaterialInput) {
  const network = data.networkCode ? requireNetwork(data.networkCode) : null;
  authorize(
    ctx.identity,
    'createMaterial',
    inNetwork(network?.code ?? null),
    'No tiene permiso: el personal de una red crea materiales de su red; la Secretaría, los distritales.',
  );
  return insertMaterial(ctx.db, {
    networkId: network?.id ?? null,
    title: data.title,
    kind: data.kind,
    topic: data.topic,
    audience: data.audience ?? null,
    language: data.language ?? 'es',
    accessibleFormats: [...new Set(data.accessibleFormats ?? [])],
    url: data.url ?? null,
    createdBy: ctx.identity.sub,
  });
}

export async function useMaterials(ctx: Context, workshopId: string, materialIds: string[]) {
  const workshop = await writableWorkshop(ctx, 'useMaterials', workshopId, 'workshopId');
  const ids = [...new Set(materialIds)];
  await requireMaterials(ctx, ids);
  await linkMaterials(ctx.db, workshop.id, ids);
  return workshop;
}
