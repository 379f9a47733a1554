CREATE TABLE "agreement_bands" (
	"tenant_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"min_qty" numeric(18, 4) NOT NULL,
	"max_qty" numeric(18, 4) NOT NULL,
	CONSTRAINT "agreement_bands_tenant_id_agreement_id_valid_from_pk" PRIMARY KEY("tenant_id","agreement_id","valid_from"),
	CONSTRAINT "agreement_bands_period_check" CHECK ("agreement_bands"."valid_from" < "agreement_bands"."valid_to")
);
--> statement-breakpoint
ALTER TABLE "agreement_bands" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "agreement_week_rollups" (
	"tenant_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"supplier_id" uuid NOT NULL,
	"snapshot_days" integer NOT NULL,
	"in_band_days" integer NOT NULL,
	"below_min_days" integer NOT NULL,
	"stockout_days" integer NOT NULL,
	"above_max_days" integer NOT NULL,
	"stock_value_days" numeric(18, 4) NOT NULL,
	"close_day" date,
	"close_on_hand" numeric(18, 4),
	"close_value" numeric(18, 4),
	"close_above_max_value" numeric(18, 4),
	"consumption_qty" numeric(18, 4) NOT NULL,
	"consumption_value" numeric(18, 4) NOT NULL,
	"last_consumed_on" date,
	CONSTRAINT "agreement_week_rollups_tenant_id_agreement_id_week_start_pk" PRIMARY KEY("tenant_id","agreement_id","week_start")
);
--> statement-breakpoint
ALTER TABLE "agreement_week_rollups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "segment_week_rollups" (
	"tenant_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"abc" text NOT NULL,
	"xyz" text NOT NULL,
	"week_start" date NOT NULL,
	"agreements" integer NOT NULL,
	"snapshot_days" integer NOT NULL,
	"in_band_days" integer NOT NULL,
	"below_min_days" integer NOT NULL,
	"stockout_days" integer NOT NULL,
	"above_max_days" integer NOT NULL,
	"stock_value_days" numeric(18, 4) NOT NULL,
	"close_value" numeric(18, 4) NOT NULL,
	"close_above_max_value" numeric(18, 4) NOT NULL,
	"dead_close_value" numeric(18, 4) NOT NULL,
	"dead_close_agreements" integer NOT NULL,
	"consumption_value" numeric(18, 4) NOT NULL,
	CONSTRAINT "segment_week_rollups_tenant_id_week_start_supplier_id_abc_xyz_pk" PRIMARY KEY("tenant_id","week_start","supplier_id","abc","xyz"),
	CONSTRAINT "segment_week_rollups_abc_check" CHECK ("segment_week_rollups"."abc" in ('A', 'B', 'C', '-')),
	CONSTRAINT "segment_week_rollups_xyz_check" CHECK ("segment_week_rollups"."xyz" in ('X', 'Y', 'Z', '-'))
);
--> statement-breakpoint
ALTER TABLE "segment_week_rollups" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agreement_bands" ADD CONSTRAINT "agreement_bands_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_bands" ADD CONSTRAINT "agreement_bands_agreement_fk" FOREIGN KEY ("tenant_id","agreement_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","id","supplier_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "segment_week_rollups" ADD CONSTRAINT "segment_week_rollups_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_week_rollups" ADD CONSTRAINT "segment_week_rollups_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_week_rollups_supplier_week_idx" ON "agreement_week_rollups" USING btree ("tenant_id","supplier_id","week_start");--> statement-breakpoint
CREATE INDEX "segment_week_rollups_supplier_idx" ON "segment_week_rollups" USING btree ("tenant_id","supplier_id","week_start");--> statement-breakpoint
CREATE POLICY "agreement_bands_read" ON "agreement_bands" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "agreement_bands_buyer_write" ON "agreement_bands" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);--> statement-breakpoint
CREATE POLICY "agreement_week_rollups_read" ON "agreement_week_rollups" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "agreement_week_rollups_buyer_write" ON "agreement_week_rollups" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);--> statement-breakpoint
CREATE POLICY "segment_week_rollups_read" ON "segment_week_rollups" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "segment_week_rollups_buyer_write" ON "segment_week_rollups" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);