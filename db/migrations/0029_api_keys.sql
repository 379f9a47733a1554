CREATE TABLE "api_keys" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_sha256" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "api_keys_key_sha256_key" UNIQUE("key_sha256"),
	CONSTRAINT "api_keys_scopes_check" CHECK (cardinality("api_keys"."scopes") > 0 and "api_keys"."scopes" <@ array['items:write', 'partners:write', 'agreements:write', 'facts:write', 'imports:write', 'read']::text[]),
	CONSTRAINT "api_keys_key_sha256_check" CHECK ("api_keys"."key_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "api_keys_read" ON "api_keys" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY "api_keys_admin_write" ON "api_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');