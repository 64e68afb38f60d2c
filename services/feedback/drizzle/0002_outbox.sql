CREATE TABLE "feedback"."outbox_events" (
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
CREATE INDEX "feedback_outbox_pending_idx" ON "feedback"."outbox_events" USING btree ("seq") WHERE "feedback"."outbox_events"."done_at" IS NULL;--> statement-breakpoint
CREATE INDEX "feedback_outbox_done_idx" ON "feedback"."outbox_events" USING btree ("done_at");