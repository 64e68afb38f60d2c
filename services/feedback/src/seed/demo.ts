import { addCalendarDays, bogotaDay } from '@participa/calendar';
import {
  DEMO_FACILITIES,
  demoFacilityId,
  REFERENCE_NETWORKS,
  REFERENCE_TERRITORIES,
} from '@participa/reference';
import { eq, sql } from 'drizzle-orm';
import type { FeedbackDb } from '../db/index.ts';
import { type PqrsInsert, type PqrsType, pqrs, pqrsEvents, radicadoCounters } from '../db/schema.ts';
import { answeredOnTime, dueAtFor, formatRadicado, termFor } from '../domain.ts';
import { hashTrackingCode, seal } from '../secrets.ts';
import { seedParticipation } from './participation.ts';
import { PETITIONER_NAMES, SUBJECTS } from './samples.ts';

export const SEED_AUTHOR = 'seed';
const COUNT = 360;
const DAY_MS = 86_400_000;

/** mulberry32: the same demo data on every machine for the same start day. */
function prng(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted<T>(random: () => number, entries: [T, number][]): T {
  let pick = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    pick -= weight;
    if (pick <= 0) return value;
  }
  return entries[0]![0];
}

const TYPES: [PqrsType, number][] = [
  ['PETICION', 22],
  ['QUEJA', 20],
  ['RECLAMO', 24],
  ['SUGERENCIA', 10],
  ['FELICITACION', 8],
  ['SOLICITUD_INFORMACION', 10],
  ['CONSULTA', 3],
  ['DENUNCIA', 3],
];
const CHANNELS: [PqrsInsert['channel'], number][] = [
  ['WEB', 30],
  ['PRESENCIAL', 25],
  ['TELEFONICO', 15],
  ['BUZON', 15],
  ['EMAIL', 10],
  ['REDES_SOCIALES', 5],
];
const AREAS = ['SIAU', 'Consulta externa', 'Urgencias', 'Farmacia', 'Laboratorio clínico', 'Facturación'];

/** A demo PQRS's answer time: most in term, some late, the recent ones still open. */
function lifecycle(
  random: () => number,
  row: PqrsInsert,
  now: Date,
  events: (typeof pqrsEvents.$inferInsert)[],
) {
  const received = row.receivedAt as Date;
  const area = AREAS[Math.floor(random() * AREAS.length)]!;
  const assignedAt = new Date(received.getTime() + (0.2 + random()) * DAY_MS);
  if (assignedAt > now || random() < 0.06) return;
  Object.assign(row, { status: 'IN_PROGRESS', assignedArea: area });
  events.push({
    pqrsId: row.id!,
    kind: 'ASSIGNED',
    actor: SEED_AUTHOR,
    actorName: `Equipo ${area}`,
    at: assignedAt,
  });
  const termMs = (row.dueAt as Date | null)?.getTime() ?? received.getTime() + 15 * DAY_MS;
  const late = random() < 0.14;
  const answeredAt = new Date(
    late
      ? termMs + (1 + random() * 10) * DAY_MS
      : assignedAt.getTime() + random() * (termMs - assignedAt.getTime()),
  );
  if (answeredAt > now) return;
  Object.assign(row, {
    status: 'ANSWERED',
    response:
      'Cordial saludo. Atendimos su solicitud con el área responsable y le informamos las acciones adelantadas.',
    answeredAt,
    answeredOnTime: answeredOnTime(answeredAt, row.dueAt as Date | null),
  });
  events.push({
    pqrsId: row.id!,
    kind: 'ANSWERED',
    actor: SEED_AUTHOR,
    actorName: `Equipo ${area}`,
    at: answeredAt,
  });
  if (random() < 0.55) {
    const ratedAt = new Date(Math.min(now.getTime(), answeredAt.getTime() + 2 * DAY_MS));
    const score = weighted(random, [
      [5, 30],
      [4, 30],
      [3, 18],
      [2, 12],
      [1, 10],
    ] as [number, number][]);
    Object.assign(row, { ratingScore: score, ratedAt });
    events.push({ pqrsId: row.id!, kind: 'RATED', details: { score }, at: ratedAt });
  }
  const closedAt = new Date(answeredAt.getTime() + 5 * DAY_MS);
  if (closedAt < now && random() < 0.7) {
    Object.assign(row, { status: 'CLOSED', closedAt });
    events.push({ pqrsId: row.id!, kind: 'CLOSED', actor: SEED_AUTHOR, actorName: 'SIAU', at: closedAt });
  }
}

/** A few hundred PQRS of the last twelve months across the five networks, generated from a fixed seed. */
export function demoPqrs(now: Date) {
  const random = prng(2063);
  const start = new Date(now.getTime() - 365 * DAY_MS);
  const rows: PqrsInsert[] = [];
  const events: (typeof pqrsEvents.$inferInsert)[] = [];
  const drafts = Array.from({ length: COUNT }, () => ({
    network: REFERENCE_NETWORKS[Math.floor(random() * REFERENCE_NETWORKS.length)]!,
    // Office hours in Bogotá (UTC-5): 12:00–23:00 UTC.
    receivedAt: new Date(
      Date.parse(`${addCalendarDays(bogotaDay(start), Math.floor(random() * 365))}T12:00:00Z`) +
        Math.floor(random() * 11 * 3_600_000),
    ),
  }))
    .filter((draft) => draft.receivedAt < now)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const counters = new Map<string, { networkId: string; year: number; last: number }>();
  for (const [i, { network, receivedAt }] of drafts.entries()) {
    const year = Number(bogotaDay(receivedAt).slice(0, 4));
    const counter = counters.get(`${network.id}:${year}`) ?? { networkId: network.id, year, last: 0 };
    counter.last += 1;
    counters.set(`${network.id}:${year}`, counter);
    const type = weighted(random, TYPES);
    const riskLevel =
      type === 'RECLAMO' && random() < 0.4
        ? weighted(random, [
            ['SIMPLE', 6],
            ['PRIORIZADO', 3],
            ['VITAL', 1],
          ] as const satisfies [string, number][])
        : null;
    const [subject, description] = SUBJECTS[type][Math.floor(random() * SUBJECTS[type].length)]!;
    const territories = REFERENCE_TERRITORIES.filter((t) => t.networkCode === network.code && !t.parentCode);
    const channel = weighted(random, CHANNELS);
    // Filed in person or in a facility's suggestion box, a PQRS is about that facility; by other
    // channels citizens name one now and then. Stable ids: territory seeds the same facilities.
    const facilities = DEMO_FACILITIES.filter((f) => f.network === network.code);
    const atFacility = channel === 'PRESENCIAL' || channel === 'BUZON' || random() < 0.3;
    const facility = atFacility ? facilities[Math.floor(random() * facilities.length)] : undefined;
    const id = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    const anonymous = random() < 0.15;
    const term = termFor(type, riskLevel);
    const dueAt = dueAtFor(type, riskLevel, receivedAt);
    const row: PqrsInsert = {
      id,
      radicado: formatRadicado(network.code, year, counter.last),
      networkId: network.id,
      type,
      channel,
      subject,
      description,
      facilityId: facility ? demoFacilityId(facility.name) : null,
      territoryId: territories[Math.floor(random() * territories.length)]?.id ?? null,
      riskLevel,
      anonymous,
      petitionerSealed: anonymous
        ? null
        : seal(
            {
              fullName: PETITIONER_NAMES[i % PETITIONER_NAMES.length],
              documentType: 'CC',
              preferredChannel: 'EMAIL',
            },
            id,
          ),
      // Nobody holds the code of a demo PQRS: a hash of nothing the code alphabet can produce.
      trackingHash: hashTrackingCode(`demo-${id}`),
      receivedAt,
      termUnit: term?.unit ?? null,
      termAmount: term?.amount ?? null,
      originalDueAt: dueAt,
      dueAt,
      createdBy: SEED_AUTHOR,
    };
    events.push({ pqrsId: id, kind: 'RECEIVED', at: receivedAt });
    lifecycle(random, row, now, events);
    rows.push(row);
  }
  return { rows, events, counters: [...counters.values()] };
}

/** Idempotent: seeded once (the seed's rows are recognised by their author). */
export async function seedDemo(db: FeedbackDb): Promise<void> {
  await seedPqrs(db);
  // Its own step: a deployment seeded before surveys existed gets them on its next start.
  await seedParticipation(db, SEED_AUTHOR);
}

async function seedPqrs(db: FeedbackDb): Promise<void> {
  await db.transaction(async (tx) => {
    const [seeded] = await tx
      .select({ id: pqrs.id })
      .from(pqrs)
      .where(eq(pqrs.createdBy, SEED_AUTHOR))
      .limit(1);
    if (seeded) return;
    const { rows, events, counters } = demoPqrs(new Date());
    await tx.insert(pqrs).values(rows);
    await tx.insert(pqrsEvents).values(events);
    await tx
      .insert(radicadoCounters)
      .values(counters)
      .onConflictDoUpdate({
        target: [radicadoCounters.networkId, radicadoCounters.year],
        set: { last: sql`${radicadoCounters.last} + excluded.last` },
      });
  });
}
