import { eq } from 'drizzle-orm';
import type { NotificationsDb } from './db/index.ts';
import { type DigestMode, optOuts, personSettings } from './db/schema.ts';
import { sealer } from './sealing.ts';

/** A signed-in person's e-mail is personal data: sealed at rest, bound to their `sub`. */
export const openPersonEmail = (sub: string, sealed: string) =>
  sealer.unseal<string>(sealed, `person:${sub}`);

export interface PersonSettings {
  email: string | null;
  digest: DigestMode;
  mutedKinds: string[];
}

export async function readPersonSettings(db: NotificationsDb, sub: string): Promise<PersonSettings> {
  const [row] = await db.select().from(personSettings).where(eq(personSettings.sub, sub));
  const muted = await db
    .select({ kind: optOuts.kind })
    .from(optOuts)
    .where(eq(optOuts.recipient, `user:${sub}`))
    .orderBy(optOuts.kind);
  return {
    email: row?.email ? openPersonEmail(sub, row.email) : null,
    digest: row?.digest ?? 'IMMEDIATE',
    mutedKinds: muted.map((m) => m.kind),
  };
}

/** Replaces the person's settings in one transaction (fields left undefined keep their value). */
export async function writePersonSettings(
  db: NotificationsDb,
  sub: string,
  change: { email?: string | null; digest?: DigestMode; mutedKinds?: string[] },
): Promise<PersonSettings> {
  await db.transaction(async (tx) => {
    const values = {
      ...(change.email !== undefined && {
        email: change.email === null ? null : sealer.seal(change.email, `person:${sub}`),
      }),
      ...(change.digest && { digest: change.digest }),
      updatedAt: new Date(),
    };
    await tx
      .insert(personSettings)
      .values({ sub, ...values })
      .onConflictDoUpdate({
        target: personSettings.sub,
        set: values,
      });
    if (change.mutedKinds) {
      const recipient = `user:${sub}`;
      await tx.delete(optOuts).where(eq(optOuts.recipient, recipient));
      if (change.mutedKinds.length)
        await tx
          .insert(optOuts)
          .values(change.mutedKinds.map((kind) => ({ recipient, kind, channel: 'EMAIL' as const })));
    }
  });
  return readPersonSettings(db, sub);
}
