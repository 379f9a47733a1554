-- FORCE binds the tables' owner to the policies too; drizzle-kit does not emit it.
ALTER TABLE agreement_metrics FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE replenishment_plans FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE plan_lines FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE plan_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE plan_counters FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE shipments FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON agreement_metrics, replenishment_plans, plan_lines, shipments TO vmi_app;--> statement-breakpoint
-- The timeline is append-only, like the audit trail.
GRANT SELECT, INSERT ON plan_events TO vmi_app;--> statement-breakpoint
-- Plan numbers (RP-YYYY-NNNNN) are sequential per tenant and year. The counter is reached only
-- through this function, for the tenant of the calling transaction: the app role has no grant on
-- plan_counters, so a supplier cannot read how many plans the tenant's other suppliers submitted.
-- The row lock of the upsert serialises concurrent submissions, so no number is given twice.
CREATE OR REPLACE FUNCTION next_plan_number(p_year integer)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_number integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'next_plan_number needs a tenant context';
  END IF;
  IF p_year < 2000 OR p_year > 9999 THEN
    RAISE EXCEPTION 'next_plan_number: year % is out of range', p_year;
  END IF;
  INSERT INTO plan_counters (tenant_id, year, last_number) VALUES (v_tenant, p_year, 1)
  ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = plan_counters.last_number + 1
  RETURNING last_number INTO v_number;
  RETURN 'RP-' || p_year::text || '-' || lpad(v_number::text, 5, '0');
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION next_plan_number(integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION next_plan_number(integer) TO vmi_app;
