import { auditTable } from '@participa/db';
import { outboxTable, remindersSentTable } from '@participa/outbox/tables';
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
  unique,
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
/** Deadline reminders and daily digests already emitted (see `reminders.ts` for the keys). */
export const remindersSent = remindersSentTable(feedbackSchema);

// ---------------------------------------------------------------------------------------------
// Surveys and consultations: citizens' opinion, one answer per person, results without identities.

export const surveyKind = feedbackSchema.enum('survey_kind', ['GENERAL', 'USER_EXPERIENCE']);
export const questionKind = feedbackSchema.enum('question_kind', [
  'SCALE_1_5',
  'SINGLE_CHOICE',
  'MULTIPLE_CHOICE',
  'OPEN_TEXT',
]);

/** A survey of a network, or of the whole district (no network: the secretariat's). */
export const surveys = feedbackSchema.table(
  'surveys',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid('network_id'),
    kind: surveyKind().notNull(),
    title: text().notNull(),
    description: text(),
    /** Anonymous: answers keep nothing that points at the person. Identified: the account is kept. */
    anonymous: boolean().notNull(),
    opensAt: instant('opens_at').notNull(),
    closesAt: instant('closes_at').notNull(),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('surveys_network_idx').on(t.networkId, t.opensAt),
    index('surveys_sort_idx').on(t.createdAt, t.id),
    check('surveys_period', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

export const surveyQuestions = feedbackSchema.table(
  'survey_questions',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    position: smallint().notNull(),
    kind: questionKind().notNull(),
    prompt: text().notNull(),
    options: text().array().notNull().default(sql`'{}'::text[]`),
    required: boolean().notNull(),
    /** The overall question of a user-experience survey: the source of `survey.experience.*`. */
    overall: boolean().notNull().default(false),
  },
  (t) => [unique('survey_questions_position_key').on(t.surveyId, t.position)],
);

/** One submitted questionnaire; `respondent` (an account) only on identified surveys. */
export const surveyResponses = feedbackSchema.table(
  'survey_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    respondent: text(),
    submittedAt: instant('submitted_at').notNull().defaultNow(),
  },
  (t) => [index('survey_responses_survey_idx').on(t.surveyId, t.submittedAt)],
);

export const surveyAnswers = feedbackSchema.table(
  'survey_answers',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: 'cascade' }),
    scale: smallint(),
    /** Positions in the question's options, from 0. */
    choices: smallint().array(),
    text: text(),
  },
  (t) => [
    index('survey_answers_question_idx').on(t.questionId),
    check('survey_answers_scale_range', sql`${t.scale} between 1 and 5`),
  ],
);

/** A question with options put to the community for a decision of the plan (consulta ciudadana). */
export const consultations = feedbackSchema.table(
  'consultations',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid('network_id'),
    question: text().notNull(),
    description: text(),
    options: text().array().notNull(),
    opensAt: instant('opens_at').notNull(),
    closesAt: instant('closes_at').notNull(),
    /** The planning Activity it informed, resolved through federation. */
    activityId: uuid('activity_id'),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('consultations_sort_idx').on(t.createdAt, t.id),
    index('consultations_activity_idx').on(t.activityId),
    check('consultations_period', sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/** Votes carry no identity: who voted is in `participations`, with no link to the vote. */
export const consultationVotes = feedbackSchema.table(
  'consultation_votes',
  {
    id: uuid().primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    option: smallint().notNull(),
  },
  (t) => [index('consultation_votes_consultation_idx').on(t.consultationId)],
);

/**
 * Single-use codes handed out on paper, QR or SMS, issued in batches by staff: the code proves one
 * person without saying who. Only a hash is stored; the code is shown once, when issued.
 */
export const participationCodes = feedbackSchema.table(
  'participation_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The survey or consultation the code opens. */
    subjectId: uuid('subject_id').notNull(),
    batchId: uuid('batch_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [unique('participation_codes_subject_hash_key').on(t.subjectId, t.codeHash)],
);

/**
 * One answer per person and survey or consultation: the primary key refuses the second, also when
 * both arrive at once. The key is a hash of the account (or the code's id); there is no time and
 * no link to the answer, so an anonymous answer cannot be traced back.
 */
export const participations = feedbackSchema.table(
  'participations',
  {
    subjectId: uuid('subject_id').notNull(),
    participantKey: text('participant_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subjectId, t.participantKey] })],
);

export type PqrsRow = typeof pqrs.$inferSelect;
export type PqrsInsert = typeof pqrs.$inferInsert;
export type PqrsEventRow = typeof pqrsEvents.$inferSelect;
export type PqrsType = PqrsRow['type'];
export type PqrsStatus = PqrsRow['status'];
export type RiskLevel = NonNullable<PqrsRow['riskLevel']>;
export type SurveyRow = typeof surveys.$inferSelect;
export type SurveyQuestionRow = typeof surveyQuestions.$inferSelect;
export type ConsultationRow = typeof consultations.$inferSelect;
