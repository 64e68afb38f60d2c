CREATE TABLE "planning"."outbox_events" (
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
CREATE TABLE "planning"."reminders_sent" (
	"key" text PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "planning_outbox_pending_idx" ON "planning"."outbox_events" USING btree ("seq") WHERE "planning"."outbox_events"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "planning_outbox_done_idx" ON "planning"."outbox_events" USING btree ("done_at");