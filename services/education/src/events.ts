import { type Identity, isStaffOf } from '@participa/auth';
import type { DomainEvent } from '@participa/outbox';
import { networkCodeOf } from './context.ts';
import type { RegistrationRow, WorkshopRow } from './db/schema.ts';

/**
 * What the notifications worker needs to tell a participant about their registration: the
 * workshop, and only their e-mail and account (never their document or characterization).
 */
export function registrationEvent(
  kind:
    | 'registration.confirmed'
    | 'registration.waitlisted'
    | 'registration.promoted'
    | 'registration.cancelled'
    | 'workshop.reminder'
    | 'workshop.rescheduled'
    | 'workshop.cancelled',
  registration: Pick<RegistrationRow, 'id' | 'email' | 'userSub'>,
  workshop: WorkshopRow,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    kind,
    aggregate: `registration:${registration.id}`,
    payload: {
      ...workshopFacts(workshop),
      contact: registration.email ? { email: registration.email } : null,
      userSub: registration.userSub,
      ...extra,
    },
  };
}

/** What any message about a workshop shows: title, date, place and network (no participant). */
function workshopFacts(workshop: WorkshopRow) {
  return {
    workshopTitle: workshop.title,
    startsAt: workshop.startsAt.toISOString(),
    venue: workshop.address ?? (workshop.modality === 'VIRTUAL' ? 'En línea' : null),
    networkCode: networkCodeOf(workshop),
  };
}

/**
 * The staff side of a workshop change, for the network's staff inbox: aggregate `workshop:<id>`
 * (the notifications router tells it from the participants' `registration:<id>` events by that).
 */
export function workshopEvent(
  kind: 'workshop.scheduled' | 'workshop.rescheduled' | 'workshop.cancelled',
  workshop: WorkshopRow,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return { kind, aggregate: `workshop:${workshop.id}`, payload: { ...workshopFacts(workshop), ...extra } };
}

/** The registrant's own account, unless staff registered them. */
export function selfRegistrant(identity: Identity, workshop: WorkshopRow): string | null {
  return isStaffOf(identity, networkCodeOf(workshop)) ? null : identity.sub;
}
