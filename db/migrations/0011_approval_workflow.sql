CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid,
	"recipient" text NOT NULL,
	"locale" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"link" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_outbox_event_recipient_key" UNIQUE("event_id","recipient"),
	CONSTRAINT "email_outbox_status_check" CHECK ("email_outbox"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notifications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"link" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "notifications_event_user_key" UNIQUE("tenant_id","event_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "band_proposals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"current_min" numeric(18, 4) NOT NULL,
	"current_max" numeric(18, 4) NOT NULL,
	"proposed_min" numeric(18, 4) NOT NULL,
	"proposed_max" numeric(18, 4) NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"decided_by" uuid,
	"decision_comment" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "band_proposals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "band_proposals_band_check" CHECK ("band_proposals"."proposed_min" >= 0 and "band_proposals"."proposed_max" >= "band_proposals"."proposed_min"),
	CONSTRAINT "band_proposals_status_check" CHECK ("band_proposals"."status" in ('pending', 'accepted', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "band_proposals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "plan_events" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD COLUMN "shipped_qty" numeric(18, 4) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD COLUMN "received_qty" numeric(18, 4) DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD COLUMN "received_on" date;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD COLUMN "on_time" boolean;--> statement-breakpoint
ALTER TABLE "plan_lines" ADD COLUMN "fill_rate" numeric(8, 4);--> statement-breakpoint
ALTER TABLE "replenishment_plans" ADD COLUMN "route" jsonb;--> statement-breakpoint
ALTER TABLE "replenishment_plans" ADD COLUMN "decision_code" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "band_proposals" ADD CONSTRAINT "band_proposals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "band_proposals" ADD CONSTRAINT "band_proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "band_proposals" ADD CONSTRAINT "band_proposals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "band_proposals" ADD CONSTRAINT "band_proposals_agreement_fk" FOREIGN KEY ("tenant_id","agreement_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","id","supplier_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","tenant_id","read_at","created_at");--> statement-breakpoint
CREATE INDEX "band_proposals_agreement_idx" ON "band_proposals" USING btree ("tenant_id","agreement_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "band_proposals_one_pending_key" ON "band_proposals" USING btree ("tenant_id","agreement_id") WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_decision_code_check" CHECK ("plan_lines"."decision_code" is null or "plan_lines"."decision_code" in ('IA', 'IQ', 'DR', 'IR'));--> statement-breakpoint
ALTER TABLE "plan_lines" ADD CONSTRAINT "plan_lines_shipped_check" CHECK ("plan_lines"."shipped_qty" >= 0 and "plan_lines"."received_qty" >= 0);--> statement-breakpoint
ALTER TABLE "replenishment_plans" ADD CONSTRAINT "replenishment_plans_decision_code_check" CHECK ("replenishment_plans"."decision_code" is null or "replenishment_plans"."decision_code" in ('AC', 'AD', 'RD'));--> statement-breakpoint
CREATE POLICY "email_outbox_tenant" ON "email_outbox" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "notifications_own" ON "notifications" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and user_id = nullif(current_setting('app.user_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and user_id = nullif(current_setting('app.user_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "band_proposals_owner" ON "band_proposals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid)) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));