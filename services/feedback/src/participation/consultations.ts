import { recordAudit } from '@participa/db';
import { requireNetwork } from '@participa/reference';
import { badUserInput, conflict, notFound, parseInput } from '@participa/subgraph-kit';
import type { Context } from '../context.ts';
import { auditEvents, type ConsultationRow } from '../db/schema.ts';
import { requireManager } from './access.ts';
import { insertConsultation, insertVote } from './data.ts';
import { periodStatus } from './domain.ts';
import { claimParticipation, issueCodes } from './one-per-person.ts';
import { createConsultationInput, issueConsultationCodesInput, voteInput } from './validation.ts';

export async function requireConsultation(
  ctx: Context,
  id: string,
  field = 'consultationId',
): Promise<ConsultationRow> {
  const row = await ctx.loaders.consultation.load(id);
  if (!row)
    throw field === 'id'
      ? notFound(`No existe la consulta ${id}.`)
      : badUserInput(field, `Campo "${field}": no existe la consulta ${id}.`);
  return row;
}

export async function createConsultation(ctx: Context, raw: unknown): Promise<ConsultationRow> {
  const input = parseInput(createConsultationInput, raw);
  const network = input.networkCode ? requireNetwork(input.networkCode) : null;
  requireManager(ctx.identity, network?.id ?? null);
  return ctx.db.transaction(async (tx) => {
    const row = await insertConsultation(tx, {
      networkId: network?.id ?? null,
      question: input.question,
      description: input.description ?? null,
      options: input.options,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      activityId: input.activityId ?? null,
      createdBy: ctx.identity.sub,
    });
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'consultation.created',
      entity: 'Consultation',
      entityId: row.id,
      details: { network: network?.code ?? null, options: row.options.length, activityId: row.activityId },
    });
    return row;
  });
}

export async function issueConsultationCodes(
  ctx: Context,
  args: { consultationId: string; quantity: number },
) {
  const input = parseInput(issueConsultationCodesInput, args);
  const consultation = await requireConsultation(ctx, input.consultationId);
  requireManager(ctx.identity, consultation.networkId);
  if (periodStatus(consultation, new Date()) === 'CLOSED')
    throw conflict('La consulta ya cerró: no se emiten más códigos.');
  return ctx.db.transaction(async (tx) => {
    const batch = await issueCodes(tx, consultation.id, input.quantity);
    await recordAudit(tx, auditEvents, {
      actor: ctx.identity.sub,
      action: 'consultation.codes_issued',
      entity: 'Consultation',
      entityId: consultation.id,
      details: { batchId: batch.batchId, quantity: input.quantity },
    });
    return batch;
  });
}

/** One vote per person; the vote keeps no identity. */
export async function vote(ctx: Context, raw: unknown) {
  const input = parseInput(voteInput, raw);
  const consultation = await requireConsultation(ctx, input.consultationId);
  const status = periodStatus(consultation, new Date());
  if (status !== 'OPEN')
    throw conflict(status === 'UPCOMING' ? 'La consulta todavía no está abierta.' : 'La consulta ya cerró.');
  if (input.option >= consultation.options.length)
    throw badUserInput(
      'option',
      `Campo "option": debe ser una posición de 0 a ${consultation.options.length - 1}.`,
    );
  await ctx.db.transaction(async (tx) => {
    await claimParticipation(tx, ctx, consultation.id, input.code, {
      repeated: 'Ya se registró un voto en esta consulta para esta persona',
      anonymous: 'Para votar inicie sesión o use el código de participación que le entregaron.',
    });
    await insertVote(tx, consultation.id, input.option);
  });
  return { consultation, votedAt: new Date() };
}
