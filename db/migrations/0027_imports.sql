CREATE TABLE "import_errors" (
	"tenant_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"row" integer NOT NULL,
	"column" text,
	"value" text,
	"message" text NOT NULL,
	"params" jsonb,
	CONSTRAINT "import_errors_tenant_id_import_id_seq_pk" PRIMARY KEY("tenant_id","import_id","seq")
);
--> statement-breakpoint
ALTER TABLE "import_errors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "imports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"source" jsonb NOT NULL,
	"content_sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"status" text DEFAULT 'previewed' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"to_insert" integer DEFAULT 0 NOT NULL,
	"to_update" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"error_rows" integer DEFAULT 0 NOT NULL,
	"failure" text,
	CONSTRAINT "imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "imports_counts_check" CHECK ("imports"."rows_total" >= 0 and "imports"."to_insert" >= 0 and "imports"."to_update" >= 0 and "imports"."unchanged" >= 0 and "imports"."error_rows" >= 0)
);
--> statement-breakpoint
ALTER TABLE "imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_errors" ADD CONSTRAINT "import_errors_import_fk" FOREIGN KEY ("tenant_id","import_id") REFERENCES "public"."imports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_tenant_created_idx" ON "imports" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE POLICY "import_errors_buyer_side" ON "import_errors" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);--> statement-breakpoint
CREATE POLICY "imports_buyer_side" ON "imports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);