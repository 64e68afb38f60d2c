import { randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { NotificationsDb } from './db/index.ts';
import { type ContactPointRow, contactPoints, type DigestMode } from './db/schema.ts';
import { sealer } from './sealing.ts';

/** Webhook keys are secrets: sealed at rest, bound to their contact point. */
export const openWebhookSecret = (point: Pick<ContactPointRow, 'id' | 'secret'>) =>
  point.secret ? sealer.unseal<string>(point.secret, `contact:${point.id}`) : undefined;

export interface ContactPointInput {
  networkCode: string;
  role: string;
  channel: 'EMAIL' | 'WEBHOOK';
  address: string;
  kinds: string[];
  digest: DigestMode;
}

export function listContactPoints(db: NotificationsDb, networkCode: string) {
  return db
    .select()
    .from(contactPoints)
    .where(eq(contactPoints.networkCode, networkCode))
    .orderBy(asc(contactPoints.role), asc(contactPoints.channel), asc(contactPoints.address));
}

export async function findContactPoint(db: NotificationsDb, id: string) {
  const [row] = await db.select().from(contactPoints).where(eq(contactPoints.id, id));
  return row;
}

/** Creates the contact point; a webhook gets a new HMAC key, returned here and never again. */
export async function insertContactPoint(db: NotificationsDb, input: ContactPointInput, createdBy: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contactPoints)
      .values({ ...input, createdBy })
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    if (input.channel !== 'WEBHOOK') return { contactPoint: row, webhookSecret: null };
    const secret = randomBytes(32).toString('base64url');
    const [sealed] = await tx
      .update(contactPoints)
      .set({ secret: sealer.seal(secret, `contact:${row.id}`) })
      .where(eq(contactPoints.id, row.id))
      .returning();
    return { contactPoint: sealed!, webhookSecret: secret };
  });
}

export async function updateContactPoint(
  db: NotificationsDb,
  id: string,
  change: Partial<Pick<ContactPointInput, 'kinds' | 'digest'>>,
) {
  const [row] = await db
    .update(contactPoints)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(contactPoints.id, id))
    .returning();
  return row;
}

export async function deleteContactPoint(db: NotificationsDb, id: string) {
  const rows = await db
    .delete(contactPoints)
    .where(and(eq(contactPoints.id, id)))
    .returning();
  return rows.length > 0;
}
