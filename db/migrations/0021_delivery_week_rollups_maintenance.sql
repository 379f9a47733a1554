-- Delivery rollups (docs/decisions/015): written only by the SECURITY DEFINER functions below, from
-- a trigger on plan_lines (receipts) and from the recompute; the app role reads them.
ALTER TABLE delivery_week_rollups FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON delivery_week_rollups TO vmi_app;--> statement-breakpoint

-- The given suppliers' weeks (null: all) from the ISO week of p_from_day on, from the plan lines
-- received then. Approved quantity is the line's approved quantity (its quantity when decided
-- before approved quantities were kept).
CREATE OR REPLACE FUNCTION refresh_delivery_week_rollups(p_tenant uuid, p_suppliers uuid[], p_from_day date)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_from_week date := CASE WHEN isfinite(p_from_day)
                           THEN DATE '1900-01-01' + 7 * ((p_from_day - DATE '1900-01-01') / 7)
                           ELSE '-infinity'::date END;
BEGIN
  DELETE FROM delivery_week_rollups
  WHERE tenant_id = p_tenant AND week_start >= v_from_week AND (p_suppliers IS NULL OR supplier_id IN (SELECT unnest(p_suppliers)));
  INSERT INTO delivery_week_rollups (tenant_id, supplier_id, week_start, received_lines, on_time_lines, received_qty, approved_qty)
  SELECT p_tenant, l.supplier_id, DATE '1900-01-01' + 7 * ((l.received_on - DATE '1900-01-01') / 7),
         count(*)::int, count(*) FILTER (WHERE l.on_time)::int, sum(l.received_qty), sum(coalesce(l.approved_qty, l.qty))
  FROM plan_lines l
  WHERE l.tenant_id = p_tenant AND l.received_on IS NOT NULL AND l.received_on >= v_from_week
    AND (p_suppliers IS NULL OR l.supplier_id IN (SELECT unnest(p_suppliers)))
  GROUP BY l.supplier_id, 3;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_delivery_week_rollups(uuid, uuid[], date) FROM PUBLIC;--> statement-breakpoint

-- After plan lines change: the receipts among them (received before or after the change) refresh
-- their suppliers' weeks, under the tenant's rollup lock (the statement's data-version trigger
-- fired first, as for the facts).
CREATE OR REPLACE FUNCTION refresh_delivery_rollups_after_line_change()
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
    SELECT c.tenant_id, array_agg(DISTINCT c.supplier_id) AS suppliers, min(c.received_on) AS from_day
    FROM changed_rows c WHERE c.received_on IS NOT NULL
    GROUP BY c.tenant_id
  LOOP
    PERFORM lock_tenant_rollups(v.tenant_id, false);
    PERFORM refresh_delivery_week_rollups(v.tenant_id, v.suppliers, v.from_day);
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_delivery_rollups_after_line_change() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER plan_lines_rollups_insert AFTER INSERT ON plan_lines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_delivery_rollups_after_line_change();--> statement-breakpoint
CREATE TRIGGER plan_lines_rollups_update AFTER UPDATE ON plan_lines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_delivery_rollups_after_line_change();--> statement-breakpoint
CREATE TRIGGER plan_lines_rollups_delete AFTER DELETE ON plan_lines REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_delivery_rollups_after_line_change();--> statement-breakpoint

-- Tenants already there get their delivery rollups now.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM refresh_delivery_week_rollups(t.id, NULL, '-infinity');
  END LOOP;
END
$$;
