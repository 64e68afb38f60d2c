import { auditTable } from '@participa/db';
import { outboxTable } from '@participa/outbox/tables';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACCESSIBLE_FORMATS,
  ATTENDANCE_METHODS,
  COMMUNITY_SERVICES,
  DOCUMENT_TYPES,
  ETHNICITIES,
  GENDER_IDENTITIES,
  LIFE_STAGES,
  MATERIAL_KINDS,
  MODALITIES,
  REGISTRATION_STATUSES,
  SEXES,
  WORKSHOP_KINDS,
  WORKSHOP_STATUSES,
  WORKSHOP_TOPICS,
} from '../vocabulary.ts';

export const educationSchema = pgSchema('education');

export const workshopTopic = educationSchema.enum('workshop_topic', WORKSHOP_TOPICS);
export const workshopKind = educationSchema.enum('workshop_kind', WORKSHOP_KINDS);
export const modality = educationSchema.enum('modality', MODALITIES);
export const workshopStatus = educationSchema.enum('workshop_status', WORKSHOP_STATUSES);
export const registrationStatus = educationSchema.enum('registration_status', REGISTRATION_STATUSES);
export const attendanceMethod = educationSchema.enum('attendance_method', ATTENDANCE_METHODS);
export const lifeStage = educationSchema.enum('life_stage', LIFE_STAGES);
export const sex = educationSchema.enum('sex', SEXES);
export const genderIdentity = educationSchema.enum('gender_identity', GENDER_IDENTITIES);
export const ethnicity = educationSchema.enum('ethnicity', ETHNICITIES);
export const documentType = educationSchema.enum('document_type', DOCUMENT_TYPES);
export const materialKind = educationSchema.enum('material_kind', MATERIAL_KINDS);
export const accessibleFormat = educationSchema.enum('accessible_format', ACCESSIBLE_FORMATS);
export const communityService = educationSchema.enum('community_service', COMMUNITY_SERVICES);

// Millisecond precision: timestamps round-trip through JS Dates exactly (keyset cursors rely on it).
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const createdAt = () => instant('created_at').notNull().defaultNow();

export const workshops = educationSchema.table(
  'workshops',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid('network_id').notNull(),
    territoryId: uuid('territory_id'),
    /** A Facility of the territory subgraph, resolved through federation. */
    facilityId: uuid('facility_id'),
    address: text(),
    /** An Activity of the planning subgraph, resolved through federation. */
    activityId: uuid('activity_id'),
    title: text().notNull(),
    description: text(),
    topic: workshopTopic().notNull(),
    kind: workshopKind().notNull(),
    modality: modality().notNull(),
    virtualUrl: text('virtual_url'),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    capacity: integer().notNull(),
    facilitator: text(),
    status: workshopStatus().notNull().default('SCHEDULED'),
    cancellationReason: text('cancellation_reason'),
    /** Community days: services the promotion team offered and how many people it served. */
    servicesOffered: communityService('services_offered').array().notNull().default(sql`'{}'`),
    peopleServed: integer('people_served'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('workshops_starts_idx').on(t.startsAt, t.id),
    index('workshops_network_idx').on(t.networkId, t.startsAt),
    index('workshops_territory_idx').on(t.territoryId, t.startsAt),
    index('workshops_activity_idx').on(t.activityId),
    check('workshops_period', sql`${t.endsAt} > ${t.startsAt}`),
    check('workshops_capacity_positive', sql`${t.capacity} > 0`),
    check('workshops_people_served', sql`${t.peopleServed} IS NULL OR ${t.peopleServed} >= 0`),
  ],
);

/** Rescheduling keeps history: one row per change of date. */
export const scheduleChanges = educationSchema.table(
  'schedule_changes',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    previousStartsAt: instant('previous_starts_at').notNull(),
    previousEndsAt: instant('previous_ends_at').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    reason: text().notNull(),
    changedBy: text('changed_by'),
    changedAt: createdAt(),
  },
  (t) => [index('schedule_changes_workshop_idx').on(t.workshopId, t.changedAt)],
);

/**
 * A person's place in a workshop, with their identity (erasable) and their characterization for
 * the differential approach (kept, anonymous, after erasure). Walk-ins are registrations too.
 */
export const registrations = educationSchema.table(
  'registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Arrival order: assigned while the workshop row is locked, so it orders the waitlist. */
    seq: bigserial({ mode: 'number' }).notNull(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    status: registrationStatus().notNull(),
    walkIn: boolean('walk_in').notNull().default(false),
    checkInCode: text('check_in_code'),
    // Identity (Ley 1581 de 2012): null once erased.
    fullName: text('full_name'),
    documentType: documentType('document_type'),
    documentNumber: text('document_number'),
    email: text(),
    phone: text(),
    birthYear: smallint('birth_year'),
    // Characterization: anonymous, survives erasure.
    lifeStage: lifeStage('life_stage'),
    sex: sex(),
    genderIdentity: genderIdentity('gender_identity'),
    ethnicity: ethnicity(),
    disability: boolean(),
    armedConflictVictim: boolean('armed_conflict_victim'),
    migrant: boolean(),
    territoryId: uuid('territory_id'),
    dataConsentAt: instant('data_consent_at'),
    erasedAt: instant('erased_at'),
    attendedAt: instant('attended_at'),
    attendanceMethod: attendanceMethod('attendance_method'),
    createdBy: text('created_by'),
    /** The participant's own account when they signed up themselves (not staff for them): where later news of the registration reaches them in-app. */
    userSub: text('user_sub'),
    createdAt: createdAt(),
    cancelledAt: instant('cancelled_at'),
  },
  (t) => [
    index('registrations_workshop_idx').on(t.workshopId, t.status, t.seq),
    uniqueIndex('registrations_check_in_code_key').on(t.checkInCode),
    // The same person only once per workshop (a cancelled registration frees the person to sign up again).
    uniqueIndex('registrations_document_key')
      .on(t.workshopId, t.documentNumber)
      .where(sql`${t.documentNumber} IS NOT NULL AND ${t.status} <> 'CANCELLED'`),
    uniqueIndex('registrations_email_key')
      .on(t.workshopId, t.email)
      .where(sql`${t.email} IS NOT NULL AND ${t.status} <> 'CANCELLED'`),
  ],
);

export const evaluations = educationSchema.table(
  'evaluations',
  {
    id: uuid().primaryKey().defaultRandom(),
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').references(() => registrations.id, { onDelete: 'set null' }),
    satisfaction: smallint().notNull(),
    preTestScore: smallint('pre_test_score'),
    postTestScore: smallint('post_test_score'),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('evaluations_workshop_idx').on(t.workshopId),
    uniqueIndex('evaluations_registration_key').on(t.registrationId),
    check('evaluations_satisfaction_range', sql`${t.satisfaction} BETWEEN 1 AND 5`),
    check('evaluations_pre_range', sql`${t.preTestScore} BETWEEN 0 AND 100`),
    check('evaluations_post_range', sql`${t.postTestScore} BETWEEN 0 AND 100`),
  ],
);

export const materials = educationSchema.table(
  'materials',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Null for district-wide materials of the secretariat. */
    networkId: uuid('network_id'),
    title: text().notNull(),
    kind: materialKind().notNull(),
    topic: workshopTopic().notNull(),
    audience: text(),
    language: text().notNull().default('es'),
    accessibleFormats: accessibleFormat('accessible_formats').array().notNull().default(sql`'{}'`),
    url: text(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('materials_sort_idx').on(t.createdAt, t.id)],
);

export const workshopMaterials = educationSchema.table(
  'workshop_materials',
  {
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.workshopId, t.materialId] }),
    index('workshop_materials_material_idx').on(t.materialId),
  ],
);

/**
 * The services of the portfolio a SERVICE_PORTFOLIO workshop presents: ServiceOffering ids of the
 * territory subgraph, resolved through federation.
 */
export const workshopServices = educationSchema.table(
  'workshop_services',
  {
    workshopId: uuid('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    serviceOfferingId: uuid('service_offering_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.serviceOfferingId] })],
);

/** Where an awareness campaign's piece runs (objective 6 of the 2023 plan: local media, social media, community). */
export const campaignChannel = educationSchema.enum('campaign_channel', [
  'RADIO',
  'TELEVISION',
  'SOCIAL_MEDIA',
  'MESSAGING',
  'COMMUNITY_CHANNEL',
  'PRINT',
  'EVENT',
  'WEB',
]);

/** An awareness campaign (campaña de sensibilización) of a network, or of the district (no network). */
export const campaigns = educationSchema.table(
  'campaigns',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid('network_id'),
    title: text().notNull(),
    objective: text(),
    audience: text(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** An Activity of the planning subgraph, resolved through federation. */
    activityId: uuid('activity_id'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaigns_sort_idx').on(t.createdAt, t.id),
    index('campaigns_activity_idx').on(t.activityId),
    check('campaigns_period', sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** One piece of a campaign on one channel, with the reach its channel reported. */
export const campaignPieces = educationSchema.table(
  'campaign_pieces',
  {
    id: uuid().primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    channel: campaignChannel().notNull(),
    title: text().notNull(),
    description: text(),
    /** The outlet: the station, the page, the cartelera's sede… */
    outlet: text(),
    audience: text(),
    territoryId: uuid('territory_id'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    // Reach as the channel reports it; null until reported.
    peopleReached: integer('people_reached'),
    impressions: integer(),
    listeners: integer(),
    reachReportedAt: instant('reach_reported_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('campaign_pieces_campaign_idx').on(t.campaignId, t.startsOn),
    index('campaign_pieces_period_idx').on(t.startsOn),
    check('campaign_pieces_period', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'campaign_pieces_reach',
      sql`coalesce(${t.peopleReached}, 0) >= 0 AND coalesce(${t.impressions}, 0) >= 0 AND coalesce(${t.listeners}, 0) >= 0`,
    ),
  ],
);

export const campaignPieceMaterials = educationSchema.table(
  'campaign_piece_materials',
  {
    pieceId: uuid('piece_id')
      .notNull()
      .references(() => campaignPieces.id, { onDelete: 'cascade' }),
    materialId: uuid('material_id')
      .notNull()
      .references(() => materials.id),
  },
  (t) => [primaryKey({ columns: [t.pieceId, t.materialId] })],
);

export const auditEvents = auditTable(educationSchema);
export const outboxEvents = outboxTable(educationSchema);

/** Reminders already emitted: one per registration and lead time, across workers and restarts. */
export const remindersSent = educationSchema.table(
  'reminders_sent',
  {
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    hoursBefore: smallint('hours_before').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.hoursBefore] })],
);

export type WorkshopRow = typeof workshops.$inferSelect;
export type RegistrationRow = typeof registrations.$inferSelect;
export type ScheduleChangeRow = typeof scheduleChanges.$inferSelect;
export type MaterialRow = typeof materials.$inferSelect;
export type EvaluationRow = typeof evaluations.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignPieceRow = typeof campaignPieces.$inferSelect;
