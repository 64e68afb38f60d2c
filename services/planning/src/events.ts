import type { DomainEvent } from '@participa/outbox';
import { networkById } from '@participa/reference';
import type { CommitmentActRow, CommitmentRow, PlanRow } from './db/schema.ts';

export type PlanEventKind = 'plan.submitted' | 'plan.returned' | 'plan.approved';

const codeOf = (networkId: string) => {
  const network = networkById(networkId);
  if (!network) throw new Error(`unknown network ${networkId}`);
  return network.code;
};

/** A plan's move: which network's plan of which year, and the reason when it was returned. */
export function planEvent(kind: PlanEventKind, plan: PlanRow): DomainEvent {
  return {
    kind,
    aggregate: `plan:${plan.id}`,
    payload: {
      planId: plan.id,
      networkCode: codeOf(plan.networkId),
      year: plan.year,
      title: plan.title,
      returnReason: kind === 'plan.returned' ? plan.returnReason : null,
    },
  };
}

/** A commitment reminder for the admins of every network that signed its act. */
export function commitmentEvent(
  kind: 'commitment.due' | 'commitment.overdue',
  commitment: CommitmentRow,
  act: CommitmentActRow,
): DomainEvent {
  return {
    kind,
    aggregate: `commitment:${commitment.id}`,
    payload: {
      description: commitment.description,
      dueDate: commitment.dueDate,
      actTitle: act.title,
      networkCodes: act.networkIds.map(codeOf),
    },
  };
}
