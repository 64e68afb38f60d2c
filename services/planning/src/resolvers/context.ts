import type { Identity } from '@participa/auth';
import { recordAudit } from '@participa/db';
import { networkById } from '@participa/reference';
import {
  authorize,
  badUserInput,
  conflict,
  inNetwork,
  may,
  notFound,
  notYourNetwork,
  type Operation,
  requireSignedIn,
  type ServiceContext,
} from '@participa/subgraph-kit';
import type { PlanningDb, schema } from '../db/index.ts';
import { auditEvents, type PlanRow } from '../db/schema.ts';
import { isEditable, isExecuting, statusName } from '../domain/lifecycle.ts';
import type { Loaders } from '../loaders.ts';

export type Context = ServiceContext<typeof schema, Loaders>;

export function networkCodeOf(networkId: string): string {
  const network = networkById(networkId);
  if (!network) throw new Error(`unknown network id ${networkId}`);
  return network.code;
}

/** Staff of the plan's network and the secretariat see every plan; everyone else, all but drafts. */
export function canSeePlan(identity: Identity, plan: PlanRow): boolean {
  if (plan.status !== 'DRAFT') return true;
  return may(identity, 'ActionPlan.draft', inNetwork(networkCodeOf(plan.networkId)));
}

export function canSeeInternals(identity: Identity, networkId: string): boolean {
  return may(identity, 'ActionPlan.internals', inNetwork(networkCodeOf(networkId)));
}

/**
 * A plan the caller may see, for a mutation; an invisible draft is reported as missing, not as
 * forbidden. Anonymous callers never write, so they are told to sign in first (UNAUTHENTICATED).
 */
export async function requirePlan(ctx: Context, id: string, field = 'id'): Promise<PlanRow> {
  requireSignedIn(ctx.identity);
  const plan = await ctx.loaders.plan.load(id);
  if (!plan || !canSeePlan(ctx.identity, plan)) {
    throw field === 'id'
      ? notFound(`No existe el plan de acción ${id}.`)
      : badUserInput(field, `Campo "${field}": no existe el plan de acción ${id}.`);
  }
  return plan;
}

/** A plan is its network's operational record: written by that network's staff (see the policy). */
export function requirePlanWriter(ctx: Context, plan: PlanRow, operation: Operation): void {
  const code = networkCodeOf(plan.networkId);
  authorize(ctx.identity, operation, inNetwork(code), notYourNetwork(code));
}

export function ensureEditable(plan: PlanRow | null): PlanRow {
  if (!plan) throw notFound('El plan de acción ya no existe.');
  if (!isEditable(plan.status)) {
    throw conflict(
      `El plan de acción está ${statusName(plan.status)}: solo se modifican planes en borrador.`,
    );
  }
  return plan;
}

export function ensureExecuting(plan: PlanRow | null): PlanRow {
  if (!plan) throw notFound('El plan de acción ya no existe.');
  if (!isExecuting(plan.status)) {
    throw conflict(
      `El plan de acción está ${statusName(plan.status)}: la ejecución se registra solo en planes aprobados.`,
    );
  }
  return plan;
}

export function audit(
  tx: PlanningDb,
  ctx: Context,
  action: string,
  entity: string,
  entityId: string,
  details?: Record<string, unknown>,
) {
  return recordAudit(tx, auditEvents, { actor: ctx.identity.sub, action, entity, entityId, details });
}
