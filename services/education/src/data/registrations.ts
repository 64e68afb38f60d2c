import { and, asc, count, eq, gt, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { EducationDb } from '../db/index.ts';
import { type RegistrationRow, registrations, workshops } from '../db/schema.ts';
import type { RegistrationStatus } from '../vocabulary.ts';

export function registrationsByIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select()
    .from(registrations)
    .where(inArray(registrations.id, [...ids]));
}

/** The waitlists of many workshops, in arrival order (for waitlist positions). */
export function waitlistsByWorkshopIds(db: EducationDb, ids: readonly string[]) {
  return db
    .select({ id: registrations.id, workshopId: registrations.workshopId })
    .from(registrations)
    .where(and(inArray(registrations.workshopId, [...ids]), eq(registrations.status, 'WAITLISTED')))
    .orderBy(asc(registrations.seq));
}

export async function countRegistered(tx: EducationDb, workshopId: string): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(registrations)
    .where(and(eq(registrations.workshopId, workshopId), eq(registrations.status, 'REGISTERED')));
  return row?.value ?? 0;
}

/** An active (not cancelled) registration of the same person: same document number or e-mail. */
export async function findActiveDuplicate(
  tx: EducationDb,
  workshopId: string,
  person: { documentNumber?: string | null; email?: string | null },
): Promise<RegistrationRow | null> {
  const same: SQL[] = [];
  if (person.documentNumber) same.push(eq(registrations.documentNumber, person.documentNumber));
  if (person.email) same.push(eq(registrations.email, person.email));
  if (same.length === 0) return null;
  const [row] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.workshopId, workshopId), ne(registrations.status, 'CANCELLED'), or(...same)))
    .limit(1);
  return row ?? null;
}

export async function insertRegistration(tx: EducationDb, values: typeof registrations.$inferInsert) {
  const [row] = await tx.insert(registrations).values(values).returning();
  if (!row) throw new Error('insert returned no registration');
  return row;
}

export async function setRegistrationStatus(
  tx: EducationDb,
  id: string,
  status: RegistrationStatus,
): Promise<RegistrationRow> {
  const [row] = await tx
    .update(registrations)
    .set({ status, cancelledAt: status === 'CANCELLED' ? new Date() : null })
    .where(eq(registrations.id, id))
    .returning();
  if (!row) throw new Error(`registration ${id} vanished`);
  return row;
}

/** Moves the first `howMany` waitlisted people (arrival order) to REGISTERED. */
export async function promoteFromWaitlist(tx: EducationDb, workshopId: string, howMany: number) {
  if (howMany <= 0) return [];
  const first = tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.workshopId, workshopId), eq(registrations.status, 'WAITLISTED')))
    .orderBy(asc(registrations.seq))
    .limit(howMany);
  return tx
    .update(registrations)
    .set({ status: 'REGISTERED' })
    .where(inArray(registrations.id, first))
    .returning();
}

export async function countWaitlisted(tx: EducationDb, workshopId: string): Promise<number> {
  const [row] = await tx
    .select({ value: count() })
    .from(registrations)
    .where(and(eq(registrations.workshopId, workshopId), eq(registrations.status, 'WAITLISTED')));
  return row?.value ?? 0;
}

/** Registrations of a workshop in arrival order; keyset on seq. */
export function findRegistrationsPage(
  db: EducationDb,
  workshopId: string,
  status: RegistrationStatus | null | undefined,
  afterSeq: number | null,
  limit: number,
) {
  const conditions = [eq(registrations.workshopId, workshopId)];
  if (status) conditions.push(eq(registrations.status, status));
  if (afterSeq !== null) conditions.push(gt(registrations.seq, afterSeq));
  return db
    .select()
    .from(registrations)
    .where(and(...conditions))
    .orderBy(asc(registrations.seq))
    .limit(limit);
}

export async function countRegistrations(
  db: EducationDb,
  workshopId: string,
  status: RegistrationStatus | null | undefined,
): Promise<number> {
  const conditions = [eq(registrations.workshopId, workshopId)];
  if (status) conditions.push(eq(registrations.status, status));
  const [row] = await db
    .select({ value: count() })
    .from(registrations)
    .where(and(...conditions));
  return row?.value ?? 0;
}

/** Registered participants of the workshop among these ids or check-in codes, not yet marked. */
export function findAttendees(
  tx: EducationDb,
  workshopId: string,
  by: { ids: readonly string[]; codes: readonly string[] },
) {
  return tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.workshopId, workshopId),
        or(
          by.ids.length ? inArray(registrations.id, [...by.ids]) : sql`false`,
          by.codes.length ? inArray(registrations.checkInCode, [...by.codes]) : sql`false`,
        ),
      ),
    );
}

export async function markAttended(
  tx: EducationDb,
  ids: readonly string[],
  method: 'LIST' | 'CHECK_IN_CODE',
  at: Date,
) {
  if (ids.length === 0) return;
  await tx
    .update(registrations)
    .set({ attendedAt: at, attendanceMethod: method })
    .where(and(inArray(registrations.id, [...ids]), isNull(registrations.attendedAt)));
}

/** Every registration of the same person (document or e-mail) in the workshops of a network. */
export function registrationsOfPersonInNetwork(
  tx: EducationDb,
  networkId: string,
  person: Pick<RegistrationRow, 'documentNumber' | 'email' | 'id'>,
) {
  const same: SQL[] = [eq(registrations.id, person.id)];
  if (person.documentNumber) same.push(eq(registrations.documentNumber, person.documentNumber));
  if (person.email) same.push(eq(registrations.email, person.email));
  const networkWorkshops = tx
    .select({ id: workshops.id })
    .from(workshops)
    .where(eq(workshops.networkId, networkId));
  return tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(inArray(registrations.workshopId, networkWorkshops), or(...same)));
}

/** Removes identity; the characterization (with the comuna rolled up) and the counts stay. */
export async function eraseIdentity(
  tx: EducationDb,
  ids: readonly string[],
  comunaOf: (territoryId: string | null) => string | null,
  at: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .select({ id: registrations.id, territoryId: registrations.territoryId })
    .from(registrations)
    .where(inArray(registrations.id, [...ids]));
  for (const row of rows) {
    await tx
      .update(registrations)
      .set({
        fullName: null,
        documentType: null,
        documentNumber: null,
        email: null,
        phone: null,
        userSub: null,
        birthYear: null,
        checkInCode: null,
        territoryId: comunaOf(row.territoryId),
        erasedAt: at,
      })
      .where(eq(registrations.id, row.id));
  }
  return rows.length;
}

/** Who still holds a seat or a waitlist place: the people a change of the workshop concerns. */
export function activeRegistrations(tx: EducationDb, workshopId: string): Promise<RegistrationRow[]> {
  return tx
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.workshopId, workshopId),
        inArray(registrations.status, ['REGISTERED', 'WAITLISTED']),
      ),
    )
    .orderBy(asc(registrations.seq));
}
