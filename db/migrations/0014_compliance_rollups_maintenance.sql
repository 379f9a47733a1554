-- Compliance rollups (docs/decisions/015). The app role only reads them: they are written by the
-- SECURITY DEFINER functions below, from triggers on the facts and agreements and from the
-- recompute, so that no request can write a figure the facts do not support. FORCE binds the
-- owner to the policies like every tenant table; the functions run as the migrating owner
-- (superuser or BYPASSRLS, like the outbox relay) and filter by the tenant they are given.
ALTER TABLE agreement_bands FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE agreement_week_rollups FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE segment_week_rollups FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON agreement_bands, agreement_week_rollups, segment_week_rollups TO vmi_app;--> statement-breakpoint

-- Every agreement's band so far: the one it has now, valid since ever.
INSERT INTO agreement_bands (tenant_id, agreement_id, supplier_id, valid_from, valid_to, min_qty, max_qty)
SELECT tenant_id, id, supplier_id, '-infinity'::date, 'infinity'::date, min_qty, max_qty FROM agreements
ON CONFLICT DO NOTHING;--> statement-breakpoint

-- The tenant's rollup lock, held to the end of the transaction: exclusive for the refreshes that
-- follow a change of facts or bands and for level 2, shared by the chunks of a rebuild that run
-- side by side. Without it, a refresh and a rebuild of the same weeks could both insert them.
CREATE OR REPLACE FUNCTION lock_tenant_rollups(p_tenant uuid, p_shared boolean)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = public, pg_temp
AS $$
BEGIN
  IF p_shared THEN
    PERFORM pg_advisory_xact_lock_shared(7461102, hashtext(p_tenant::text));
  ELSE
    PERFORM pg_advisory_xact_lock(7461102, hashtext(p_tenant::text));
  END IF;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION lock_tenant_rollups(uuid, boolean) FROM PUBLIC;--> statement-breakpoint

-- Level 1 for the given agreements, each from the ISO week of its given day on. Deletes, then
-- rebuilds those weeks from the daily facts: stock against the band valid that day, consumption
-- net of reversals per week (a negative week counts as none, like the recompute's demand), and
-- the last day of consumption carried from the weeks before.
CREATE OR REPLACE FUNCTION refresh_agreement_week_rollups(p_tenant uuid, p_agreements uuid[], p_from_days date[])
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
-- A rebuild sorts and hashes millions of rows: in memory, not on disk.
SET work_mem = '64MB'
AS $$
BEGIN
  -- Weeks are counted from Monday 1900-01-01 in whole days: (day - that Monday) / 7.
  DELETE FROM agreement_week_rollups r
  USING (
    SELECT u.agreement_id, min(u.from_day) AS from_day
    FROM unnest(p_agreements, p_from_days) AS u(agreement_id, from_day)
    GROUP BY u.agreement_id
  ) t
  WHERE r.tenant_id = p_tenant AND r.agreement_id = t.agreement_id
    AND r.week_start >= CASE WHEN isfinite(t.from_day)
                             THEN DATE '1900-01-01' + 7 * ((t.from_day - DATE '1900-01-01') / 7)
                             ELSE t.from_day END;

  INSERT INTO agreement_week_rollups (
    tenant_id, agreement_id, week_start, supplier_id, snapshot_days, in_band_days, below_min_days,
    stockout_days, above_max_days, stock_value_days, close_day, close_on_hand, close_value,
    close_above_max_value, consumption_qty, consumption_value, last_consumed_on
  )
  WITH targets AS MATERIALIZED (
    SELECT a.id AS agreement_id, a.supplier_id, a.item_id, a.location_id, i.unit_cost, w.from_week,
           (SELECT max(p.last_consumed_on) FROM agreement_week_rollups p
             WHERE p.tenant_id = p_tenant AND p.agreement_id = a.id AND p.week_start < w.from_week) AS prior_consumed_on
    FROM (
      SELECT u.agreement_id,
             CASE WHEN isfinite(min(u.from_day))
                  THEN DATE '1900-01-01' + 7 * ((min(u.from_day) - DATE '1900-01-01') / 7)
                  ELSE min(u.from_day) END AS from_week
      FROM unnest(p_agreements, p_from_days) AS u(agreement_id, from_day)
      GROUP BY u.agreement_id
    ) w
    JOIN agreements a ON a.tenant_id = p_tenant AND a.id = w.agreement_id
    JOIN items i ON i.tenant_id = p_tenant AND i.id = a.item_id
  ),
  -- Each target's band periods that overlap its weeks, so that the snapshots are read by range.
  ranges AS (
    SELECT t.agreement_id, t.item_id, t.location_id, b.min_qty, b.max_qty,
           greatest(b.valid_from, t.from_week) AS from_day, b.valid_to
    FROM targets t
    JOIN agreement_bands b ON b.tenant_id = p_tenant AND b.agreement_id = t.agreement_id AND b.valid_to > t.from_week
  ),
  -- Stock and consumption are aggregated apart and stacked (no join between aggregates, whose
  -- sizes the planner cannot know), then summed per agreement and week. A week's close is the
  -- greatest [day, on hand, excess over max] array: far cheaper than an ordered aggregate.
  stacked AS (
    SELECT r.agreement_id, (s.day - DATE '1900-01-01') / 7 AS week,
           count(*)::int AS snapshot_days,
           count(*) FILTER (WHERE s.on_hand >= r.min_qty AND s.on_hand <= r.max_qty)::int AS in_band_days,
           count(*) FILTER (WHERE s.on_hand < r.min_qty)::int AS below_min_days,
           count(*) FILTER (WHERE s.on_hand <= 0)::int AS stockout_days,
           count(*) FILTER (WHERE s.on_hand > r.max_qty)::int AS above_max_days,
           sum(greatest(s.on_hand, 0)) AS stock_qty_days,
           max(ARRAY[(s.day - DATE '1900-01-01')::numeric, s.on_hand, greatest(s.on_hand - r.max_qty, 0)]) AS close,
           NULL::numeric AS consumption_qty,
           NULL::date AS last_consumed_on
    FROM ranges r
    JOIN stock_snapshots s
      ON s.tenant_id = p_tenant AND s.item_id = r.item_id AND s.location_id = r.location_id
     AND s.day >= r.from_day AND s.day < r.valid_to
    GROUP BY 1, 2
    UNION ALL
    SELECT t.agreement_id, (c.day - DATE '1900-01-01') / 7, 0, 0, 0, 0, 0, 0, NULL,
           sum(c.qty), max(c.day) FILTER (WHERE c.qty > 0)
    FROM targets t
    JOIN consumption c
      ON c.tenant_id = p_tenant AND c.item_id = t.item_id AND c.location_id = t.location_id AND c.day >= t.from_week
    GROUP BY 1, 2
  ),
  weeks AS (
    SELECT s.agreement_id, DATE '1900-01-01' + 7 * s.week AS week_start,
           sum(s.snapshot_days)::int AS snapshot_days, sum(s.in_band_days)::int AS in_band_days,
           sum(s.below_min_days)::int AS below_min_days, sum(s.stockout_days)::int AS stockout_days,
           sum(s.above_max_days)::int AS above_max_days, coalesce(sum(s.stock_qty_days), 0) AS stock_qty_days,
           max(s.close) AS close,
           greatest(coalesce(sum(s.consumption_qty), 0), 0) AS consumption_qty,
           max(s.last_consumed_on) AS last_consumed_on
    FROM stacked s
    GROUP BY s.agreement_id, s.week
  )
  SELECT p_tenant, w.agreement_id, w.week_start, t.supplier_id, w.snapshot_days, w.in_band_days,
         w.below_min_days, w.stockout_days, w.above_max_days, w.stock_qty_days * t.unit_cost,
         DATE '1900-01-01' + w.close[1]::int, w.close[2],
         CASE WHEN w.close IS NOT NULL THEN greatest(w.close[2], 0) * t.unit_cost END, w.close[3] * t.unit_cost,
         w.consumption_qty, w.consumption_qty * t.unit_cost,
         greatest(t.prior_consumed_on, max(w.last_consumed_on) OVER (
           PARTITION BY w.agreement_id ORDER BY w.week_start ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
  FROM weeks w
  JOIN targets t ON t.agreement_id = w.agreement_id;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_agreement_week_rollups(uuid, uuid[], date[]) FROM PUBLIC;--> statement-breakpoint

-- Level 2 for the given suppliers (null: all) from the ISO week of p_from_day on: level 1 summed
-- per supplier, the agreement's current ABC-XYZ cell and week. Dead stock at a week's close:
-- stock on hand whose last consumption is at least the tenant's deadStockDays before the close,
-- or that was never consumed (the core's deadStock).
CREATE OR REPLACE FUNCTION refresh_segment_week_rollups(p_tenant uuid, p_suppliers uuid[], p_from_day date)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
-- A tenant's whole level 1 (two million rows at 20,000 agreements) is grouped in memory.
SET work_mem = '256MB'
AS $$
DECLARE
  v_from_week date := CASE WHEN isfinite(p_from_day)
                           THEN DATE '1900-01-01' + 7 * ((p_from_day - DATE '1900-01-01') / 7)
                           ELSE '-infinity'::date END;
  v_dead_days int;
BEGIN
  SELECT coalesce((t.settings ->> 'deadStockDays')::int, 180) INTO v_dead_days FROM tenants t WHERE t.id = p_tenant;
  DELETE FROM segment_week_rollups
  WHERE tenant_id = p_tenant AND week_start >= v_from_week AND (p_suppliers IS NULL OR supplier_id IN (SELECT unnest(p_suppliers)));

  INSERT INTO segment_week_rollups (
    tenant_id, supplier_id, abc, xyz, week_start, agreements, snapshot_days, in_band_days,
    below_min_days, stockout_days, above_max_days, stock_value_days, close_value,
    close_above_max_value, dead_close_value, dead_close_agreements, consumption_value
  )
  SELECT p_tenant, r.supplier_id, coalesce(m.abc, '-'), coalesce(m.xyz, '-'), r.week_start,
         count(*)::int, sum(r.snapshot_days)::int, sum(r.in_band_days)::int, sum(r.below_min_days)::int,
         sum(r.stockout_days)::int, sum(r.above_max_days)::int, sum(r.stock_value_days),
         coalesce(sum(r.close_value), 0), coalesce(sum(r.close_above_max_value), 0),
         coalesce(sum(r.close_value) FILTER (WHERE d.dead), 0), count(*) FILTER (WHERE d.dead)::int,
         sum(r.consumption_value)
  FROM agreement_week_rollups r
  LEFT JOIN agreement_metrics m ON m.tenant_id = r.tenant_id AND m.agreement_id = r.agreement_id
  CROSS JOIN LATERAL (
    SELECT r.close_on_hand > 0
       AND (r.last_consumed_on IS NULL OR r.close_day - least(r.last_consumed_on, r.close_day) >= v_dead_days) AS dead
  ) d
  WHERE r.tenant_id = p_tenant AND r.week_start >= v_from_week
    AND (p_suppliers IS NULL OR r.supplier_id IN (SELECT unnest(p_suppliers)))
  GROUP BY r.supplier_id, coalesce(m.abc, '-'), coalesce(m.xyz, '-'), r.week_start
  -- Written week by week, so that a period's rows lie together on disk: the dashboard reads a
  -- range of weeks of the whole tenant.
  ORDER BY r.week_start, r.supplier_id;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_segment_week_rollups(uuid, uuid[], date) FROM PUBLIC;--> statement-breakpoint

-- The facts' trigger: the changed (item, site) pairs of each tenant → their agreements, from the
-- earliest changed day on, then level 2 of their suppliers. A bulk writer that rebuilds
-- afterwards (the demo seed, seed:large) sets app.rollups = 'deferred' for its transaction.
CREATE OR REPLACE FUNCTION refresh_rollups_after_fact_change()
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
    SELECT f.tenant_id, array_agg(a.id) AS agreements, array_agg(f.from_day) AS from_days,
           array_agg(DISTINCT a.supplier_id) AS suppliers, min(f.from_day) AS from_day
    FROM (SELECT c.tenant_id, c.item_id, c.location_id, min(c.day) AS from_day
          FROM changed_rows c GROUP BY c.tenant_id, c.item_id, c.location_id) f
    JOIN agreements a ON a.tenant_id = f.tenant_id AND a.item_id = f.item_id AND a.location_id = f.location_id
    GROUP BY f.tenant_id
  LOOP
    PERFORM lock_tenant_rollups(v.tenant_id, false);
    PERFORM refresh_agreement_week_rollups(v.tenant_id, v.agreements, v.from_days);
    PERFORM refresh_segment_week_rollups(v.tenant_id, v.suppliers, v.from_day);
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_rollups_after_fact_change() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER stock_snapshots_rollups_insert AFTER INSERT ON stock_snapshots REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_rollups_after_fact_change();--> statement-breakpoint
CREATE TRIGGER stock_snapshots_rollups_update AFTER UPDATE ON stock_snapshots REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_rollups_after_fact_change();--> statement-breakpoint
CREATE TRIGGER stock_snapshots_rollups_delete AFTER DELETE ON stock_snapshots REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_rollups_after_fact_change();--> statement-breakpoint
CREATE TRIGGER consumption_rollups_insert AFTER INSERT ON consumption REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_rollups_after_fact_change();--> statement-breakpoint
CREATE TRIGGER consumption_rollups_update AFTER UPDATE ON consumption REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_rollups_after_fact_change();--> statement-breakpoint
CREATE TRIGGER consumption_rollups_delete AFTER DELETE ON consumption REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_rollups_after_fact_change();--> statement-breakpoint

-- An agreement's band history: its first band on insert (valid since ever); on a change of min or
-- max, the open band ends at the tenant's today and the new one starts there, and the weeks from
-- today's on are refreshed. A change of supplier moves its rollup rows to the new supplier.
CREATE OR REPLACE FUNCTION record_agreement_band()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_today date;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO agreement_bands (tenant_id, agreement_id, supplier_id, valid_from, valid_to, min_qty, max_qty)
    VALUES (NEW.tenant_id, NEW.id, NEW.supplier_id, '-infinity', 'infinity', NEW.min_qty, NEW.max_qty);
    RETURN NULL;
  END IF;
  -- The data version first, then the rollup lock: the order of a fact import (whose version trigger
  -- fires before its rollup trigger) and of the recompute, so that none waits for another in the
  -- opposite order. The statement's own version trigger bumps it once more; that is harmless.
  INSERT INTO tenant_data_versions AS v (tenant_id, version, changed_at)
  VALUES (NEW.tenant_id, 1, clock_timestamp())
  ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1, changed_at = clock_timestamp();
  PERFORM lock_tenant_rollups(NEW.tenant_id, false);
  IF OLD.supplier_id IS DISTINCT FROM NEW.supplier_id THEN
    UPDATE agreement_week_rollups SET supplier_id = NEW.supplier_id WHERE tenant_id = NEW.tenant_id AND agreement_id = NEW.id;
    PERFORM refresh_segment_week_rollups(NEW.tenant_id, ARRAY[OLD.supplier_id, NEW.supplier_id], '-infinity');
  END IF;
  IF OLD.min_qty IS DISTINCT FROM NEW.min_qty OR OLD.max_qty IS DISTINCT FROM NEW.max_qty THEN
    SELECT (now() AT TIME ZONE t.timezone)::date INTO v_today FROM tenants t WHERE t.id = NEW.tenant_id;
    -- A second change the same day replaces the first.
    DELETE FROM agreement_bands WHERE tenant_id = NEW.tenant_id AND agreement_id = NEW.id AND valid_from = v_today;
    UPDATE agreement_bands SET valid_to = v_today
    WHERE tenant_id = NEW.tenant_id AND agreement_id = NEW.id AND valid_from < v_today AND valid_to >= v_today;
    INSERT INTO agreement_bands (tenant_id, agreement_id, supplier_id, valid_from, valid_to, min_qty, max_qty)
    VALUES (NEW.tenant_id, NEW.id, NEW.supplier_id, v_today, 'infinity', NEW.min_qty, NEW.max_qty);
    IF current_setting('app.rollups', true) IS DISTINCT FROM 'deferred' THEN
      PERFORM refresh_agreement_week_rollups(NEW.tenant_id, ARRAY[NEW.id], ARRAY[v_today]);
      PERFORM refresh_segment_week_rollups(NEW.tenant_id, ARRAY[NEW.supplier_id], v_today);
    END IF;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION record_agreement_band() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER agreements_band_insert AFTER INSERT ON agreements FOR EACH ROW EXECUTE FUNCTION record_agreement_band();--> statement-breakpoint
CREATE TRIGGER agreements_band_update AFTER UPDATE OF min_qty, max_qty, supplier_id ON agreements FOR EACH ROW
  WHEN (OLD.min_qty IS DISTINCT FROM NEW.min_qty OR OLD.max_qty IS DISTINCT FROM NEW.max_qty OR OLD.supplier_id IS DISTINCT FROM NEW.supplier_id)
  EXECUTE FUNCTION record_agreement_band();--> statement-breakpoint

-- Level 1 has no foreign keys (docs/decisions/015): the rows of a deleted agreement or tenant go
-- with it here.
CREATE OR REPLACE FUNCTION delete_rollups_of_deleted_agreements()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM agreement_week_rollups r USING changed_rows d WHERE r.tenant_id = d.tenant_id AND r.agreement_id = d.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION delete_rollups_of_deleted_agreements() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER agreements_rollups_delete AFTER DELETE ON agreements REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION delete_rollups_of_deleted_agreements();--> statement-breakpoint
CREATE OR REPLACE FUNCTION delete_rollups_of_deleted_tenants()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM agreement_week_rollups r USING changed_rows d WHERE r.tenant_id = d.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION delete_rollups_of_deleted_tenants() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER tenants_rollups_delete AFTER DELETE ON tenants REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION delete_rollups_of_deleted_tenants();--> statement-breakpoint

-- The recompute's rebuild, for the app role inside its own tenant transaction (buyer side): level 1
-- of a chunk of the tenant's agreements, which several transactions may run side by side under
-- the shared lock. Level 2 and the delivery and decision rollups follow under the exclusive lock
-- (rebuild_segment_week_rollups, defined with the last of those tables in 0023).
CREATE OR REPLACE FUNCTION rebuild_agreement_week_rollups(p_agreements uuid[])
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
BEGIN
  IF v_tenant IS NULL OR nullif(current_setting('app.supplier_id', true), '') IS NOT NULL THEN
    RAISE EXCEPTION 'rebuild_agreement_week_rollups needs the buyer side of a tenant';
  END IF;
  PERFORM lock_tenant_rollups(v_tenant, true);
  PERFORM refresh_agreement_week_rollups(v_tenant, p_agreements, array_fill('-infinity'::date, ARRAY[cardinality(p_agreements)]));
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION rebuild_agreement_week_rollups(uuid[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION rebuild_agreement_week_rollups(uuid[]) TO vmi_app;--> statement-breakpoint

-- A database that already holds tenants gets its rollups now, rather than empty pages (and
-- refreshes without the weeks before them) until its next recompute.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM refresh_agreement_week_rollups(
      t.id,
      ARRAY(SELECT a.id FROM agreements a WHERE a.tenant_id = t.id),
      ARRAY(SELECT '-infinity'::date FROM agreements a WHERE a.tenant_id = t.id));
    PERFORM refresh_segment_week_rollups(t.id, NULL, '-infinity');
  END LOOP;
END
$$;
