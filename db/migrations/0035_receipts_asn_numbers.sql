CREATE TABLE "receipts" (
	"tenant_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"day" date NOT NULL,
	"supplier_id" uuid,
	"qty" numeric(18, 4) NOT NULL,
	CONSTRAINT "receipts_tenant_id_item_id_location_id_day_pk" PRIMARY KEY("tenant_id","item_id","location_id","day"),
	CONSTRAINT "receipts_day_check" CHECK ("receipts"."day" >= '1900-01-01')
);
--> statement-breakpoint
ALTER TABLE "receipts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "asn_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "asn_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "asn_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "shipments" ADD COLUMN "asn_number" text;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_item_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_location_fk" FOREIGN KEY ("tenant_id","location_id") REFERENCES "public"."locations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_supplier_fk" FOREIGN KEY ("tenant_id","supplier_id") REFERENCES "public"."suppliers"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_agreement_fk" FOREIGN KEY ("tenant_id","item_id","location_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","item_id","location_id","supplier_id") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "asn_counters" ADD CONSTRAINT "asn_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "receipts_supplier_day_idx" ON "receipts" USING btree ("tenant_id","supplier_id","day");--> statement-breakpoint
CREATE INDEX "shipments_asn_number_idx" ON "shipments" USING btree ("tenant_id","asn_number");--> statement-breakpoint
CREATE POLICY "receipts_read" ON "receipts" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "receipts_buyer_write" ON "receipts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);--> statement-breakpoint
CREATE POLICY "asn_counters_tenant" ON "asn_counters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The shipments recorded before notices had numbers: the lines written together (one statement,
-- so one created_at) by one supplier are one notice, numbered per tenant and year of shipping in
-- the order they were recorded.
WITH notices AS (
  SELECT tenant_id, supplier_id, created_at, ship_date,
         row_number() OVER (
           PARTITION BY tenant_id, extract(year FROM ship_date)
           ORDER BY created_at, supplier_id, ship_date
         ) AS n
  FROM (SELECT DISTINCT tenant_id, supplier_id, created_at, ship_date FROM shipments) s
)
UPDATE shipments sh
SET asn_number = 'ASN-' || extract(year FROM n.ship_date)::int::text || '-' || lpad(n.n::text, greatest(5, length(n.n::text)), '0')
FROM notices n
WHERE sh.tenant_id = n.tenant_id AND sh.supplier_id = n.supplier_id AND sh.created_at = n.created_at
  AND sh.ship_date = n.ship_date;--> statement-breakpoint
INSERT INTO asn_counters (tenant_id, year, last_number)
SELECT tenant_id, substr(asn_number, 5, 4)::int, max(substr(asn_number, 10)::int)
FROM shipments GROUP BY 1, 2;--> statement-breakpoint
ALTER TABLE "shipments" ALTER COLUMN "asn_number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE receipts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE asn_counters FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON receipts TO vmi_app;--> statement-breakpoint
CREATE TRIGGER receipts_data_version_insert AFTER INSERT ON receipts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER receipts_data_version_update AFTER UPDATE ON receipts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER receipts_data_version_delete AFTER DELETE ON receipts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
-- ASN numbers (ASN-YYYY-NNNNN) are sequential per tenant and year, given like plan numbers: the
-- app role has no grant on asn_counters, and the upsert's row lock serialises concurrent notices.
CREATE OR REPLACE FUNCTION next_asn_number(p_year integer)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_number integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'next_asn_number needs a tenant context';
  END IF;
  IF p_year < 2000 OR p_year > 9999 THEN
    RAISE EXCEPTION 'next_asn_number: year % is out of range', p_year;
  END IF;
  INSERT INTO asn_counters (tenant_id, year, last_number) VALUES (v_tenant, p_year, 1)
  ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = asn_counters.last_number + 1
  RETURNING last_number INTO v_number;
  -- lpad would cut a sixth digit off (as plan numbers learnt): past 99,999 the number grows.
  RETURN 'ASN-' || p_year::text || '-' || lpad(v_number::text, greatest(5, length(v_number::text)), '0');
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION next_asn_number(integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION next_asn_number(integer) TO vmi_app;
