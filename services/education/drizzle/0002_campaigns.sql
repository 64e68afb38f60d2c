CREATE TYPE "education"."campaign_channel" AS ENUM('RADIO', 'TELEVISION', 'SOCIAL_MEDIA', 'MESSAGING', 'COMMUNITY_CHANNEL', 'PRINT', 'EVENT', 'WEB');--> statement-breakpoint
CREATE TABLE "education"."campaign_piece_materials" (
	"piece_id" uuid NOT NULL,
	"material_id" uuid NOT NULL,
	CONSTRAINT "campaign_piece_materials_piece_id_material_id_pk" PRIMARY KEY("piece_id","material_id")
);
--> statement-breakpoint
CREATE TABLE "education"."campaign_pieces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"channel" "education"."campaign_channel" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"outlet" text,
	"audience" text,
	"territory_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"people_reached" integer,
	"impressions" integer,
	"listeners" integer,
	"reach_reported_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_pieces_period" CHECK ("education"."campaign_pieces"."ends_on" >= "education"."campaign_pieces"."starts_on"),
	CONSTRAINT "campaign_pieces_reach" CHECK (coalesce("education"."campaign_pieces"."people_reached", 0) >= 0 AND coalesce("education"."campaign_pieces"."impressions", 0) >= 0 AND coalesce("education"."campaign_pieces"."listeners", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "education"."campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"title" text NOT NULL,
	"objective" text,
	"audience" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"activity_id" uuid,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_period" CHECK ("education"."campaigns"."ends_on" >= "education"."campaigns"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "education"."campaign_piece_materials" ADD CONSTRAINT "campaign_piece_materials_piece_id_campaign_pieces_id_fk" FOREIGN KEY ("piece_id") REFERENCES "education"."campaign_pieces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education"."campaign_piece_materials" ADD CONSTRAINT "campaign_piece_materials_material_id_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "education"."materials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "education"."campaign_pieces" ADD CONSTRAINT "campaign_pieces_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "education"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_pieces_campaign_idx" ON "education"."campaign_pieces" USING btree ("campaign_id","starts_on");--> statement-breakpoint
CREATE INDEX "campaign_pieces_period_idx" ON "education"."campaign_pieces" USING btree ("starts_on");--> statement-breakpoint
CREATE INDEX "campaigns_sort_idx" ON "education"."campaigns" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "campaigns_activity_idx" ON "education"."campaigns" USING btree ("activity_id");