CREATE TABLE "api_rate_windows" (
	"tenant_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "api_rate_windows_tenant_id_key_id_window_start_pk" PRIMARY KEY("tenant_id","key_id","window_start"),
	CONSTRAINT "api_rate_windows_count_check" CHECK ("api_rate_windows"."count" >= 1)
);
--> statement-breakpoint
ALTER TABLE "api_rate_windows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_rate_windows" ADD CONSTRAINT "api_rate_windows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_rate_windows" ADD CONSTRAINT "api_rate_windows_tenant_id_key_id_api_keys_tenant_id_id_fk" FOREIGN KEY ("tenant_id","key_id") REFERENCES "public"."api_keys"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "api_rate_windows_read" ON "api_rate_windows" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY "api_rate_windows_admin_write" ON "api_rate_windows" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');