import { createHash, randomUUID } from 'node:crypto';
import { badUserInput, conflict, unauthenticated } from '@participa/subgraph-kit';
import type { Context } from '../context.ts';
import type { FeedbackDb } from '../db/index.ts';
import { hashTrackingCode, newTrackingCode } from '../secrets.ts';
import { insertCodes, recordParticipation, spendCode } from './data.ts';

/**
 * One answer per person, for surveys and consultations alike. A person proves they have not
 * answered yet with a single-use code (handed out on paper, QR or SMS) or with their signed-in
 * account. Both checks run inside the answer's transaction and are decided by the database (a
 * row lock for codes, a primary key for accounts), so simultaneous attempts yield one answer.
 */

export interface Refusals {
  /** The person already answered or voted. */
  repeated: string;
  /** Nobody to count: neither a code nor an account. */
  anonymous: string;
}

/** The participation key of an account: a hash, so the table does not list user ids. */
const accountKey = (sub: string) => `account:${createHash('sha256').update(sub).digest('hex')}`;

export async function claimParticipation(
  tx: FeedbackDb,
  ctx: Context,
  subjectId: string,
  code: string | null | undefined,
  refusals: Refusals,
): Promise<void> {
  if (code) {
    const outcome = await spendCode(tx, subjectId, hashTrackingCode(code));
    if (outcome === 'used') throw conflict(`${refusals.repeated} (el código ya fue usado).`);
    if (outcome === 'unknown')
      throw badUserInput('code', 'Campo "code": el código no es válido para esta participación.');
    return;
  }
  if (!ctx.identity.sub) throw unauthenticated(refusals.anonymous);
  if (!(await recordParticipation(tx, subjectId, accountKey(ctx.identity.sub))))
    throw conflict(`${refusals.repeated}.`);
}

export interface CodeBatch {
  batchId: string;
  codes: string[];
  issuedAt: Date;
}

/** A batch of new codes: returned once, stored only as hashes. */
export async function issueCodes(tx: FeedbackDb, subjectId: string, quantity: number): Promise<CodeBatch> {
  const batchId = randomUUID();
  const codes = Array.from({ length: quantity }, newTrackingCode);
  await insertCodes(tx, subjectId, batchId, codes.map(hashTrackingCode));
  return { batchId, codes, issuedAt: new Date() };
}
