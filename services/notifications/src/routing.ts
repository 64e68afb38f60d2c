import type { PublishedEvent } from '@participa/outbox';
import { roleInbox, userInbox } from './inboxes.ts';
import {
  type Message,
  type PqrsReceived,
  pqrsReceiptForPetitioner,
  pqrsReceivedForStaff,
  type RegistrationConfirmed,
  registrationConfirmed,
  registrationWaitlisted,
  workshopReminder,
} from './templates.ts';

/**
 * The minimum contact a producer puts in an event to reach someone without an account: an
 * e-mail address, nothing else (never a document number).
 */
export interface EventContact {
  email?: string | null;
}

export interface Routed {
  inApp: { inbox: string; message: Message }[];
  outbound: { recipient: string; channel: 'EMAIL'; address: string; message: Message }[];
}

type Payload<T> = T & { contact?: EventContact | null; userSub?: string | null };

// Producers and this worker agree on payloads by kind (the producers' emit calls).
const payloadOf = <T>(event: PublishedEvent) => event.payload as unknown as Payload<T>;

/** The person behind an event: their inbox if signed in, their e-mail if they gave one. */
function toPerson(recipient: string, payload: Payload<unknown>, message: Message, routed: Routed) {
  if (payload.userSub) routed.inApp.push({ inbox: userInbox(payload.userSub), message });
  const email = payload.contact?.email;
  if (email) routed.outbound.push({ recipient, channel: 'EMAIL', address: email, message });
}

/** Who hears of an event and what each reads. Unknown kinds reach nobody. */
export function route(event: PublishedEvent): Routed {
  const routed: Routed = { inApp: [], outbound: [] };
  switch (event.kind) {
    case 'pqrs.received': {
      const p = payloadOf<PqrsReceived>(event);
      routed.inApp.push({ inbox: roleInbox(p.networkCode, 'ese_staff'), message: pqrsReceivedForStaff(p) });
      toPerson(`petitioner:${event.aggregate}`, p, pqrsReceiptForPetitioner(p), routed);
      break;
    }
    case 'registration.confirmed': {
      const p = payloadOf<RegistrationConfirmed>(event);
      toPerson(`participant:${event.aggregate}`, p, registrationConfirmed(p), routed);
      break;
    }
    case 'registration.waitlisted': {
      const p = payloadOf<RegistrationConfirmed>(event);
      toPerson(`participant:${event.aggregate}`, p, registrationWaitlisted(p), routed);
      break;
    }
    case 'workshop.reminder': {
      const p = payloadOf<RegistrationConfirmed & { hoursBefore: number }>(event);
      toPerson(`participant:${event.aggregate}`, p, workshopReminder(p), routed);
      break;
    }
  }
  return routed;
}
