CREATE SCHEMA "indicators";
--> statement-breakpoint
CREATE TYPE "indicators"."direction" AS ENUM('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');--> statement-breakpoint
CREATE TYPE "indicators"."periodicity" AS ENUM('MONTHLY', 'QUARTERLY', 'YEARLY');--> statement-breakpoint
CREATE TYPE "indicators"."run_status" AS ENUM('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');--> statement-breakpoint
CREATE TYPE "indicators"."scope" AS ENUM('DISTRICT', 'NETWORK', 'TERRITORY');--> statement-breakpoint
CREATE TYPE "indicators"."target_status" AS ENUM('ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'NO_TARGET');--> statement-breakpoint
CREATE TABLE "indicators"."alert_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"value_id" uuid NOT NULL,
	"indicator_code" text NOT NULL,
	"period" text NOT NULL,
	"scope" "indicators"."scope" NOT NULL,
	"network_id" uuid,
	"territory_id" uuid,
	"value" double precision,
	"target" double precision,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "indicators"."audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicators"."computation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period" text NOT NULL,
	"indicator_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "indicators"."run_status" DEFAULT 'QUEUED' NOT NULL,
	"requested_by" text,
	"queued_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	"values_changed" integer,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "indicators"."values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" text NOT NULL,
	"scope" "indicators"."scope" NOT NULL,
	"network_id" uuid,
	"territory_id" uuid,
	"numerator" double precision NOT NULL,
	"denominator" double precision,
	"value" double precision,
	"status" "indicators"."target_status" NOT NULL,
	"computed_at" timestamp (3) with time zone NOT NULL,
	"run_id" uuid,
	CONSTRAINT "values_key" UNIQUE NULLS NOT DISTINCT("indicator_id","period","scope","network_id","territory_id")
);
--> statement-breakpoint
CREATE TABLE "indicators"."indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"numerator" text NOT NULL,
	"denominator" text,
	"factor" double precision DEFAULT 1 NOT NULL,
	"unit" text NOT NULL,
	"direction" "indicators"."direction" NOT NULL,
	"periodicity" "indicators"."periodicity" DEFAULT 'MONTHLY' NOT NULL,
	"at_risk_margin" double precision DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "indicators"."targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"network_id" uuid,
	"year" integer NOT NULL,
	"baseline" double precision,
	"baseline_year" integer,
	"target" double precision NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "targets_indicator_network_year_key" UNIQUE NULLS NOT DISTINCT("indicator_id","network_id","year"),
	CONSTRAINT "targets_year_range" CHECK ("indicators"."targets"."year" BETWEEN 2000 AND 2100)
);
--> statement-breakpoint
CREATE TABLE "indicators"."value_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"value_id" uuid NOT NULL,
	"numerator" double precision NOT NULL,
	"denominator" double precision,
	"value" double precision,
	"status" "indicators"."target_status" NOT NULL,
	"computed_at" timestamp (3) with time zone NOT NULL,
	"run_id" uuid
);
--> statement-breakpoint
ALTER TABLE "indicators"."alert_events" ADD CONSTRAINT "alert_events_value_id_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "indicators"."values"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators"."values" ADD CONSTRAINT "values_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "indicators"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators"."values" ADD CONSTRAINT "values_run_id_computation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "indicators"."computation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators"."targets" ADD CONSTRAINT "targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "indicators"."indicators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators"."value_revisions" ADD CONSTRAINT "value_revisions_value_id_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "indicators"."values"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators"."value_revisions" ADD CONSTRAINT "value_revisions_run_id_computation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "indicators"."computation_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_pending_idx" ON "indicators"."alert_events" USING btree ("created_at") WHERE "indicators"."alert_events"."dispatched_at" IS NULL;--> statement-breakpoint
CREATE INDEX "indicators_audit_entity_idx" ON "indicators"."audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "computation_runs_period_idx" ON "indicators"."computation_runs" USING btree ("period","queued_at");--> statement-breakpoint
CREATE INDEX "values_period_idx" ON "indicators"."values" USING btree ("period","scope");--> statement-breakpoint
CREATE INDEX "value_revisions_value_idx" ON "indicators"."value_revisions" USING btree ("value_id","id");