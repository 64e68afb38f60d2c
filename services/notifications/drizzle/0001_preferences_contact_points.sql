CREATE TYPE "notifications"."digest_mode" AS ENUM('IMMEDIATE', 'DAILY', 'WEEKLY', 'NONE');--> statement-breakpoint
ALTER TYPE "notifications"."delivery_status" ADD VALUE 'HELD';--> statement-breakpoint
ALTER TYPE "notifications"."delivery_status" ADD VALUE 'DIGESTED';--> statement-breakpoint
CREATE TABLE "notifications"."contact_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_code" text NOT NULL,
	"role" text NOT NULL,
	"channel" "notifications"."delivery_channel" NOT NULL,
	"address" text NOT NULL,
	"secret" text,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"digest" "notifications"."digest_mode" DEFAULT 'IMMEDIATE' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications"."opt_outs" (
	"recipient" text NOT NULL,
	"kind" text NOT NULL,
	"channel" "notifications"."delivery_channel" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opt_outs_recipient_kind_channel_pk" PRIMARY KEY("recipient","kind","channel")
);
--> statement-breakpoint
CREATE TABLE "notifications"."person_settings" (
	"sub" text PRIMARY KEY NOT NULL,
	"email" text,
	"digest" "notifications"."digest_mode" DEFAULT 'IMMEDIATE' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications"."deliveries" ALTER COLUMN "created_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "notifications"."deliveries" ALTER COLUMN "created_at" SET DEFAULT now();--> statement-breakpoint
ALTER TABLE "notifications"."deliveries" ADD COLUMN "digest" "notifications"."digest_mode" DEFAULT 'IMMEDIATE' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_points_role_channel_address_key" ON "notifications"."contact_points" USING btree ("network_code","role","channel","address");