import { auditTable } from '@participa/db';
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  pgSchema,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

export const indicatorsSchema = pgSchema('indicators');

export const direction = indicatorsSchema.enum('direction', ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER']);
export const periodicity = indicatorsSchema.enum('periodicity', ['MONTHLY', 'QUARTERLY', 'YEARLY']);
export const scope = indicatorsSchema.enum('scope', ['DISTRICT', 'NETWORK', 'TERRITORY']);
export const targetStatus = indicatorsSchema.enum('target_status', [
  'ON_TRACK',
  'AT_RISK',
  'OFF_TRACK',
  'NO_TARGET',
]);
export const runStatus = indicatorsSchema.enum('run_status', ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']);

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** DHIS2-style definitions: value = factor × numerator / denominator, formulas over metric names. */
export const indicators = indicatorsSchema.table('indicators', {
  id: uuid().primaryKey().defaultRandom(),
  code: text().notNull().unique(),
  name: text().notNull(),
  description: text(),
  numerator: text().notNull(),
  /** Null for counts (the value is factor × numerator). */
  denominator: text(),
  factor: doublePrecision().notNull().default(1),
  unit: text().notNull(),
  direction: direction().notNull(),
  periodicity: periodicity().notNull().default('MONTHLY'),
  /** How far from the target (in the indicator's unit) a value is still AT_RISK rather than OFF_TRACK. */
  atRiskMargin: doublePrecision('at_risk_margin').notNull().default(0),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull().defaultNow(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Baseline and target of an indicator for one network (null: the district) and year. */
export const targets = indicatorsSchema.table(
  'targets',
  {
    id: uuid().primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    networkId: uuid('network_id'),
    year: integer().notNull(),
    baseline: doublePrecision(),
    baselineYear: integer('baseline_year'),
    target: doublePrecision().notNull(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('targets_indicator_network_year_key').on(t.indicatorId, t.networkId, t.year).nullsNotDistinct(),
    check('targets_year_range', sql`${t.year} BETWEEN 2000 AND 2100`),
  ],
);

/** Runs of the computation, queued by the schedule or by `computeIndicators`. */
export const computationRuns = indicatorsSchema.table(
  'computation_runs',
  {
    id: uuid().primaryKey().defaultRandom(),
    period: text().notNull(),
    /** Empty: every indicator. */
    indicatorCodes: text('indicator_codes').array().notNull().default(sql`'{}'::text[]`),
    status: runStatus().notNull().default('QUEUED'),
    requestedBy: text('requested_by'),
    queuedAt: instant('queued_at').notNull().defaultNow(),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
    valuesChanged: integer('values_changed'),
    error: text(),
  },
  (t) => [index('computation_runs_period_idx').on(t.period, t.queuedAt)],
);

/** The current value of an indicator for a period and scope (one row; recomputation updates it). */
export const indicatorValues = indicatorsSchema.table(
  'values',
  {
    id: uuid().primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    period: text().notNull(),
    scope: scope().notNull(),
    /** The network the records belonged to when they were made (null for the district). */
    networkId: uuid('network_id'),
    territoryId: uuid('territory_id'),
    numerator: doublePrecision().notNull(),
    denominator: doublePrecision(),
    value: doublePrecision(),
    status: targetStatus().notNull(),
    computedAt: instant('computed_at').notNull(),
    runId: uuid('run_id').references(() => computationRuns.id),
  },
  (t) => [
    unique('values_key').on(t.indicatorId, t.period, t.scope, t.networkId, t.territoryId).nullsNotDistinct(),
    index('values_period_idx').on(t.period, t.scope),
  ],
);

/** Every change of a value by a recomputation: the history behind the current figure. */
export const valueRevisions = indicatorsSchema.table(
  'value_revisions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    valueId: uuid('value_id')
      .notNull()
      .references(() => indicatorValues.id),
    numerator: doublePrecision().notNull(),
    denominator: doublePrecision(),
    value: doublePrecision(),
    status: targetStatus().notNull(),
    computedAt: instant('computed_at').notNull(),
    runId: uuid('run_id').references(() => computationRuns.id),
  },
  (t) => [index('value_revisions_value_idx').on(t.valueId, t.id)],
);

/**
 * A value that turned OFF_TRACK, recorded in the same transaction as the value: the event the
 * network's admins and the secretariat are alerted of (`emitAlert` is the one place that writes it).
 */
export const alertEvents = indicatorsSchema.table(
  'alert_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    valueId: uuid('value_id')
      .notNull()
      .references(() => indicatorValues.id),
    indicatorCode: text('indicator_code').notNull(),
    period: text().notNull(),
    scope: scope().notNull(),
    networkId: uuid('network_id'),
    territoryId: uuid('territory_id'),
    value: doublePrecision(),
    target: doublePrecision(),
    createdAt: instant('created_at').notNull().defaultNow(),
    /** Set when the notifications outbox has taken the event. */
    dispatchedAt: instant('dispatched_at'),
  },
  (t) => [index('alert_events_pending_idx').on(t.createdAt).where(sql`${t.dispatchedAt} IS NULL`)],
);

export const auditEvents = auditTable(indicatorsSchema);

export type IndicatorRow = typeof indicators.$inferSelect;
export type TargetRow = typeof targets.$inferSelect;
export type ValueRow = typeof indicatorValues.$inferSelect;
export type RunRow = typeof computationRuns.$inferSelect;
export type TargetStatus = ValueRow['status'];
export type Direction = IndicatorRow['direction'];
