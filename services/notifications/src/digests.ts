import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { NotificationsDb } from './db/index.ts';
import { deliveries } from './db/schema.ts';
import { digestMessage } from './templates.ts';

/**
 * Gathers each recipient's HELD messages of a digest mode into one e-mail and marks them DIGESTED,
 * in one transaction: a second run (two workers, a retried job) finds nothing left to gather.
 * Returns the ids of the digest deliveries to send.
 */
export async function composeDigests(db: NotificationsDb, mode: 'DAILY' | 'WEEKLY'): Promise<string[]> {
  return db.transaction(async (tx) => {
    const held = await tx
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.status, 'HELD'), eq(deliveries.digest, mode)))
      .orderBy(deliveries.createdAt)
      .for('update', { skipLocked: true });
    const byRecipient = new Map<string, typeof held>();
    for (const row of held) {
      const key = `${row.recipient}|${row.address}`;
      byRecipient.set(key, [...(byRecipient.get(key) ?? []), row]);
    }
    const created: string[] = [];
    for (const rows of byRecipient.values()) {
      const first = rows[0]!;
      const message = digestMessage(
        mode,
        rows.map((r) => ({ title: r.subject, text: r.text })),
      );
      const [digest] = await tx
        .insert(deliveries)
        .values({
          eventId: randomUUID(),
          recipient: first.recipient,
          channel: 'EMAIL',
          address: first.address,
          kind: 'digest',
          subject: message.title,
          text: message.text,
          html: message.html,
        })
        .returning({ id: deliveries.id });
      created.push(digest!.id);
    }
    if (held.length)
      await tx
        .update(deliveries)
        .set({ status: 'DIGESTED', address: null, sentAt: new Date() })
        .where(
          inArray(
            deliveries.id,
            held.map((r) => r.id),
          ),
        );
    return created;
  });
}
