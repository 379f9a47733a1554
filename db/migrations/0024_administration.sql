CREATE TABLE "password_resets" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "password_resets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "setup_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "setup_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invitations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"supplier_id" uuid,
	"supplier_admin" boolean DEFAULT false NOT NULL,
	"locale" text NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"invited_by" uuid,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "invitations_token_key" UNIQUE("token_hash"),
	CONSTRAINT "invitations_role_check" CHECK ("invitations"."role" in ('admin', 'manager', 'buyer', 'supplier')),
	CONSTRAINT "invitations_supplier_role_check" CHECK (("invitations"."role" = 'supplier') = ("invitations"."supplier_id" is not null)),
	CONSTRAINT "invitations_supplier_admin_check" CHECK (not "invitations"."supplier_admin" or "invitations"."role" = 'supplier'),
	CONSTRAINT "invitations_locale_check" CHECK ("invitations"."locale" in ('en', 'zh-CN'))
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_outbox" ALTER COLUMN "tenant_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "default_locale" text DEFAULT 'zh-CN' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "gtin" text;--> statement-breakpoint
ALTER TABLE "items" ADD COLUMN "supplier_part_number" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "gln" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "supplier_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "contact_emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "suppliers" ADD COLUMN "status" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "password_resets_user_idx" ON "password_resets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("tenant_id",lower("email"));--> statement-breakpoint
CREATE INDEX "items_name_idx" ON "items" USING btree ("tenant_id","name");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_supplier_admin_check" CHECK (not "memberships"."supplier_admin" or "memberships"."role" = 'supplier');--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_status_check" CHECK ("memberships"."status" in ('active', 'deactivated'));--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_status_check" CHECK ("suppliers"."status" in ('active', 'inactive'));--> statement-breakpoint
DROP POLICY "items_buyer_write" ON "items" CASCADE;--> statement-breakpoint
DROP POLICY "locations_buyer_write" ON "locations" CASCADE;--> statement-breakpoint
DROP POLICY "memberships_buyer_write" ON "memberships" CASCADE;--> statement-breakpoint
DROP POLICY "suppliers_buyer_write" ON "suppliers" CASCADE;--> statement-breakpoint
CREATE POLICY "users_member_read" ON "users" AS PERMISSIVE FOR SELECT TO public USING ((nullif(current_setting('app.role', true), '') = 'admin' or (nullif(current_setting('app.role', true), '') = 'supplier' and current_setting('app.supplier_admin', true) = 'on')) and exists (select 1 from memberships m where m.user_id = users.id and m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or m.supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid)));--> statement-breakpoint
CREATE POLICY "items_admin_write" ON "items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY "locations_admin_write" ON "locations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY "memberships_admin_write" ON "memberships" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY "memberships_supplier_admin_write" ON "memberships" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.role', true), '') = 'supplier' and current_setting('app.supplier_admin', true) = 'on') and role = 'supplier' and supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.role', true), '') = 'supplier' and current_setting('app.supplier_admin', true) = 'on') and role = 'supplier' and supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "suppliers_admin_write" ON "suppliers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY "invitations_read" ON "invitations" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "invitations_admin_write" ON "invitations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');--> statement-breakpoint
CREATE POLICY "invitations_supplier_admin_write" ON "invitations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.role', true), '') = 'supplier' and current_setting('app.supplier_admin', true) = 'on') and role = 'supplier' and supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.role', true), '') = 'supplier' and current_setting('app.supplier_admin', true) = 'on') and role = 'supplier' and supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid);--> statement-breakpoint
ALTER POLICY "tenants_own_update" ON "tenants" TO public USING (id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin') WITH CHECK (id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null and nullif(current_setting('app.role', true), '') = 'admin');