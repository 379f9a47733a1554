CREATE TABLE "decision_week_rollups" (
	"tenant_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"decisions" integer NOT NULL,
	"hours" double precision[] NOT NULL,
	CONSTRAINT "decision_week_rollups_tenant_id_week_start_supplier_id_pk" PRIMARY KEY("tenant_id","week_start","supplier_id")
);
--> statement-breakpoint
ALTER TABLE "decision_week_rollups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "decision_week_rollups" ADD CONSTRAINT "decision_week_rollups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_week_rollups" ADD CONSTRAINT "decision_week_rollups_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "decision_week_rollups_read" ON "decision_week_rollups" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "decision_week_rollups_buyer_write" ON "decision_week_rollups" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);