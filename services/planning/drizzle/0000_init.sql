CREATE SCHEMA "planning";
--> statement-breakpoint
CREATE TYPE "planning"."activity_status" AS ENUM('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "planning"."commitment_status" AS ENUM('PENDING', 'IN_PROGRESS', 'FULFILLED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "planning"."evidence_kind" AS ENUM('MINUTES', 'ATTENDANCE_LIST', 'PHOTO', 'OTHER');--> statement-breakpoint
CREATE TYPE "planning"."funding_source" AS ENUM('MUNICIPAL_BUDGET', 'OWN_RESOURCES', 'NATIONAL', 'COOPERATION', 'OTHER');--> statement-breakpoint
CREATE TYPE "planning"."management_phase" AS ENUM('DIAGNOSTICO', 'FORMULACION', 'IMPLEMENTACION', 'SEGUIMIENTO', 'EVALUACION');--> statement-breakpoint
CREATE TYPE "planning"."participation_procedure" AS ENUM('PLANEACION_PARTICIPATIVA', 'CONTROL_SOCIAL', 'PROMOCION_PARTICIPACION');--> statement-breakpoint
CREATE TYPE "planning"."plan_status" AS ENUM('DRAFT', 'SUBMITTED', 'APPROVED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "planning"."resource_type" AS ENUM('HUMAN', 'FINANCIAL', 'MATERIAL', 'TECHNOLOGICAL');--> statement-breakpoint
CREATE TABLE "planning"."action_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"axis_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"retired_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_lines_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "planning"."action_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"general_objective" text NOT NULL,
	"specific_objectives" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "planning"."plan_status" DEFAULT 'DRAFT' NOT NULL,
	"return_reason" text,
	"achievements" text,
	"difficulties" text,
	"lessons" text,
	"previous_plan_id" uuid,
	"submitted_at" timestamp (3) with time zone,
	"approved_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plans_network_year_key" UNIQUE("network_id","year"),
	CONSTRAINT "action_plans_year_range" CHECK ("planning"."action_plans"."year" BETWEEN 2017 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "planning"."activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"axis_codes" text[] NOT NULL,
	"action_line_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"territory_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"organization_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"procedures" "planning"."participation_procedure"[] DEFAULT '{}' NOT NULL,
	"phases" "planning"."management_phase"[] DEFAULT '{}' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"goal_quantity" integer NOT NULL,
	"goal_unit" text NOT NULL,
	"executed_quantity" integer DEFAULT 0 NOT NULL,
	"status" "planning"."activity_status" DEFAULT 'PLANNED' NOT NULL,
	"evaluation_result" text,
	"carried_from_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_period" CHECK ("planning"."activities"."end_date" >= "planning"."activities"."start_date"),
	CONSTRAINT "activities_goal_positive" CHECK ("planning"."activities"."goal_quantity" > 0),
	CONSTRAINT "activities_executed_non_negative" CHECK ("planning"."activities"."executed_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "planning"."audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning"."budget_executions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"budget_item_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"date" date NOT NULL,
	"note" text,
	"justification" text,
	"recorded_by" text,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_executions_amount_positive" CHECK ("planning"."budget_executions"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "planning"."budget_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"resource_type" "planning"."resource_type" NOT NULL,
	"funding_source" "planning"."funding_source" NOT NULL,
	"description" text,
	"planned_amount" integer NOT NULL,
	"executed_amount" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_items_planned_non_negative" CHECK ("planning"."budget_items"."planned_amount" >= 0),
	CONSTRAINT "budget_items_executed_non_negative" CHECK ("planning"."budget_items"."executed_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "planning"."commitment_acts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"event_name" text NOT NULL,
	"date" date NOT NULL,
	"place" text NOT NULL,
	"summary" text,
	"network_ids" uuid[] NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning"."commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"act_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"responsible_organization_id" uuid,
	"due_date" date NOT NULL,
	"status" "planning"."commitment_status" DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning"."evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" "planning"."evidence_kind" NOT NULL,
	"url" text NOT NULL,
	"date" date NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning"."commitment_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commitment_id" uuid NOT NULL,
	"note" text NOT NULL,
	"status" "planning"."commitment_status" NOT NULL,
	"recorded_by" text,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning"."progress_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"executed_quantity" integer NOT NULL,
	"status" "planning"."activity_status" NOT NULL,
	"note" text,
	"recorded_by" text,
	"recorded_by_name" text,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning"."signatories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"act_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"organization_id" uuid,
	"role" text
);
--> statement-breakpoint
CREATE TABLE "planning"."strategic_axes" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "planning"."action_lines" ADD CONSTRAINT "action_lines_axis_code_strategic_axes_code_fk" FOREIGN KEY ("axis_code") REFERENCES "planning"."strategic_axes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."activities" ADD CONSTRAINT "activities_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "planning"."action_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."budget_executions" ADD CONSTRAINT "budget_executions_budget_item_id_budget_items_id_fk" FOREIGN KEY ("budget_item_id") REFERENCES "planning"."budget_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."budget_items" ADD CONSTRAINT "budget_items_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "planning"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."budget_items" ADD CONSTRAINT "budget_items_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "planning"."action_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."commitments" ADD CONSTRAINT "commitments_act_id_commitment_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "planning"."commitment_acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."evidence" ADD CONSTRAINT "evidence_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "planning"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."commitment_follow_ups" ADD CONSTRAINT "commitment_follow_ups_commitment_id_commitments_id_fk" FOREIGN KEY ("commitment_id") REFERENCES "planning"."commitments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."progress_entries" ADD CONSTRAINT "progress_entries_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "planning"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."signatories" ADD CONSTRAINT "signatories_act_id_commitment_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "planning"."commitment_acts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_lines_axis_idx" ON "planning"."action_lines" USING btree ("axis_code");--> statement-breakpoint
CREATE INDEX "activities_plan_idx" ON "planning"."activities" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "activities_territories_idx" ON "planning"."activities" USING gin ("territory_ids");--> statement-breakpoint
CREATE INDEX "activities_organizations_idx" ON "planning"."activities" USING gin ("organization_ids");--> statement-breakpoint
CREATE INDEX "activities_lines_idx" ON "planning"."activities" USING gin ("action_line_ids");--> statement-breakpoint
CREATE INDEX "planning_audit_entity_idx" ON "planning"."audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "budget_executions_item_idx" ON "planning"."budget_executions" USING btree ("budget_item_id");--> statement-breakpoint
CREATE INDEX "budget_items_activity_idx" ON "planning"."budget_items" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "budget_items_plan_idx" ON "planning"."budget_items" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "commitments_act_idx" ON "planning"."commitments" USING btree ("act_id","position");--> statement-breakpoint
CREATE INDEX "commitments_organization_idx" ON "planning"."commitments" USING btree ("responsible_organization_id");--> statement-breakpoint
CREATE INDEX "commitments_due_idx" ON "planning"."commitments" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "evidence_activity_idx" ON "planning"."evidence" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "follow_ups_commitment_idx" ON "planning"."commitment_follow_ups" USING btree ("commitment_id","recorded_at");--> statement-breakpoint
CREATE INDEX "progress_entries_activity_idx" ON "planning"."progress_entries" USING btree ("activity_id","recorded_at");--> statement-breakpoint
CREATE INDEX "signatories_act_idx" ON "planning"."signatories" USING btree ("act_id","position");