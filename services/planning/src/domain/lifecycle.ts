/**
 * Lifecycle of an action plan: DRAFT → SUBMITTED → APPROVED → CLOSED, and SUBMITTED → DRAFT when a
 * submitted plan is returned with a reason. Any other move is illegal (a CONFLICT for the caller).
 */
export type PlanStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'CLOSED';
export type PlanAction = 'SUBMIT' | 'RETURN' | 'APPROVE' | 'CLOSE';

export const PLAN_STATUSES: readonly PlanStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'CLOSED'];
export const PLAN_ACTIONS: readonly PlanAction[] = ['SUBMIT', 'RETURN', 'APPROVE', 'CLOSE'];

const TRANSITIONS: Record<PlanAction, { from: PlanStatus; to: PlanStatus }> = {
  SUBMIT: { from: 'DRAFT', to: 'SUBMITTED' },
  RETURN: { from: 'SUBMITTED', to: 'DRAFT' },
  APPROVE: { from: 'SUBMITTED', to: 'APPROVED' },
  CLOSE: { from: 'APPROVED', to: 'CLOSED' },
};

const ACTION_NAMES: Record<PlanAction, string> = {
  SUBMIT: 'enviar',
  RETURN: 'devolver a borrador',
  APPROVE: 'aprobar',
  CLOSE: 'cerrar',
};

const STATUS_NAMES: Record<PlanStatus, string> = {
  DRAFT: 'en borrador',
  SUBMITTED: 'enviado',
  APPROVED: 'aprobado',
  CLOSED: 'cerrado',
};

export type TransitionResult = { ok: true; to: PlanStatus } | { ok: false; message: string };

/** The status after `action`, or the Spanish reason it is not allowed from `from`. */
export function transition(from: PlanStatus, action: PlanAction): TransitionResult {
  const rule = TRANSITIONS[action];
  if (rule.from === from) return { ok: true, to: rule.to };
  return {
    ok: false,
    message: `No se puede ${ACTION_NAMES[action]} un plan ${STATUS_NAMES[from]}; debe estar ${STATUS_NAMES[rule.from]}.`,
  };
}

/** Only plans in formulation change their content (objectives, activities, planned budget). */
export function isEditable(status: PlanStatus): boolean {
  return status === 'DRAFT';
}

/** Progress, evidence and budget execution are recorded while the approved plan runs. */
export function isExecuting(status: PlanStatus): boolean {
  return status === 'APPROVED';
}

export function statusName(status: PlanStatus): string {
  return STATUS_NAMES[status];
}
