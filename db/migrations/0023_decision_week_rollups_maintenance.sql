-- Decision-time rollups (docs/decisions/015): written only by the SECURITY DEFINER functions below,
-- from a trigger on replenishment_plans and from the recompute; the app role reads them.
ALTER TABLE decision_week_rollups FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON decision_week_rollups TO vmi_app;--> statement-breakpoint

-- The given suppliers' weeks (null: all) from the ISO week of p_from_day on: the plans finally
-- decided then (approved, partly approved or rejected; a request for changes is not final), by
-- week of decision in the tenant's time zone, without those approved by policy at submission.
CREATE OR REPLACE FUNCTION refresh_decision_week_rollups(p_tenant uuid, p_suppliers uuid[], p_from_day date)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_from_week date := CASE WHEN isfinite(p_from_day)
                           THEN DATE '1900-01-01' + 7 * ((p_from_day - DATE '1900-01-01') / 7)
                           ELSE '-infinity'::date END;
  v_timezone text;
BEGIN
  SELECT t.timezone INTO v_timezone FROM tenants t WHERE t.id = p_tenant;
  DELETE FROM decision_week_rollups
  WHERE tenant_id = p_tenant AND week_start >= v_from_week AND (p_suppliers IS NULL OR supplier_id IN (SELECT unnest(p_suppliers)));
  INSERT INTO decision_week_rollups (tenant_id, supplier_id, week_start, decisions, hours)
  SELECT p_tenant, d.supplier_id, d.week_start, count(*)::int, array_agg(d.hours ORDER BY d.hours)
  FROM (
    SELECT p.supplier_id,
           DATE '1900-01-01' + 7 * (((p.decided_at AT TIME ZONE v_timezone)::date - DATE '1900-01-01') / 7) AS week_start,
           greatest(extract(epoch FROM (p.decided_at - p.submitted_at)) / 3600.0, 0)::float8 AS hours
    FROM replenishment_plans p
    WHERE p.tenant_id = p_tenant
      AND p.status IN ('approved', 'partially_approved', 'rejected')
      AND p.decided_at IS NOT NULL AND p.submitted_at IS NOT NULL
      AND coalesce((p.route ->> 'autoApproved')::boolean, false) = false
      AND (p_suppliers IS NULL OR p.supplier_id IN (SELECT unnest(p_suppliers)))
      AND (NOT isfinite(v_from_week) OR p.decided_at >= v_from_week::timestamp AT TIME ZONE v_timezone)
  ) d
  GROUP BY d.supplier_id, d.week_start
  ORDER BY d.week_start, d.supplier_id;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_decision_week_rollups(uuid, uuid[], date) FROM PUBLIC;--> statement-breakpoint

-- After plans change: those decided (before or after the change) refresh their suppliers' weeks
-- from the earliest decision's, under the tenant's rollup lock (after the version trigger).
CREATE OR REPLACE FUNCTION refresh_decision_rollups_after_plan_change()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v record;
BEGIN
  IF current_setting('app.rollups', true) = 'deferred' THEN
    RETURN NULL;
  END IF;
  FOR v IN
    SELECT c.tenant_id, array_agg(DISTINCT c.supplier_id) AS suppliers,
           (min(c.decided_at) AT TIME ZONE min(t.timezone))::date AS from_day
    FROM changed_rows c JOIN tenants t ON t.id = c.tenant_id
    WHERE c.decided_at IS NOT NULL
    GROUP BY c.tenant_id
  LOOP
    PERFORM lock_tenant_rollups(v.tenant_id, false);
    PERFORM refresh_decision_week_rollups(v.tenant_id, v.suppliers, v.from_day);
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_decision_rollups_after_plan_change() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER replenishment_plans_rollups_insert AFTER INSERT ON replenishment_plans REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_decision_rollups_after_plan_change();--> statement-breakpoint
CREATE TRIGGER replenishment_plans_rollups_update AFTER UPDATE ON replenishment_plans REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_decision_rollups_after_plan_change();--> statement-breakpoint
CREATE TRIGGER replenishment_plans_rollups_delete AFTER DELETE ON replenishment_plans REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_decision_rollups_after_plan_change();--> statement-breakpoint

-- The recompute's second part, for the app role inside its own tenant transaction (buyer side),
-- once level 1 is rebuilt: under the exclusive lock, drop the rows of agreements that no longer
-- exist, then level 2 with the classes just stored, the deliveries and the decision times.
CREATE OR REPLACE FUNCTION rebuild_segment_week_rollups()
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
BEGIN
  IF v_tenant IS NULL OR nullif(current_setting('app.supplier_id', true), '') IS NOT NULL THEN
    RAISE EXCEPTION 'rebuild_segment_week_rollups needs the buyer side of a tenant';
  END IF;
  PERFORM lock_tenant_rollups(v_tenant, false);
  DELETE FROM agreement_week_rollups r
  WHERE r.tenant_id = v_tenant AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.tenant_id = v_tenant AND a.id = r.agreement_id);
  PERFORM refresh_segment_week_rollups(v_tenant, NULL, '-infinity');
  PERFORM refresh_delivery_week_rollups(v_tenant, NULL, '-infinity');
  PERFORM refresh_decision_week_rollups(v_tenant, NULL, '-infinity');
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION rebuild_segment_week_rollups() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION rebuild_segment_week_rollups() TO vmi_app;--> statement-breakpoint

-- Tenants already there get their decision rollups now.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM refresh_decision_week_rollups(t.id, NULL, '-infinity');
  END LOOP;
END
$$;
