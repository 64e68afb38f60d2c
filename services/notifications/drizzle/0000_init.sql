CREATE SCHEMA "notifications";
--> statement-breakpoint
CREATE TYPE "notifications"."delivery_channel" AS ENUM('EMAIL', 'WEBHOOK');--> statement-breakpoint
CREATE TYPE "notifications"."delivery_status" AS ENUM('PENDING', 'SENT', 'FAILED');--> statement-breakpoint
CREATE TABLE "notifications"."deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"recipient" text NOT NULL,
	"channel" "notifications"."delivery_channel" NOT NULL,
	"address" text,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"status" "notifications"."delivery_status" DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications"."notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"inbox" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications"."received_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"kind" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_event_recipient_channel_key" ON "notifications"."deliveries" USING btree ("event_id","recipient","channel");--> statement-breakpoint
CREATE INDEX "deliveries_status_idx" ON "notifications"."deliveries" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_inbox_key" ON "notifications"."notifications" USING btree ("event_id","inbox");--> statement-breakpoint
CREATE INDEX "notifications_inbox_idx" ON "notifications"."notifications" USING btree ("inbox","created_at","id");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications"."notifications" USING btree ("inbox") WHERE "notifications"."notifications"."read_at" IS NULL;