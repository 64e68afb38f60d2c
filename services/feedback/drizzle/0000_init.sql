CREATE SCHEMA "feedback";
--> statement-breakpoint
CREATE TYPE "feedback"."pqrs_channel" AS ENUM('PRESENCIAL', 'TELEFONICO', 'WEB', 'EMAIL', 'BUZON', 'REDES_SOCIALES');--> statement-breakpoint
CREATE TYPE "feedback"."pqrs_event_kind" AS ENUM('RECEIVED', 'ASSIGNED', 'NOTE', 'EXTENDED', 'ANSWERED', 'CLOSED', 'REOPENED', 'TRANSFERRED', 'RATED');--> statement-breakpoint
CREATE TYPE "feedback"."pqrs_status" AS ENUM('RECEIVED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED', 'TRANSFERRED');--> statement-breakpoint
CREATE TYPE "feedback"."pqrs_type" AS ENUM('PETICION', 'QUEJA', 'RECLAMO', 'SUGERENCIA', 'DENUNCIA', 'FELICITACION', 'SOLICITUD_INFORMACION', 'CONSULTA');--> statement-breakpoint
CREATE TYPE "feedback"."risk_level" AS ENUM('VITAL', 'PRIORIZADO', 'SIMPLE');--> statement-breakpoint
CREATE TYPE "feedback"."term_unit" AS ENUM('BUSINESS_DAYS', 'HOURS');--> statement-breakpoint
CREATE TABLE "feedback"."audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."pqrs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"radicado" text NOT NULL,
	"network_id" uuid NOT NULL,
	"type" "feedback"."pqrs_type" NOT NULL,
	"status" "feedback"."pqrs_status" DEFAULT 'RECEIVED' NOT NULL,
	"channel" "feedback"."pqrs_channel" NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"facility_id" uuid,
	"territory_id" uuid,
	"service" text,
	"risk_level" "feedback"."risk_level",
	"anonymous" boolean NOT NULL,
	"petitioner_sealed" text,
	"tracking_hash" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"term_unit" "feedback"."term_unit",
	"term_amount" integer,
	"original_due_at" timestamp (3) with time zone,
	"due_at" timestamp (3) with time zone,
	"extension_reason" text,
	"assigned_to" text,
	"assigned_area" text,
	"response" text,
	"answered_at" timestamp (3) with time zone,
	"answered_on_time" boolean,
	"closed_at" timestamp (3) with time zone,
	"transferred_from_id" uuid,
	"transferred_to_id" uuid,
	"transferred_to_entity" text,
	"rating_score" smallint,
	"rating_comment" text,
	"rated_at" timestamp (3) with time zone,
	"idempotency_key" text,
	"request_hash" text,
	"tracking_code_sealed" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pqrs_radicado_unique" UNIQUE("radicado"),
	CONSTRAINT "pqrs_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "pqrs_rating_range" CHECK ("feedback"."pqrs"."rating_score" between 1 and 5),
	CONSTRAINT "pqrs_risk_only_on_reclamo" CHECK ("feedback"."pqrs"."risk_level" is null or "feedback"."pqrs"."type" = 'RECLAMO')
);
--> statement-breakpoint
CREATE TABLE "feedback"."pqrs_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"pqrs_id" uuid NOT NULL,
	"kind" "feedback"."pqrs_event_kind" NOT NULL,
	"actor" text,
	"actor_name" text,
	"note" text,
	"details" jsonb,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."radicado_counters" (
	"network_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "radicado_counters_network_id_year_pk" PRIMARY KEY("network_id","year")
);
--> statement-breakpoint
ALTER TABLE "feedback"."pqrs_events" ADD CONSTRAINT "pqrs_events_pqrs_id_pqrs_id_fk" FOREIGN KEY ("pqrs_id") REFERENCES "feedback"."pqrs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_audit_entity_idx" ON "feedback"."audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "pqrs_network_received_idx" ON "feedback"."pqrs" USING btree ("network_id","received_at","id");--> statement-breakpoint
CREATE INDEX "pqrs_network_status_due_idx" ON "feedback"."pqrs" USING btree ("network_id","status","due_at");--> statement-breakpoint
CREATE INDEX "pqrs_facility_idx" ON "feedback"."pqrs" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "pqrs_territory_idx" ON "feedback"."pqrs" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "pqrs_events_pqrs_idx" ON "feedback"."pqrs_events" USING btree ("pqrs_id","id");