CREATE SCHEMA "territory";
--> statement-breakpoint
CREATE TYPE "territory"."actor_position" AS ENUM('SUPPORTS', 'NEUTRAL', 'OPPOSES');--> statement-breakpoint
CREATE TYPE "territory"."cartography_kind" AS ENUM('PROBLEM', 'RESOURCE', 'RISK_ZONE', 'ASSET');--> statement-breakpoint
CREATE TYPE "territory"."facility_kind" AS ENUM('HOSPITAL', 'CENTRO_SALUD', 'PUESTO_SALUD', 'SEDE_ADMINISTRATIVA');--> statement-breakpoint
CREATE TYPE "territory"."organization_kind" AS ENUM('ASOCIACION_USUARIOS', 'COPACO', 'VEEDURIA', 'COMITE_ETICA', 'JUNTA_ACCION_COMUNAL', 'ORGANIZACION_SOCIAL', 'INSTITUCION_PUBLICA', 'EPS', 'ACADEMIA', 'OTRA');--> statement-breakpoint
CREATE TYPE "territory"."territory_kind" AS ENUM('COMUNA', 'CORREGIMIENTO', 'BARRIO', 'VEREDA');--> statement-breakpoint
CREATE TABLE "territory"."actor_relations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"strength" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actor_relations_pair_kind_key" UNIQUE("from_id","to_id","kind"),
	CONSTRAINT "actor_relations_not_self" CHECK ("territory"."actor_relations"."from_id" <> "territory"."actor_relations"."to_id"),
	CONSTRAINT "actor_relations_strength_range" CHECK ("territory"."actor_relations"."strength" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "territory"."audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"details" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "territory"."cartography_features" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"territory_id" uuid,
	"kind" "territory"."cartography_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"geometry" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "territory"."facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"territory_id" uuid,
	"name" text NOT NULL,
	"kind" "territory"."facility_kind" NOT NULL,
	"address" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "facilities_network_name_key" UNIQUE("network_id","name")
);
--> statement-breakpoint
CREATE TABLE "territory"."networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "networks_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "territory"."organization_territories" (
	"organization_id" uuid NOT NULL,
	"territory_id" uuid NOT NULL,
	CONSTRAINT "organization_territories_organization_id_territory_id_pk" PRIMARY KEY("organization_id","territory_id")
);
--> statement-breakpoint
CREATE TABLE "territory"."organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"kind" "territory"."organization_kind" NOT NULL,
	"description" text,
	"population_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"influence" integer,
	"interest" integer,
	"position" "territory"."actor_position",
	"contact_email" text,
	"contact_phone" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_influence_range" CHECK ("territory"."organizations"."influence" BETWEEN 1 AND 5),
	CONSTRAINT "organizations_interest_range" CHECK ("territory"."organizations"."interest" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "territory"."representations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"body" text NOT NULL,
	"role" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "representations_period" CHECK ("territory"."representations"."end_date" IS NULL OR "territory"."representations"."end_date" >= "territory"."representations"."start_date")
);
--> statement-breakpoint
CREATE TABLE "territory"."territories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "territory"."territory_kind" NOT NULL,
	"network_id" uuid,
	"parent_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "territories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "territory"."actor_relations" ADD CONSTRAINT "actor_relations_from_id_organizations_id_fk" FOREIGN KEY ("from_id") REFERENCES "territory"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."actor_relations" ADD CONSTRAINT "actor_relations_to_id_organizations_id_fk" FOREIGN KEY ("to_id") REFERENCES "territory"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."cartography_features" ADD CONSTRAINT "cartography_features_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "territory"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."cartography_features" ADD CONSTRAINT "cartography_features_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "territory"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."facilities" ADD CONSTRAINT "facilities_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "territory"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."facilities" ADD CONSTRAINT "facilities_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "territory"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."organization_territories" ADD CONSTRAINT "organization_territories_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "territory"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."organization_territories" ADD CONSTRAINT "organization_territories_territory_id_territories_id_fk" FOREIGN KEY ("territory_id") REFERENCES "territory"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."organizations" ADD CONSTRAINT "organizations_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "territory"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."representations" ADD CONSTRAINT "representations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "territory"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."territories" ADD CONSTRAINT "territories_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "territory"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory"."territories" ADD CONSTRAINT "territories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "territory"."territories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actor_relations_to_idx" ON "territory"."actor_relations" USING btree ("to_id");--> statement-breakpoint
CREATE INDEX "territory_audit_entity_idx" ON "territory"."audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "cartography_network_idx" ON "territory"."cartography_features" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "facilities_network_idx" ON "territory"."facilities" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "org_territories_territory_idx" ON "territory"."organization_territories" USING btree ("territory_id");--> statement-breakpoint
CREATE INDEX "organizations_network_idx" ON "territory"."organizations" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "organizations_sort_idx" ON "territory"."organizations" USING btree ("search_name","id");--> statement-breakpoint
CREATE INDEX "representations_organization_idx" ON "territory"."representations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "territories_network_idx" ON "territory"."territories" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "territories_parent_idx" ON "territory"."territories" USING btree ("parent_id");