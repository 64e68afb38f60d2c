CREATE SCHEMA "education";
--> statement-breakpoint
CREATE TYPE "education"."accessible_format" AS ENUM('EASY_READ', 'LARGE_PRINT', 'BRAILLE', 'AUDIO', 'SIGN_LANGUAGE', 'SUBTITLES');--> statement-breakpoint
CREATE TYPE "education"."attendance_method" AS ENUM('LIST', 'CHECK_IN_CODE', 'WALK_IN');--> statement-breakpoint
CREATE TYPE "education"."community_service" AS ENUM('VACCINATION', 'SCREENING', 'VITAL_SIGNS', 'COUNSELLING', 'MEDICAL_CONSULTATION', 'ORAL_HEALTH', 'FAMILY_PLANNING', 'OTHER');--> statement-breakpoint
CREATE TYPE "education"."document_type" AS ENUM('CC', 'TI', 'CE', 'PA', 'PPT', 'RC');--> statement-breakpoint
CREATE TYPE "education"."ethnicity" AS ENUM('INDIGENA', 'GITANO_ROM', 'RAIZAL', 'PALENQUERO', 'NEGRO_AFROCOLOMBIANO', 'NINGUNO');--> statement-breakpoint
CREATE TYPE "education"."gender_identity" AS ENUM('FEMENINO', 'MASCULINO', 'TRANSGENERO', 'NO_BINARIO', 'OTRO');--> statement-breakpoint
CREATE TYPE "education"."life_stage" AS ENUM('PRIMERA_INFANCIA', 'INFANCIA', 'ADOLESCENCIA', 'JUVENTUD', 'ADULTEZ', 'VEJEZ');--> statement-breakpoint
CREATE TYPE "education"."material_kind" AS ENUM('BOOKLET', 'GUIDE', 'VIDEO', 'PRESENTATION', 'OTHER');--> statement-breakpoint
CREATE TYPE "education"."modality" AS ENUM('IN_PERSON', 'VIRTUAL', 'HYBRID');--> statement-breakpoint
CREATE TYPE "education"."registration_status" AS ENUM('REGISTERED', 'WAITLISTED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "education"."sex" AS ENUM('HOMBRE', 'MUJER', 'INTERSEXUAL');--> statement-breakpoint
CREATE TYPE "education"."workshop_kind" AS ENUM('WORKSHOP', 'TALK', 'COURSE', 'COMMUNITY_DAY');--> statement-breakpoint
CREATE TYPE "education"."workshop_status" AS ENUM('SCHEDULED', 'HELD', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "education"."workshop_topic" AS ENUM('HEALTH_RIGHTS', 'PARTICIPATION_MECHANISMS', 'PARTICIPATORY_BUDGETING', 'SOCIAL_CONTROL', 'DIGITAL_SKILLS', 'SERVICE_PORTFOLIO', 'DISEASE_PREVENTION', 'COMMUNITY_DAY', 'OTHER');--> statement-breakpoint
CREATE TABLE "education"."audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "education"."evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"registration_id" uuid,
	"satisfaction" smallint NOT NULL,
	"pre_test_score" smallint,
	"post_test_score" smallint,
	"comment" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_satisfaction_range" CHECK ("education"."evaluations"."satisfaction" BETWEEN 1 AND 5),
	CONSTRAINT "evaluations_pre_range" CHECK ("education"."evaluations"."pre_test_score" BETWEEN 0 AND 100),
	CONSTRAINT "evaluations_post_range" CHECK ("education"."evaluations"."post_test_score" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "education"."materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"title" text NOT NULL,
	"kind" "education"."material_kind" NOT NULL,
	"topic" "education"."workshop_topic" NOT NULL,
	"audience" text,
	"language" text DEFAULT 'es' NOT NULL,
	"accessible_formats" "education"."accessible_format"[] DEFAULT '{}' NOT NULL,
	"url" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "education"."registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"workshop_id" uuid NOT NULL,
	"status" "education"."registration_status" NOT NULL,
	"walk_in" boolean DEFAULT false NOT NULL,
	"check_in_code" text,
	"full_name" text,
	"document_type" "education"."document_type",
	"document_number" text,
	"email" text,
	"phone" text,
	"birth_year" smallint,
	"life_stage" "education"."life_stage",
	"sex" "education"."sex",
	"gender_identity" "education"."gender_identity",
	"ethnicity" "education"."ethnicity",
	"disability" boolean,
	"armed_conflict_victim" boolean,
	"migrant" boolean,
	"territory_id" uuid,
	"data_consent_at" timestamp (3) with time zone,
	"erased_at" timestamp (3) with time zone,
	"attended_at" timestamp (3) with time zone,
	"attendance_method" "education"."attendance_method",
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"cancelled_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "education"."schedule_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workshop_id" uuid NOT NULL,
	"previous_starts_at" timestamp (3) with time zone NOT NULL,
	"previous_ends_at" timestamp (3) with time zone NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"changed_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "education"."workshop_materials" (
	"workshop_id" uuid NOT NULL,
	"material_id" uuid NOT NULL,
	CONSTRAINT "workshop_materials_workshop_id_material_id_pk" PRIMARY KEY("workshop_id","material_id")
);
--> statement-breakpoint
CREATE TABLE "education"."workshops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"territory_id" uuid,
	"facility_id" uuid,
	"address" text,
	"activity_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"topic" "education"."workshop_topic" NOT NULL,
	"kind" "education"."workshop_kind" NOT NULL,
	"modality" "education"."modality" NOT NULL,
	"virtual_url" text,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"facilitator" text,
	"status" "education"."workshop_status" DEFAULT 'SCHEDULED' NOT NULL,
	"cancellation_reason" text,
	"services_offered" "education"."community_service"[] DEFAULT '{}' NOT NULL,
	"people_served" integer,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshops_period" CHECK ("education"."workshops"."ends_at" > "education"."workshops"."starts_at"),
	CONSTRAINT "workshops_capacity_positive" CHECK ("education"."workshops"."capacity" > 0),
	CONSTRAINT "workshops_people_served" CHECK ("education"."workshops"."people_served" IS NULL OR "education"."workshops"."people_served" >= 0)
);
--> statement-breakpoint
ALTER TABLE "education"."evaluations" ADD CONSTRAINT "evaluations_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "education"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education"."evaluations" ADD CONSTRAINT "evaluations_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "education"."registrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education"."registrations" ADD CONSTRAINT "registrations_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "education"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education"."schedule_changes" ADD CONSTRAINT "schedule_changes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "education"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education"."workshop_materials" ADD CONSTRAINT "workshop_materials_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "education"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education"."workshop_materials" ADD CONSTRAINT "workshop_materials_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "education"."materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "education_audit_entity_idx" ON "education"."audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "evaluations_workshop_idx" ON "education"."evaluations" USING btree ("workshop_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_registration_key" ON "education"."evaluations" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "materials_sort_idx" ON "education"."materials" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "registrations_workshop_idx" ON "education"."registrations" USING btree ("workshop_id","status","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_check_in_code_key" ON "education"."registrations" USING btree ("check_in_code");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_document_key" ON "education"."registrations" USING btree ("workshop_id","document_number") WHERE "education"."registrations"."document_number" IS NOT NULL AND "education"."registrations"."status" <> 'CANCELLED';--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_email_key" ON "education"."registrations" USING btree ("workshop_id","email") WHERE "education"."registrations"."email" IS NOT NULL AND "education"."registrations"."status" <> 'CANCELLED';--> statement-breakpoint
CREATE INDEX "schedule_changes_workshop_idx" ON "education"."schedule_changes" USING btree ("workshop_id","created_at");--> statement-breakpoint
CREATE INDEX "workshop_materials_material_idx" ON "education"."workshop_materials" USING btree ("material_id");--> statement-breakpoint
CREATE INDEX "workshops_starts_idx" ON "education"."workshops" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "workshops_network_idx" ON "education"."workshops" USING btree ("network_id","starts_at");--> statement-breakpoint
CREATE INDEX "workshops_territory_idx" ON "education"."workshops" USING btree ("territory_id","starts_at");--> statement-breakpoint
CREATE INDEX "workshops_activity_idx" ON "education"."workshops" USING btree ("activity_id");