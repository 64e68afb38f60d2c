CREATE TABLE "education"."workshop_services" (
	"workshop_id" uuid NOT NULL,
	"service_offering_id" uuid NOT NULL,
	CONSTRAINT "workshop_services_workshop_id_service_offering_id_pk" PRIMARY KEY("workshop_id","service_offering_id")
);
--> statement-breakpoint
ALTER TABLE "education"."workshop_services" ADD CONSTRAINT "workshop_services_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "education"."workshops"("id") ON DELETE cascade ON UPDATE no action;