CREATE TYPE "territory"."service_modality" AS ENUM('INTRAMURAL', 'EXTRAMURAL', 'TELEMEDICINE', 'HOME');--> statement-breakpoint
CREATE TABLE "territory"."service_offerings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"modality" "territory"."service_modality" NOT NULL,
	"description" text,
	"schedule" text NOT NULL,
	"how_to_request" text NOT NULL,
	"population_served" text NOT NULL,
	"withdrawn_at" timestamp (3) with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_offerings_facility_service_key" UNIQUE("facility_id","search_name","modality")
);
--> statement-breakpoint
ALTER TABLE "territory"."service_offerings" ADD CONSTRAINT "service_offerings_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "territory"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_offerings_sort_idx" ON "territory"."service_offerings" USING btree ("search_name","id");