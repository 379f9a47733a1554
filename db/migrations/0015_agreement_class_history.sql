CREATE TABLE "agreement_class_history" (
	"tenant_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"supplier_id" uuid NOT NULL,
	"abc" text NOT NULL,
	"xyz" text NOT NULL,
	CONSTRAINT "agreement_class_history_tenant_id_agreement_id_valid_from_pk" PRIMARY KEY("tenant_id","agreement_id","valid_from")
);
--> statement-breakpoint
ALTER TABLE "agreement_class_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agreement_class_history" ADD CONSTRAINT "agreement_class_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_class_history" ADD CONSTRAINT "agreement_class_history_agreement_fk" FOREIGN KEY ("tenant_id","agreement_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","id","supplier_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE POLICY "agreement_class_history_read" ON "agreement_class_history" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "agreement_class_history_buyer_write" ON "agreement_class_history" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);