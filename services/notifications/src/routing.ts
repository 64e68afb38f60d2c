import type { PublishedEvent } from '@participa/outbox';
import { roleInbox, SECRETARIAT_INBOX, userInbox } from './inboxes.ts';
import {
  type CommitmentReminder,
  commitmentDue,
  commitmentOverdue,
  type Message,
  type PlanEvent,
  type PqrsAssigned,
  type PqrsOverdueDigest,
  type PqrsReceived,
  type PqrsTransferred,
  planApproved,
  planReturned,
  planSubmitted,
  pqrsAnswered,
  pqrsAssigned,
  pqrsDueSoon,
  pqrsDueToday,
  pqrsExtended,
  pqrsOverdueDigest,
  pqrsReceiptForPetitioner,
  pqrsReceivedForStaff,
  pqrsTransferred,
  pqrsTransferredForStaff,
  type RegistrationConfirmed,
  registrationCancelled,
  registrationConfirmed,
  registrationPromoted,
  registrationWaitlisted,
  type WorkshopChange,
  type WorkshopFacts,
  workshopCancelled,
  workshopCancelledForStaff,
  workshopReminder,
  workshopRescheduled,
  workshopRescheduledForStaff,
  workshopScheduledForStaff,
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

/**
 * A workshop change reaches each participant through an event of their registration
 * (`registration:<id>`) and the network's staff through one of the workshop (`workshop:<id>`).
 */
function workshopChange(
  event: PublishedEvent,
  forParticipant: (p: WorkshopChange) => Message,
  forStaff: (p: WorkshopChange) => Message,
  routed: Routed,
) {
  const p = payloadOf<WorkshopChange>(event);
  if (event.aggregate.startsWith('workshop:'))
    routed.inApp.push({ inbox: roleInbox(p.networkCode, 'ese_staff'), message: forStaff(p) });
  else toPerson(`participant:${event.aggregate}`, p, forParticipant(p), routed);
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
    case 'registration.promoted': {
      const p = payloadOf<RegistrationConfirmed>(event);
      toPerson(`participant:${event.aggregate}`, p, registrationPromoted(p), routed);
      break;
    }
    case 'registration.cancelled': {
      const p = payloadOf<RegistrationConfirmed>(event);
      toPerson(`participant:${event.aggregate}`, p, registrationCancelled(p), routed);
      break;
    }
    case 'workshop.scheduled': {
      const p = payloadOf<WorkshopFacts & { capacity: number }>(event);
      routed.inApp.push({
        inbox: roleInbox(p.networkCode, 'ese_staff'),
        message: workshopScheduledForStaff(p),
      });
      break;
    }
    case 'workshop.rescheduled':
      workshopChange(event, workshopRescheduled, workshopRescheduledForStaff, routed);
      break;
    case 'workshop.cancelled':
      workshopChange(event, workshopCancelled, workshopCancelledForStaff, routed);
      break;
    case 'pqrs.assigned': {
      const p = payloadOf<PqrsAssigned>(event);
      // Assigned to an area only: the network's staff see it.
      const inbox = p.assignee ? userInbox(p.assignee) : roleInbox(p.networkCode, 'ese_staff');
      routed.inApp.push({ inbox, message: pqrsAssigned(p) });
      break;
    }
    case 'pqrs.answered': {
      const p = payloadOf<PqrsReceived>(event);
      toPerson(`petitioner:${event.aggregate}`, p, pqrsAnswered(p), routed);
      break;
    }
    case 'pqrs.transferred': {
      const p = payloadOf<PqrsTransferred>(event);
      toPerson(`petitioner:${event.aggregate}`, p, pqrsTransferred(p), routed);
      if (p.toNetworkCode)
        routed.inApp.push({
          inbox: roleInbox(p.toNetworkCode, 'ese_staff'),
          message: pqrsTransferredForStaff(p),
        });
      break;
    }
    case 'pqrs.extended': {
      const p = payloadOf<PqrsReceived & { previousDueAt: string | null }>(event);
      toPerson(`petitioner:${event.aggregate}`, p, pqrsExtended(p), routed);
      break;
    }
    case 'pqrs.due_soon':
    case 'pqrs.due_today': {
      const p = payloadOf<PqrsReceived & { assignee: string | null }>(event);
      const message = event.kind === 'pqrs.due_soon' ? pqrsDueSoon(p) : pqrsDueToday(p);
      // The person in charge, else whoever handles the network's PQRS.
      const inbox = p.assignee ? userInbox(p.assignee) : roleInbox(p.networkCode, 'ese_staff');
      routed.inApp.push({ inbox, message });
      break;
    }
    case 'pqrs.overdue_digest': {
      const p = payloadOf<PqrsOverdueDigest>(event);
      routed.inApp.push({ inbox: roleInbox(p.networkCode, 'ese_admin'), message: pqrsOverdueDigest(p) });
      break;
    }
    case 'plan.submitted': {
      const p = payloadOf<PlanEvent>(event);
      routed.inApp.push({ inbox: SECRETARIAT_INBOX, message: planSubmitted(p) });
      break;
    }
    case 'plan.returned':
    case 'plan.approved': {
      const p = payloadOf<PlanEvent>(event);
      const message = event.kind === 'plan.returned' ? planReturned(p) : planApproved(p);
      routed.inApp.push({ inbox: roleInbox(p.networkCode, 'ese_admin'), message });
      break;
    }
    case 'commitment.due':
    case 'commitment.overdue': {
      const p = payloadOf<CommitmentReminder>(event);
      const message = event.kind === 'commitment.due' ? commitmentDue(p) : commitmentOverdue(p);
      // An act may bind several networks: each one's admins follow it up.
      for (const code of p.networkCodes) routed.inApp.push({ inbox: roleInbox(code, 'ese_admin'), message });
      break;
    }
  }
  return routed;
}
