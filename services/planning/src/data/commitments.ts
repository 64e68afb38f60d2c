import { and, arrayOverlaps, asc, count, desc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { PlanningDb } from '../db/index.ts';
import { type CommitmentRow, commitmentActs, commitments, followUps, signatories } from '../db/schema.ts';

export async function actsByIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(commitmentActs)
    .where(inArray(commitmentActs.id, [...ids]));
}

export async function findActs(db: PlanningDb, networkId?: string) {
  return db
    .select()
    .from(commitmentActs)
    .where(actsOfNetwork(networkId))
    .orderBy(desc(commitmentActs.date), asc(commitmentActs.id));
}

const actsOfNetwork = (networkId?: string) =>
  networkId ? arrayOverlaps(commitmentActs.networkIds, [networkId]) : undefined;

/** A page of acts, newest first (date, then id: a unique key for the cursor). */
export async function findActsPage(
  db: PlanningDb,
  networkId: string | undefined,
  after: { date: string; id: string } | null,
  limit: number,
) {
  const later = after
    ? (or(
        lt(commitmentActs.date, after.date),
        and(eq(commitmentActs.date, after.date), gt(commitmentActs.id, after.id)),
      ) as SQL)
    : undefined;
  return db
    .select()
    .from(commitmentActs)
    .where(and(actsOfNetwork(networkId), later))
    .orderBy(desc(commitmentActs.date), asc(commitmentActs.id))
    .limit(limit);
}

export async function countActs(db: PlanningDb, networkId?: string): Promise<number> {
  const [row] = await db.select({ value: count() }).from(commitmentActs).where(actsOfNetwork(networkId));
  return row?.value ?? 0;
}

export async function signatoriesByActIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(signatories)
    .where(inArray(signatories.actId, [...ids]))
    .orderBy(asc(signatories.position));
}

export async function commitmentsByActIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(commitments)
    .where(inArray(commitments.actId, [...ids]))
    .orderBy(asc(commitments.position));
}

export async function commitmentsByIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(commitments)
    .where(inArray(commitments.id, [...ids]));
}

export async function commitmentsByOrganizationIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(commitments)
    .where(inArray(commitments.responsibleOrganizationId, [...ids]))
    .orderBy(asc(commitments.dueDate), asc(commitments.id));
}

export async function allCommitments(db: PlanningDb) {
  return db.select().from(commitments).orderBy(asc(commitments.dueDate), asc(commitments.id));
}

export async function followUpsByCommitmentIds(db: PlanningDb, ids: readonly string[]) {
  return db
    .select()
    .from(followUps)
    .where(inArray(followUps.commitmentId, [...ids]))
    .orderBy(asc(followUps.recordedAt), asc(followUps.id));
}

export interface NewAct {
  act: typeof commitmentActs.$inferInsert;
  commitments: Omit<typeof commitments.$inferInsert, 'actId' | 'position'>[];
  signatories: Omit<typeof signatories.$inferInsert, 'actId' | 'position'>[];
}

export async function insertAct(db: PlanningDb, input: NewAct) {
  const [act] = await db.insert(commitmentActs).values(input.act).returning();
  await db
    .insert(commitments)
    .values(input.commitments.map((c, i) => ({ ...c, actId: act!.id, position: i + 1 })));
  if (input.signatories.length > 0) {
    await db
      .insert(signatories)
      .values(input.signatories.map((s, i) => ({ ...s, actId: act!.id, position: i + 1 })));
  }
  return act!;
}

export async function recordFollowUp(
  db: PlanningDb,
  values: typeof followUps.$inferInsert,
): Promise<CommitmentRow> {
  await db.insert(followUps).values(values);
  const [row] = await db
    .update(commitments)
    .set({ status: values.status })
    .where(eq(commitments.id, values.commitmentId))
    .returning();
  return row!;
}
