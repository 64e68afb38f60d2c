import { auditTable } from '@participa/db';
import { outboxTable, remindersSentTable } from '@participa/outbox/tables';
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const planningSchema = pgSchema('planning');

export const planStatus = planningSchema.enum('plan_status', ['DRAFT', 'SUBMITTED', 'APPROVED', 'CLOSED']);
export const activityStatus = planningSchema.enum('activity_status', [
  'PLANNED',
  'IN_PROGRESS',
  'DONE',
  'CANCELLED',
]);
export const participationProcedure = planningSchema.enum('participation_procedure', [
  'PLANEACION_PARTICIPATIVA',
  'CONTROL_SOCIAL',
  'PROMOCION_PARTICIPACION',
]);
export const managementPhase = planningSchema.enum('management_phase', [
  'DIAGNOSTICO',
  'FORMULACION',
  'IMPLEMENTACION',
  'SEGUIMIENTO',
  'EVALUACION',
]);
export const evidenceKind = planningSchema.enum('evidence_kind', [
  'MINUTES',
  'ATTENDANCE_LIST',
  'PHOTO',
  'OTHER',
]);
export const resourceType = planningSchema.enum('resource_type', [
  'HUMAN',
  'FINANCIAL',
  'MATERIAL',
  'TECHNOLOGICAL',
]);
export const fundingSource = planningSchema.enum('funding_source', [
  'MUNICIPAL_BUDGET',
  'OWN_RESOURCES',
  'NATIONAL',
  'COOPERATION',
  'OTHER',
]);
export const commitmentStatus = planningSchema.enum('commitment_status', [
  'PENDING',
  'IN_PROGRESS',
  'FULFILLED',
  'CANCELLED',
]);

// Millisecond precision: timestamps round-trip through JS Dates exactly.
const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });

/** The five axes of Res. 2063/2017 (codes EJE1..EJE5); fixed by the resolution, seeded as reference. */
export const strategicAxes = planningSchema.table('strategic_axes', {
  code: text().primaryKey(),
  name: text().notNull(),
  position: integer().notNull(),
});

/** Lines of action: managed by the secretariat; retired instead of deleted once used. */
export const actionLines = planningSchema.table(
  'action_lines',
  {
    id: uuid().primaryKey().defaultRandom(),
    axisCode: text('axis_code')
      .notNull()
      .references(() => strategicAxes.code),
    code: text().notNull().unique(),
    name: text().notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [index('action_lines_axis_idx').on(t.axisCode)],
);

export const actionPlans = planningSchema.table(
  'action_plans',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stable network id of @participa/reference (the territory subgraph owns `Network`). */
    networkId: uuid('network_id').notNull(),
    year: integer().notNull(),
    title: text().notNull(),
    generalObjective: text('general_objective').notNull(),
    specificObjectives: text('specific_objectives').array().notNull().default(sql`'{}'::text[]`),
    status: planStatus().notNull().default('DRAFT'),
    returnReason: text('return_reason'),
    achievements: text(),
    difficulties: text(),
    lessons: text(),
    previousPlanId: uuid('previous_plan_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, precision: 3 }),
    approvedAt: timestamp('approved_at', { withTimezone: true, precision: 3 }),
    closedAt: timestamp('closed_at', { withTimezone: true, precision: 3 }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('action_plans_network_year_key').on(t.networkId, t.year),
    check('action_plans_year_range', sql`${t.year} BETWEEN 2017 AND 2100`),
  ],
);

export const activities = planningSchema.table(
  'activities',
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id),
    position: integer().notNull(),
    title: text().notNull(),
    description: text(),
    axisCodes: text('axis_codes').array().notNull(),
    actionLineIds: uuid('action_line_ids').array().notNull().default(sql`'{}'::uuid[]`),
    territoryIds: uuid('territory_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Organization ids of the territory subgraph, resolved by the gateway. */
    organizationIds: uuid('organization_ids').array().notNull().default(sql`'{}'::uuid[]`),
    procedures: participationProcedure().array().notNull().default(sql`'{}'`),
    phases: managementPhase().array().notNull().default(sql`'{}'`),
    startDate: day('start_date').notNull(),
    endDate: day('end_date').notNull(),
    goalQuantity: integer('goal_quantity').notNull(),
    goalUnit: text('goal_unit').notNull(),
    executedQuantity: integer('executed_quantity').notNull().default(0),
    status: activityStatus().notNull().default('PLANNED'),
    /** Result written in the plan's closing evaluation. */
    evaluationResult: text('evaluation_result'),
    carriedFromId: uuid('carried_from_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('activities_plan_idx').on(t.planId, t.position),
    index('activities_territories_idx').using('gin', t.territoryIds),
    index('activities_organizations_idx').using('gin', t.organizationIds),
    index('activities_lines_idx').using('gin', t.actionLineIds),
    check('activities_period', sql`${t.endDate} >= ${t.startDate}`),
    check('activities_goal_positive', sql`${t.goalQuantity} > 0`),
    check('activities_executed_non_negative', sql`${t.executedQuantity} >= 0`),
  ],
);

export const progressEntries = planningSchema.table(
  'progress_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    executedQuantity: integer('executed_quantity').notNull(),
    status: activityStatus().notNull(),
    note: text(),
    recordedBy: text('recorded_by'),
    recordedByName: text('recorded_by_name'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('progress_entries_activity_idx').on(t.activityId, t.recordedAt)],
);

export const evidence = planningSchema.table(
  'evidence',
  {
    id: uuid().primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    name: text().notNull(),
    kind: evidenceKind().notNull(),
    url: text().notNull(),
    date: day('date').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_activity_idx').on(t.activityId)],
);

export const budgetItems = planningSchema.table(
  'budget_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => actionPlans.id),
    resourceType: resourceType('resource_type').notNull(),
    fundingSource: fundingSource('funding_source').notNull(),
    description: text(),
    plannedAmount: integer('planned_amount').notNull(),
    /** Sum of the execution entries, kept in the same transaction as each entry. */
    executedAmount: integer('executed_amount').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index('budget_items_activity_idx').on(t.activityId),
    index('budget_items_plan_idx').on(t.planId),
    check('budget_items_planned_non_negative', sql`${t.plannedAmount} >= 0`),
    check('budget_items_executed_non_negative', sql`${t.executedAmount} >= 0`),
  ],
);

export const budgetExecutions = planningSchema.table(
  'budget_executions',
  {
    id: uuid().primaryKey().defaultRandom(),
    budgetItemId: uuid('budget_item_id')
      .notNull()
      .references(() => budgetItems.id),
    amount: integer().notNull(),
    date: day('date').notNull(),
    note: text(),
    /** Required when this entry takes the executed total above the planned amount. */
    justification: text(),
    recordedBy: text('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index('budget_executions_item_idx').on(t.budgetItemId),
    check('budget_executions_amount_positive', sql`${t.amount} > 0`),
  ],
);

export const commitmentActs = planningSchema.table('commitment_acts', {
  id: uuid().primaryKey().defaultRandom(),
  title: text().notNull(),
  eventName: text('event_name').notNull(),
  date: day('date').notNull(),
  place: text().notNull(),
  summary: text(),
  networkIds: uuid('network_ids').array().notNull(),
  createdBy: text('created_by'),
  createdAt: createdAt(),
});

export const signatories = planningSchema.table(
  'signatories',
  {
    id: uuid().primaryKey().defaultRandom(),
    actId: uuid('act_id')
      .notNull()
      .references(() => commitmentActs.id),
    position: integer().notNull(),
    name: text().notNull(),
    organizationId: uuid('organization_id'),
    role: text(),
  },
  (t) => [index('signatories_act_idx').on(t.actId, t.position)],
);

export const commitments = planningSchema.table(
  'commitments',
  {
    id: uuid().primaryKey().defaultRandom(),
    actId: uuid('act_id')
      .notNull()
      .references(() => commitmentActs.id),
    position: integer().notNull(),
    description: text().notNull(),
    responsibleOrganizationId: uuid('responsible_organization_id'),
    dueDate: day('due_date').notNull(),
    status: commitmentStatus().notNull().default('PENDING'),
    createdAt: createdAt(),
  },
  (t) => [
    index('commitments_act_idx').on(t.actId, t.position),
    index('commitments_organization_idx').on(t.responsibleOrganizationId),
    index('commitments_due_idx').on(t.dueDate),
  ],
);

export const followUps = planningSchema.table(
  'commitment_follow_ups',
  {
    id: uuid().primaryKey().defaultRandom(),
    commitmentId: uuid('commitment_id')
      .notNull()
      .references(() => commitments.id),
    note: text().notNull(),
    status: commitmentStatus().notNull(),
    recordedBy: text('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index('follow_ups_commitment_idx').on(t.commitmentId, t.recordedAt)],
);

export const auditEvents = auditTable(planningSchema);
export const outboxEvents = outboxTable(planningSchema);
/** Commitment reminders already emitted (see `reminders.ts` for the keys). */
export const remindersSent = remindersSentTable(planningSchema);

export type AxisRow = typeof strategicAxes.$inferSelect;
export type ActionLineRow = typeof actionLines.$inferSelect;
export type PlanRow = typeof actionPlans.$inferSelect;
export type ActivityRow = typeof activities.$inferSelect;
export type ProgressEntryRow = typeof progressEntries.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;
export type BudgetItemRow = typeof budgetItems.$inferSelect;
export type BudgetExecutionRow = typeof budgetExecutions.$inferSelect;
export type CommitmentActRow = typeof commitmentActs.$inferSelect;
export type SignatoryRow = typeof signatories.$inferSelect;
export type CommitmentRow = typeof commitments.$inferSelect;
export type FollowUpRow = typeof followUps.$inferSelect;
export type PlanStatus = PlanRow['status'];
export type ActivityStatus = ActivityRow['status'];
