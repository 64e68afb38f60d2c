/** Pure rules of PQRS handling (unit-tested apart from the database). */
import { deadline, doubled, type Term } from '@participa/calendar';
import type { PqrsStatus, PqrsType, RiskLevel } from './db/schema.ts';

/** Terms of Ley 1755 de 2015 in business days; a felicitación has none. */
const BUSINESS_DAY_TERMS: Record<PqrsType, number | null> = {
  SOLICITUD_INFORMACION: 10,
  CONSULTA: 30,
  PETICION: 15,
  QUEJA: 15,
  RECLAMO: 15,
  SUGERENCIA: 15,
  DENUNCIA: 15,
  FELICITACION: null,
};

/** Health claims with a risk level (Supersalud): calendar hours from receipt. */
const RISK_HOURS: Record<RiskLevel, number> = { VITAL: 24, PRIORIZADO: 48, SIMPLE: 72 };

export function termFor(type: PqrsType, riskLevel: RiskLevel | null): Term | null {
  if (type === 'RECLAMO' && riskLevel) return { unit: 'HOURS', amount: RISK_HOURS[riskLevel] };
  const days = BUSINESS_DAY_TERMS[type];
  return days === null ? null : { unit: 'BUSINESS_DAYS', amount: days };
}

export function dueAtFor(type: PqrsType, riskLevel: RiskLevel | null, receivedAt: Date): Date | null {
  const term = termFor(type, riskLevel);
  return term ? deadline(receivedAt, term) : null;
}

/** The latest deadline an extension may set: twice the original term, from the original start. */
export function latestExtension(receivedAt: Date, term: Term): Date {
  return deadline(receivedAt, doubled(term));
}

export type ExtensionProblem = 'NO_DEADLINE' | 'EXPIRED' | 'NOT_LATER' | 'TOO_LATE';

/** Why an extension is refused, or null when it is allowed. */
export function extensionProblem(
  pqrs: { receivedAt: Date; dueAt: Date | null; term: Term | null },
  newDueAt: Date,
  now: Date,
): ExtensionProblem | null {
  if (!pqrs.dueAt || !pqrs.term) return 'NO_DEADLINE';
  if (now.getTime() >= pqrs.dueAt.getTime()) return 'EXPIRED';
  if (newDueAt.getTime() <= pqrs.dueAt.getTime()) return 'NOT_LATER';
  if (newDueAt.getTime() > latestExtension(pqrs.receivedAt, pqrs.term).getTime()) return 'TOO_LATE';
  return null;
}

/** A PQRS without a deadline cannot be late. */
export function answeredOnTime(answeredAt: Date, dueAt: Date | null): boolean {
  return dueAt === null || answeredAt.getTime() <= dueAt.getTime();
}

export function isOverdue(
  pqrs: { status: PqrsStatus; dueAt: Date | null; answeredAt: Date | null },
  now: Date,
): boolean {
  return (
    (pqrs.status === 'RECEIVED' || pqrs.status === 'IN_PROGRESS') &&
    pqrs.answeredAt === null &&
    pqrs.dueAt !== null &&
    pqrs.dueAt.getTime() < now.getTime()
  );
}

export type PqrsAction = 'ASSIGN' | 'EXTEND' | 'RESPOND' | 'CLOSE' | 'REOPEN' | 'TRANSFER' | 'RATE';

/** The lifecycle: RECEIVED → IN_PROGRESS → ANSWERED → CLOSED (→ reopened IN_PROGRESS); open ones may move. */
const ALLOWED_FROM: Record<PqrsAction, readonly PqrsStatus[]> = {
  ASSIGN: ['RECEIVED', 'IN_PROGRESS'],
  EXTEND: ['RECEIVED', 'IN_PROGRESS'],
  RESPOND: ['IN_PROGRESS'],
  CLOSE: ['ANSWERED'],
  REOPEN: ['CLOSED'],
  TRANSFER: ['RECEIVED', 'IN_PROGRESS'],
  RATE: ['ANSWERED', 'CLOSED'],
};

export function canApply(action: PqrsAction, status: PqrsStatus): boolean {
  return ALLOWED_FROM[action].includes(status);
}

const STATUS_NAMES: Record<PqrsStatus, string> = {
  RECEIVED: 'radicada',
  IN_PROGRESS: 'en trámite',
  ANSWERED: 'respondida',
  CLOSED: 'cerrada',
  TRANSFERRED: 'trasladada',
};

/** Spanish names of statuses for CONFLICT messages. */
export const statusName = (status: PqrsStatus) => STATUS_NAMES[status];

/** The radicado's number is zero-padded to this many digits (longer numbers are written whole). */
export const RADICADO_DIGITS = 6;

/** `CENTRO-2025-`: what every radicado of a network's year starts with. */
export const radicadoPrefix = (networkCode: string, year: number) => `${networkCode}-${year}-`;

/** `CENTRO-2025-000042`. Intake numbers batches in SQL by the same rule (`fileNewPqrs`). */
export function formatRadicado(networkCode: string, year: number, sequence: number): string {
  return `${radicadoPrefix(networkCode, year)}${String(sequence).padStart(RADICADO_DIGITS, '0')}`;
}

/** The term stored on a PQRS row. */
export function termOf(row: { termUnit: Term['unit'] | null; termAmount: number | null }): Term | null {
  return row.termUnit && row.termAmount ? { unit: row.termUnit, amount: row.termAmount } : null;
}
