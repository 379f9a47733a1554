-- The unique key first: the foreign keys below reference it.
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_id_supplier_key" UNIQUE("tenant_id","id","supplier_id");--> statement-breakpoint
CREATE TABLE "agreement_metrics" (
	"tenant_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"as_of" text NOT NULL,
	"annual_value" numeric(18, 4) NOT NULL,
	"abc" text NOT NULL,
	"abc_rank" integer NOT NULL,
	"xyz" text NOT NULL,
	"cv" double precision,
	"pattern" text NOT NULL,
	"adi" double precision,
	"cv2" double precision,
	"forecast_method" text NOT NULL,
	"forecast_weekly" double precision NOT NULL,
	"forecast_sd_weekly" double precision NOT NULL,
	"forecast_daily" double precision NOT NULL,
	"backtest_mae" double precision,
	"backtest_wape" double precision,
	"backtest_bias" double precision,
	"service_level" double precision,
	"safety_stock" numeric(18, 4) NOT NULL,
	"recommended_min" numeric(18, 4) NOT NULL,
	"recommended_max" numeric(18, 4) NOT NULL,
	"eoq" numeric(18, 4) NOT NULL,
	"days_of_cover" double precision,
	"on_hand" numeric(18, 4),
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreement_metrics_tenant_id_agreement_id_pk" PRIMARY KEY("tenant_id","agreement_id")
);
--> statement-breakpoint
ALTER TABLE "agreement_metrics" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "plan_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "plan_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "plan_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "plan_events" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"comment" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "plan_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "plan_lines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"line_no" integer NOT NULL,
	"agreement_id" uuid NOT NULL,
	"qty" numeric(18, 4) NOT NULL,
	"ship_date" date NOT NULL,
	"arrival_date" date NOT NULL,
	"proposed_qty" numeric(18, 4),
	"reason" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"approved_qty" numeric(18, 4),
	"approved_arrival_date" date,
	"decision_code" text,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_lines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plan_lines_line_key" UNIQUE("tenant_id","plan_id","version","line_no"),
	CONSTRAINT "plan_lines_qty_check" CHECK ("plan_lines"."qty" > 0 and ("plan_lines"."approved_qty" is null or "plan_lines"."approved_qty" >= 0)),
	CONSTRAINT "plan_lines_dates_check" CHECK ("plan_lines"."arrival_date" >= "plan_lines"."ship_date"),
	CONSTRAINT "plan_lines_status_check" CHECK ("plan_lines"."status" in ('pending', 'accepted', 'rejected', 'shipped', 'received'))
);
--> statement-breakpoint
ALTER TABLE "plan_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "replenishment_plans" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"number" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"lock_version" integer DEFAULT 1 NOT NULL,
	"request_id" uuid NOT NULL,
	"note" text,
	"created_by" uuid,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "replenishment_plans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "replenishment_plans_number_key" UNIQUE("tenant_id","number"),
	CONSTRAINT "replenishment_plans_request_key" UNIQUE("tenant_id","request_id"),
	CONSTRAINT "replenishment_plans_id_supplier_key" UNIQUE("tenant_id","id","supplier_id"),
	CONSTRAINT "replenishment_plans_status_check" CHECK ("replenishment_plans"."status" in ('draft', 'submitted', 'in_review', 'approved', 'partially_approved', 'rejected', 'changes_requested', 'withdrawn')),
	CONSTRAINT "replenishment_plans_version_check" CHECK ("replenishment_plans"."version" >= 1 and "replenishment_plans"."lock_version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "replenishment_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shipments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"plan_line_id" uuid,
	"qty" numeric(18, 4) NOT NULL,
	"ship_date" date NOT NULL,
	"expected_arrival" date NOT NULL,
	"carrier" text,
	"tracking" text,
	"status" text DEFAULT 'in_transit' NOT NULL,
	"received_qty" numeric(18, 4),
	"received_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "shipments_qty_check" CHECK ("shipments"."qty" > 0 and ("shipments"."received_qty" is null or "shipments"."received_qty" >= 0)),
	CONSTRAINT "shipments_dates_check" CHECK ("shipments"."expected_arrival" >= "shipments"."ship_date"),
	CONSTRAINT "shipments_status_check" CHECK ("shipments"."status" in ('in_transit', 'received'))
);
--> statement-breakpoint
ALTER TABLE "shipments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agreement_metrics" ADD CONSTRAINT "agreement_metrics_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_metrics" ADD CONSTRAINT "agreement_metrics_agreement_fk" FOREIGN KEY ("tenant_id","agreement_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","id","supplier_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "plan_counters" ADD CONSTRAINT "plan_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_plan_fk" FOREIGN KEY ("tenant_id","plan_id","supplier_id") REFERENCES "public"."replenishment_plans"("tenant_id","id","supplier_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_plan_fk" FOREIGN KEY ("tenant_id","plan_id","supplier_id") REFERENCES "public"."replenishment_plans"("tenant_id","id","supplier_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_agreement_fk" FOREIGN KEY ("tenant_id","agreement_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","id","supplier_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replenishment_plans" ADD CONSTRAINT "replenishment_plans_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replenishment_plans" ADD CONSTRAINT "replenishment_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replenishment_plans" ADD CONSTRAINT "replenishment_plans_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_agreement_fk" FOREIGN KEY ("tenant_id","agreement_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","id","supplier_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_plan_line_fk" FOREIGN KEY ("tenant_id","plan_line_id") REFERENCES "public"."plan_lines"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_events_plan_idx" ON "plan_events" USING btree ("tenant_id","plan_id","occurred_at");--> statement-breakpoint
CREATE INDEX "plan_lines_agreement_idx" ON "plan_lines" USING btree ("tenant_id","agreement_id");--> statement-breakpoint
CREATE INDEX "replenishment_plans_supplier_idx" ON "replenishment_plans" USING btree ("tenant_id","supplier_id","status");--> statement-breakpoint
CREATE INDEX "replenishment_plans_status_idx" ON "replenishment_plans" USING btree ("tenant_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "shipments_agreement_idx" ON "shipments" USING btree ("tenant_id","agreement_id","status");--> statement-breakpoint
CREATE POLICY "agreement_metrics_read" ON "agreement_metrics" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "agreement_metrics_buyer_write" ON "agreement_metrics" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);--> statement-breakpoint
CREATE POLICY "plan_counters_tenant" ON "plan_counters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "plan_events_owner" ON "plan_events" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "plan_lines_owner" ON "plan_lines" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "replenishment_plans_owner" ON "replenishment_plans" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "shipments_owner" ON "shipments" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));