import { lifeStageOf, yearInBogota } from '@participa/characterization';
import { recordAudit } from '@participa/db';
import { emit } from '@participa/outbox';
import { requireTerritoryId } from '@participa/reference';
import {
  authorize,
  badUserInput,
  conflict,
  inNetwork,
  notFound,
  notYourNetwork,
  type Operation,
} from '@participa/subgraph-kit';
import { inArray } from 'drizzle-orm';
import { type Context, networkCodeOf, requireWorkshop } from './context.ts';
import {
  countRegistered,
  countWaitlisted,
  eraseIdentity,
  findActiveDuplicate,
  findAttendees,
  insertRegistration,
  markAttended,
  promoteFromWaitlist,
  registrationsByIds,
  registrationsOfPersonInNetwork,
  setRegistrationStatus,
} from './data/registrations.ts';
import { lockWorkshop, updateWorkshop } from './data/workshops.ts';
import type { EducationDb } from './db/index.ts';
import { auditEvents, outboxEvents, type RegistrationRow, type WorkshopRow } from './db/schema.ts';
import { comunaOf, newCheckInCode, promotionsAvailable, statusForNewRegistration } from './domain.ts';
import { registrationEvent, selfRegistrant } from './events.ts';
import type { ParticipantInput, RecordAttendanceInput, WalkInInput } from './validation.ts';

/** What `registerForWorkshop` answers: the participant sees their own check-in code. */
export type RegistrationResult = RegistrationRow & { revealCheckInCode?: boolean };

/** Locks the workshop (seat accounting is serialized per workshop) or refuses a missing one. */
async function lockOrFail(tx: EducationDb, workshopId: string, field = 'workshopId'): Promise<WorkshopRow> {
  const workshop = await lockWorkshop(tx, workshopId);
  if (!workshop) throw badUserInput(field, `Campo "${field}": no existe el taller ${workshopId}.`);
  return workshop;
}

function characterizationOf(person: ParticipantInput | WalkInInput, workshop: WorkshopRow) {
  return {
    fullName: person.fullName ?? null,
    documentType: person.documentType ?? null,
    documentNumber: person.documentNumber ?? null,
    email: person.email ?? null,
    phone: person.phone ?? null,
    birthYear: person.birthYear ?? null,
    lifeStage: person.birthYear ? lifeStageOf(person.birthYear, yearInBogota(workshop.startsAt)) : null,
    sex: person.sex ?? null,
    genderIdentity: person.genderIdentity ?? null,
    ethnicity: person.ethnicity ?? null,
    disability: person.disability ?? null,
    armedConflictVictim: person.armedConflictVictim ?? null,
    migrant: person.migrant ?? null,
    territoryId: person.territoryId ?? null,
  };
}

const DUPLICATE = 'Esta persona (mismo documento o correo) ya está inscrita en el taller.';

/**
 * REGISTERED while seats remain, else WAITLISTED in arrival order. The workshop row stays locked
 * until commit, so concurrent registrations count seats one after another and never oversell.
 */
export async function register(
  ctx: Context,
  workshopId: string,
  participant: ParticipantInput,
): Promise<RegistrationResult> {
  requireTerritoryId(participant.territoryId, 'participant.territoryId');
  const row = await ctx.db.transaction(async (tx) => {
    const workshop = await lockOrFail(tx, workshopId);
    if (workshop.status !== 'SCHEDULED' || workshop.endsAt <= new Date()) {
      const why = workshop.status === 'CANCELLED' ? 'fue cancelado' : 'ya se realizó';
      throw badUserInput('workshopId', `Campo "workshopId": el taller ${why}; no recibe inscripciones.`);
    }
    if (await findActiveDuplicate(tx, workshopId, participant)) throw conflict(DUPLICATE);
    const status = statusForNewRegistration(await countRegistered(tx, workshopId), workshop.capacity);
    const registration = await insertRegistration(tx, {
      workshopId,
      status,
      checkInCode: newCheckInCode(),
      ...characterizationOf(participant, workshop),
      dataConsentAt: new Date(),
      createdBy: ctx.identity.sub,
      userSub: selfRegistrant(ctx.identity, workshop),
    });
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'registration.created',
      entity: 'Registration',
      entityId: registration.id,
      details: { workshopId, status },
    });
    await emit(
      tx,
      outboxEvents,
      registrationEvent(
        status === 'REGISTERED' ? 'registration.confirmed' : 'registration.waitlisted',
        registration,
        workshop,
      ),
    );
    return registration;
  });
  return { ...row, revealCheckInCode: true };
}

/** Staff of the workshop's network, or the participant holding the registration's check-in code. */
function requireRegistrationHolder(
  ctx: Context,
  operation: Operation,
  registration: RegistrationRow,
  workshop: WorkshopRow,
  code: string | null | undefined,
): void {
  const codeProven = Boolean(code && registration.checkInCode && code === registration.checkInCode);
  authorize(
    ctx.identity,
    operation,
    { ...inNetwork(networkCodeOf(workshop)), codeProven },
    'Solo el personal de la red del taller o la persona inscrita (con su código) puede hacer esto.',
  );
}

async function requireRegistration(ctx: Context, id: string): Promise<RegistrationRow> {
  const registration = await ctx.loaders.registration.load(id);
  if (!registration) throw notFound(`No existe la inscripción ${id}.`);
  return registration;
}

/** Frees the seat and gives it to the first in the waitlist. */
export async function cancel(ctx: Context, id: string, code: string | null | undefined) {
  const registration = await requireRegistration(ctx, id);
  const workshop = await requireWorkshop(ctx, registration.workshopId);
  requireRegistrationHolder(ctx, 'cancelRegistration', registration, workshop, code);
  if (registration.attendedAt)
    throw conflict('La persona ya asistió al taller; su inscripción no se cancela.');
  return ctx.db.transaction(async (tx) => {
    const locked = await lockOrFail(tx, workshop.id);
    // Read again under the lock: a concurrent cancellation of the same registration may have won.
    const [current] = await registrationsByIds(tx, [id]);
    if (current!.status === 'CANCELLED') return current!;
    const cancelled = await setRegistrationStatus(tx, id, 'CANCELLED');
    const promoted =
      locked.status === 'SCHEDULED'
        ? await promoteFromWaitlist(
            tx,
            locked.id,
            promotionsAvailable(
              locked.capacity,
              await countRegistered(tx, locked.id),
              await countWaitlisted(tx, locked.id),
            ),
          )
        : [];
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'registration.cancelled',
      entity: 'Registration',
      entityId: id,
      details: { workshopId: locked.id, promoted: promoted.map((p) => p.id) },
    });
    await emit(tx, outboxEvents, [
      registrationEvent('registration.cancelled', cancelled, locked),
      ...promoted.map((p) => registrationEvent('registration.promoted', p, locked)),
    ]);
    return cancelled;
  });
}

/** Registered participants (by id or check-in code) and walk-ins; the workshop becomes HELD. */
export async function recordAttendance(ctx: Context, data: RecordAttendanceInput): Promise<WorkshopRow> {
  const workshop = await requireWorkshop(ctx, data.workshopId, 'workshopId');
  const code = networkCodeOf(workshop);
  authorize(ctx.identity, 'recordAttendance', inNetwork(code), notYourNetwork(code));
  const ids = [...new Set(data.registrationIds ?? [])];
  const codes = [...new Set(data.checkInCodes ?? [])];
  const walkIns = data.walkIns ?? [];
  if (ids.length + codes.length + walkIns.length === 0)
    throw badUserInput('registrationIds', 'Campo "registrationIds": indique al menos un asistente.');
  walkIns.forEach((w, i) => {
    requireTerritoryId(w.territoryId, `walkIns.${i}.territoryId`);
  });
  return ctx.db.transaction(async (tx) => {
    const locked = await lockOrFail(tx, workshop.id);
    if (locked.status === 'CANCELLED') throw conflict('El taller fue cancelado: no se registra asistencia.');
    const found = await findAttendees(tx, locked.id, { ids, codes });
    const byId = new Map(found.map((r) => [r.id, r]));
    const byCode = new Map(found.map((r) => [r.checkInCode, r]));
    ids.forEach((id, i) => {
      requireSeat(byId.get(id), `registrationIds.${i}`, id);
    });
    codes.forEach((code, i) => {
      requireSeat(byCode.get(code), `checkInCodes.${i}`, code);
    });
    for (const [i, walkIn] of walkIns.entries()) {
      if (await findActiveDuplicate(tx, locked.id, walkIn)) {
        throw conflict(`walkIns.${i}: ${DUPLICATE} Marque su inscripción en lugar de registrarla de nuevo.`);
      }
    }
    const now = new Date();
    await markAttended(tx, ids, 'LIST', now);
    await markAttended(
      tx,
      codes.map((code) => byCode.get(code)!.id),
      'CHECK_IN_CODE',
      now,
    );
    for (const walkIn of walkIns) {
      await insertRegistration(tx, {
        workshopId: locked.id,
        status: 'REGISTERED',
        walkIn: true,
        ...characterizationOf(walkIn, locked),
        dataConsentAt: walkIn.dataConsent ? now : null,
        attendedAt: now,
        attendanceMethod: 'WALK_IN',
        createdBy: ctx.identity.sub,
      });
    }
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'attendance.recorded',
      entity: 'Workshop',
      entityId: locked.id,
      details: { listed: ids.length, checkedIn: codes.length, walkIns: walkIns.length },
    });
    return updateWorkshop(tx, locked.id, { status: 'HELD' });
  });
}

function requireSeat(registration: RegistrationRow | undefined, field: string, key: string): void {
  if (!registration)
    throw badUserInput(field, `Campo "${field}": ${key} no es una inscripción de este taller.`);
  if (registration.status !== 'REGISTERED') {
    throw badUserInput(
      field,
      `Campo "${field}": la inscripción ${key} no tiene cupo (está en lista de espera o cancelada).`,
    );
  }
}

export interface ErasureRequest {
  checkInCode?: string | null | undefined;
  /** Radicado of a documented habeas-data request: staff only, erases the whole person. */
  requestReference?: string | null | undefined;
}

/**
 * Habeas data. A check-in code proves one registration, so it erases that one only: the e-mail or
 * document stored with it is unverified and may be someone else's. Erasing a person everywhere in
 * the network takes staff of the network acting on a documented request (they verified who asks).
 */
export async function erase(ctx: Context, registrationId: string, request: ErasureRequest) {
  const registration = await requireRegistration(ctx, registrationId);
  const workshop = await requireWorkshop(ctx, registration.workshopId);
  const wholePerson = Boolean(request.requestReference);
  if (wholePerson) {
    authorize(
      ctx.identity,
      'eraseParticipantData.wholePerson',
      inNetwork(networkCodeOf(workshop)),
      'Solo el personal de la red del taller, atendiendo una solicitud documentada, borra todos los datos de una persona.',
    );
  }
  requireRegistrationHolder(ctx, 'eraseParticipantData', registration, workshop, request.checkInCode);
  return ctx.db.transaction(async (tx) => {
    const ids = wholePerson
      ? (await registrationsOfPersonInNetwork(tx, workshop.networkId, registration)).map((r) => r.id)
      : [registrationId];
    const erasedRegistrations = await eraseIdentity(tx, ids, comunaOf, new Date());
    // Erasure reaches the outbox too: its events carry the contact needed to deliver them.
    await tx.delete(outboxEvents).where(
      inArray(
        outboxEvents.aggregate,
        ids.map((id) => `registration:${id}`),
      ),
    );
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: wholePerson ? 'participant.erased' : 'registration.erased',
      entity: 'Registration',
      entityId: registrationId,
      details: {
        erasedRegistrations,
        ...(wholePerson ? { requestReference: request.requestReference, registrationIds: ids } : {}),
      },
    });
    return { erasedRegistrations };
  });
}
