CREATE TABLE "education"."outbox_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigserial NOT NULL,
	"kind" text NOT NULL,
	"aggregate" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "education"."reminders_sent" (
	"registration_id" uuid NOT NULL,
	"hours_before" smallint NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_sent_registration_id_hours_before_pk" PRIMARY KEY("registration_id","hours_before")
);
--> statement-breakpoint
ALTER TABLE "education"."reminders_sent" ADD CONSTRAINT "reminders_sent_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "education"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "education_outbox_pending_idx" ON "education"."outbox_events" USING btree ("seq") WHERE "education"."outbox_events"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "education_outbox_done_idx" ON "education"."outbox_events" USING btree ("done_at");