import { type Identity, isStaffOf } from '@participa/auth';
import type { DomainEvent } from '@participa/outbox';
import { networkCodeOf } from './context.ts';
import type { RegistrationRow, WorkshopRow } from './db/schema.ts';

/**
 * What the notifications worker needs to tell a participant about their registration: the
 * workshop, and only their e-mail and account (never their document or characterization).
 */
export function registrationEvent(
  kind: 'registration.confirmed' | 'registration.waitlisted' | 'workshop.reminder',
  registration: Pick<RegistrationRow, 'id' | 'email'>,
  workshop: WorkshopRow,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    kind,
    aggregate: `registration:${registration.id}`,
    payload: {
      workshopTitle: workshop.title,
      startsAt: workshop.startsAt.toISOString(),
      venue: workshop.address ?? (workshop.modality === 'VIRTUAL' ? 'En línea' : null),
      contact: registration.email ? { email: registration.email } : null,
      ...extra,
    },
  };
}

/** The registrant's own account, unless staff registered them. */
export function selfRegistrant(identity: Identity, workshop: WorkshopRow): string | null {
  return isStaffOf(identity, networkCodeOf(workshop)) ? null : identity.sub;
}
