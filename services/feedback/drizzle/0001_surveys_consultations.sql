CREATE TYPE "feedback"."question_kind" AS ENUM('SCALE_1_5', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'OPEN_TEXT');--> statement-breakpoint
CREATE TYPE "feedback"."survey_kind" AS ENUM('GENERAL', 'USER_EXPERIENCE');--> statement-breakpoint
CREATE TABLE "feedback"."consultation_votes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consultation_id" uuid NOT NULL,
	"option" smallint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."consultations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"question" text NOT NULL,
	"description" text,
	"options" text[] NOT NULL,
	"opens_at" timestamp (3) with time zone NOT NULL,
	"closes_at" timestamp (3) with time zone NOT NULL,
	"activity_id" uuid,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_period" CHECK ("feedback"."consultations"."closes_at" > "feedback"."consultations"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "feedback"."participation_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participation_codes_subject_hash_key" UNIQUE("subject_id","code_hash")
);
--> statement-breakpoint
CREATE TABLE "feedback"."participations" (
	"subject_id" uuid NOT NULL,
	"participant_key" text NOT NULL,
	CONSTRAINT "participations_subject_id_participant_key_pk" PRIMARY KEY("subject_id","participant_key")
);
--> statement-breakpoint
CREATE TABLE "feedback"."survey_answers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"scale" smallint,
	"choices" smallint[],
	"text" text,
	CONSTRAINT "survey_answers_scale_range" CHECK ("feedback"."survey_answers"."scale" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "feedback"."survey_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" "feedback"."question_kind" NOT NULL,
	"prompt" text NOT NULL,
	"options" text[] DEFAULT '{}'::text[] NOT NULL,
	"required" boolean NOT NULL,
	"overall" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_questions_position_key" UNIQUE("survey_id","position")
);
--> statement-breakpoint
CREATE TABLE "feedback"."survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"respondent" text,
	"submitted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback"."surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"kind" "feedback"."survey_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"anonymous" boolean NOT NULL,
	"opens_at" timestamp (3) with time zone NOT NULL,
	"closes_at" timestamp (3) with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_period" CHECK ("feedback"."surveys"."closes_at" > "feedback"."surveys"."opens_at")
);
--> statement-breakpoint
ALTER TABLE "feedback"."consultation_votes" ADD CONSTRAINT "consultation_votes_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "feedback"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback"."survey_answers" ADD CONSTRAINT "survey_answers_response_id_survey_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "feedback"."survey_responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback"."survey_answers" ADD CONSTRAINT "survey_answers_question_id_survey_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "feedback"."survey_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback"."survey_questions" ADD CONSTRAINT "survey_questions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "feedback"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback"."survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "feedback"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultation_votes_consultation_idx" ON "feedback"."consultation_votes" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultations_sort_idx" ON "feedback"."consultations" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "consultations_activity_idx" ON "feedback"."consultations" USING btree ("activity_id");--> statement-breakpoint
CREATE INDEX "survey_answers_question_idx" ON "feedback"."survey_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "feedback"."survey_responses" USING btree ("survey_id","submitted_at");--> statement-breakpoint
CREATE INDEX "surveys_network_idx" ON "feedback"."surveys" USING btree ("network_id","opens_at");--> statement-breakpoint
CREATE INDEX "surveys_sort_idx" ON "feedback"."surveys" USING btree ("created_at","id");