import { auditTable } from '@participa/db';
import { outboxTable } from '@participa/outbox';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

export const feedbackSchema = pgSchema('feedback');

export const pqrsType = feedbackSchema.enum('pqrs_type', [
  'PETICION',
  'QUEJA',
  'RECLAMO',
  'SUGERENCIA',
  'DENUNCIA',
  'FELICITACION',
  'SOLICITUD_INFORMACION',
  'CONSULTA',
]);
export const pqrsStatus = feedbackSchema.enum('pqrs_status', [
  'RECEIVED',
  'IN_PROGRESS',
  'ANSWERED',
  'CLOSED',
  'TRANSFERRED',
]);
export const pqrsChannel = feedbackSchema.enum('pqrs_channel', [
  'PRESENCIAL',
  'TELEFONICO',
  'WEB',
  'EMAIL',
  'BUZON',
  'REDES_SOCIALES',
]);
export const riskLevel = feedbackSchema.enum('risk_level', ['VITAL', 'PRIORIZADO', 'SIMPLE']);
export const termUnit = feedbackSchema.enum('term_unit', ['BUSINESS_DAYS', 'HOURS']);

// Millisecond precision: timestamps round-trip through JS Dates exactly (keyset cursors rely on it).
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const pqrs = feedbackSchema.table(
  'pqrs',
  {
    id: uuid().primaryKey(),
    radicado: text().notNull().unique(),
    networkId: uuid('network_id').notNull(),
    type: pqrsType().notNull(),
    status: pqrsStatus().notNull().default('RECEIVED'),
    channel: pqrsChannel().notNull(),
    subject: text().notNull(),
    description: text().notNull(),
    facilityId: uuid('facility_id'),
    territoryId: uuid('territory_id'),
    service: text(),
    riskLevel: riskLevel('risk_level'),
    anonymous: boolean().notNull(),
    /** AES-256-GCM of the petitioner (identity, contact, characterization); null when anonymous. */
    petitionerSealed: text('petitioner_sealed'),
    /** sha256 of the tracking code: the code itself is shown once and never stored. */
    trackingHash: text('tracking_hash').notNull(),
    receivedAt: instant('received_at').notNull(),
    /** The legal term, kept so an extension can be checked against twice the original term. */
    termUnit: termUnit('term_unit'),
    termAmount: integer('term_amount'),
    originalDueAt: instant('original_due_at'),
    dueAt: instant('due_at'),
    extensionReason: text('extension_reason'),
    assignedTo: text('assigned_to'),
    assignedArea: text('assigned_area'),
    response: text(),
    /** The first answer: what decides whether the ESE answered within the term in force. */
    answeredAt: instant('answered_at'),
    answeredOnTime: boolean('answered_on_time'),
    closedAt: instant('closed_at'),
    transferredFromId: uuid('transferred_from_id'),
    transferredToId: uuid('transferred_to_id'),
    transferredToEntity: text('transferred_to_entity'),
    ratingScore: smallint('rating_score'),
    ratingComment: text('rating_comment'),
    ratedAt: instant('rated_at'),
    /** A client's retry key; with the request's hash and the sealed tracking code it replays the receipt. */
    idempotencyKey: text('idempotency_key').unique(),
    requestHash: text('request_hash'),
    trackingCodeSealed: text('tracking_code_sealed'),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('pqrs_network_received_idx').on(t.networkId, t.receivedAt, t.id),
    index('pqrs_network_status_due_idx').on(t.networkId, t.status, t.dueAt),
    index('pqrs_facility_idx').on(t.facilityId),
    index('pqrs_territory_idx').on(t.territoryId),
    check('pqrs_rating_range', sql`${t.ratingScore} between 1 and 5`),
    check('pqrs_risk_only_on_reclamo', sql`${t.riskLevel} is null or ${t.type} = 'RECLAMO'`),
  ],
);

/** One row per network and year: `UPDATE … SET last = last + 1` serialises radicados without gaps. */
export const radicadoCounters = feedbackSchema.table(
  'radicado_counters',
  {
    networkId: uuid('network_id').notNull(),
    year: integer().notNull(),
    last: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.year] })],
);

export const pqrsEventKind = feedbackSchema.enum('pqrs_event_kind', [
  'RECEIVED',
  'ASSIGNED',
  'NOTE',
  'EXTENDED',
  'ANSWERED',
  'CLOSED',
  'REOPENED',
  'TRANSFERRED',
  'RATED',
]);

/** The timeline of a PQRS: who did what and when. `note` is internal: citizens never see it. */
export const pqrsEvents = feedbackSchema.table(
  'pqrs_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    pqrsId: uuid('pqrs_id')
      .notNull()
      .references(() => pqrs.id),
    kind: pqrsEventKind().notNull(),
    actor: text(),
    actorName: text('actor_name'),
    note: text(),
    details: jsonb(),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('pqrs_events_pqrs_idx').on(t.pqrsId, t.id)],
);

export const auditEvents = auditTable(feedbackSchema);
export const outboxEvents = outboxTable(feedbackSchema);

export type PqrsRow = typeof pqrs.$inferSelect;
export type PqrsInsert = typeof pqrs.$inferInsert;
export type PqrsEventRow = typeof pqrsEvents.$inferSelect;
export type PqrsType = PqrsRow['type'];
export type PqrsStatus = PqrsRow['status'];
export type RiskLevel = NonNullable<PqrsRow['riskLevel']>;
