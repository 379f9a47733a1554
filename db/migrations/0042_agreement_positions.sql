CREATE TABLE "agreement_positions" (
	"tenant_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"snapshot_day" date,
	"snapshot_on_hand" numeric(18, 4),
	"snapshot_loaded_at" timestamp with time zone,
	"consumed_since" numeric(18, 4) NOT NULL,
	"consumed_last_day" date,
	"received_since" numeric(18, 4) NOT NULL,
	"shipments_received_since" numeric(18, 4) NOT NULL,
	"previous_day" date,
	"previous_on_hand" numeric(18, 4),
	"consumed_between" numeric(18, 4) NOT NULL,
	"received_between" numeric(18, 4) NOT NULL,
	"shipments_received_between" numeric(18, 4) NOT NULL,
	"first_snapshot_day" date,
	"last_consumed_on" date,
	"latest_day" date,
	CONSTRAINT "agreement_positions_tenant_id_agreement_id_pk" PRIMARY KEY("tenant_id","agreement_id")
);
--> statement-breakpoint
ALTER TABLE "agreement_positions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agreement_positions" ADD CONSTRAINT "agreement_positions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_positions" ADD CONSTRAINT "agreement_positions_agreement_fk" FOREIGN KEY ("tenant_id","agreement_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","id","supplier_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE POLICY "agreement_positions_read" ON "agreement_positions" AS PERMISSIVE FOR SELECT TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and (nullif(current_setting('app.supplier_id', true), '')::uuid is null or supplier_id = nullif(current_setting('app.supplier_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "agreement_positions_buyer_write" ON "agreement_positions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid and nullif(current_setting('app.supplier_id', true), '')::uuid is null);--> statement-breakpoint
-- Stored stock positions (docs/decisions/037). Like the compliance rollups, the app role only
-- reads them: the SECURITY DEFINER functions below write them, from triggers on the facts,
-- receipts, shipments and agreements and from the recompute's rebuild.
ALTER TABLE agreement_positions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON agreement_positions TO vmi_app;--> statement-breakpoint

-- The position of the given agreements from their facts, whatever their days: the latest
-- snapshot and what came and went after it (as stockPositionLateral in the app computes it for a
-- today on or after latest_day), the snapshot before it and what came and went between the two,
-- the first snapshot, the last day with consumption, and the latest day of any fact.
CREATE OR REPLACE FUNCTION refresh_agreement_positions(p_tenant uuid, p_agreements uuid[])
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM agreement_positions p
  WHERE p.tenant_id = p_tenant AND p.agreement_id = ANY(p_agreements)
    AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.tenant_id = p_tenant AND a.id = p.agreement_id);

  INSERT INTO agreement_positions AS p (
    tenant_id, agreement_id, supplier_id, item_id, location_id, snapshot_day, snapshot_on_hand,
    snapshot_loaded_at, consumed_since, consumed_last_day, received_since, shipments_received_since,
    previous_day, previous_on_hand, consumed_between, received_between, shipments_received_between,
    first_snapshot_day, last_consumed_on, latest_day
  )
  SELECT a.tenant_id, a.id, a.supplier_id, a.item_id, a.location_id, st.day, st.on_hand, st.loaded_at,
         coalesce(cs.since, 0), cs.last_day, coalesce(rf.since, 0), coalesce(sh.since, 0),
         pv.day, pv.on_hand, coalesce(cs.between, 0), coalesce(rf.between, 0), coalesce(sh.between, 0),
         fs.day,
         coalesce(cs.last_used, (
           SELECT c.day FROM consumption c
           WHERE c.tenant_id = a.tenant_id AND c.item_id = a.item_id AND c.location_id = a.location_id AND c.qty > 0
           ORDER BY c.day DESC LIMIT 1)),
         -- Without a snapshot there is no position, whatever the other facts' days.
         greatest(st.day, cs.last_day, rf.last_day, sh.last_day)
  FROM (SELECT DISTINCT u.id FROM unnest(p_agreements) AS u(id)) t
  JOIN agreements a ON a.tenant_id = p_tenant AND a.id = t.id
  LEFT JOIN LATERAL (
    SELECT ss.day, ss.on_hand, ss.loaded_at FROM stock_snapshots ss
    WHERE ss.tenant_id = a.tenant_id AND ss.item_id = a.item_id AND ss.location_id = a.location_id
    ORDER BY ss.day DESC LIMIT 1
  ) st ON true
  LEFT JOIN LATERAL (
    SELECT ss.day, ss.on_hand FROM stock_snapshots ss
    WHERE ss.tenant_id = a.tenant_id AND ss.item_id = a.item_id AND ss.location_id = a.location_id AND ss.day < st.day
    ORDER BY ss.day DESC LIMIT 1
  ) pv ON true
  LEFT JOIN LATERAL (
    SELECT ss.day FROM stock_snapshots ss
    WHERE ss.tenant_id = a.tenant_id AND ss.item_id = a.item_id AND ss.location_id = a.location_id
    ORDER BY ss.day LIMIT 1
  ) fs ON true
  -- One range of each kind of fact: after the snapshot before the latest (or the latest), split
  -- into "between the two" and "since the latest".
  LEFT JOIN LATERAL (
    SELECT sum(c.qty) FILTER (WHERE c.day > st.day) AS since, max(c.day) FILTER (WHERE c.day > st.day) AS last_day,
           sum(c.qty) FILTER (WHERE c.day > pv.day AND c.day <= st.day) AS between,
           max(c.day) FILTER (WHERE c.qty > 0) AS last_used
    FROM consumption c
    WHERE c.tenant_id = a.tenant_id AND c.item_id = a.item_id AND c.location_id = a.location_id
      AND c.day > coalesce(pv.day, st.day)
  ) cs ON true
  LEFT JOIN LATERAL (
    SELECT sum(r.qty) FILTER (WHERE r.day > st.day) AS since, max(r.day) FILTER (WHERE r.day > st.day) AS last_day,
           sum(r.qty) FILTER (WHERE r.day > pv.day AND r.day <= st.day) AS between
    FROM receipts r
    WHERE r.tenant_id = a.tenant_id AND r.item_id = a.item_id AND r.location_id = a.location_id
      AND r.day > coalesce(pv.day, st.day)
  ) rf ON true
  LEFT JOIN LATERAL (
    SELECT sum(s.received_qty) FILTER (WHERE s.received_on > st.day OR (s.received_on = st.day AND s.updated_at > st.loaded_at)) AS since,
           max(s.received_on) FILTER (WHERE s.received_on > st.day) AS last_day,
           sum(s.received_qty) FILTER (WHERE s.received_on > pv.day AND s.received_on <= st.day) AS between
    FROM shipments s
    WHERE s.tenant_id = a.tenant_id AND s.agreement_id = a.id AND s.status = 'received'
      AND s.received_on >= coalesce(pv.day, st.day)
  ) sh ON true
  ON CONFLICT (tenant_id, agreement_id) DO UPDATE SET
    supplier_id = excluded.supplier_id, item_id = excluded.item_id, location_id = excluded.location_id,
    snapshot_day = excluded.snapshot_day, snapshot_on_hand = excluded.snapshot_on_hand,
    snapshot_loaded_at = excluded.snapshot_loaded_at, consumed_since = excluded.consumed_since,
    consumed_last_day = excluded.consumed_last_day, received_since = excluded.received_since,
    shipments_received_since = excluded.shipments_received_since, previous_day = excluded.previous_day,
    previous_on_hand = excluded.previous_on_hand, consumed_between = excluded.consumed_between,
    received_between = excluded.received_between, shipments_received_between = excluded.shipments_received_between,
    first_snapshot_day = excluded.first_snapshot_day, last_consumed_on = excluded.last_consumed_on,
    latest_day = excluded.latest_day;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_agreement_positions(uuid, uuid[]) FROM PUBLIC;--> statement-breakpoint

-- The facts' trigger, as before, now also keeps the positions of the changed agreements.
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
    PERFORM refresh_agreement_positions(v.tenant_id, v.agreements);
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint

-- Goods received without a notice (receipts, keyed like the facts) and notices' shipments: their
-- agreements' positions. The tenant's rollup lock orders the refreshes, so that each reads what
-- the one before it committed. A new agreement has no row until its first fact or the next
-- recompute; readers compute its position from the facts meanwhile.
CREATE OR REPLACE FUNCTION refresh_positions_after_receipt_change()
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
    SELECT a.tenant_id, array_agg(a.id) AS agreements
    FROM (SELECT DISTINCT c.tenant_id, c.item_id, c.location_id FROM changed_rows c) f
    JOIN agreements a ON a.tenant_id = f.tenant_id AND a.item_id = f.item_id AND a.location_id = f.location_id
    GROUP BY a.tenant_id
  LOOP
    PERFORM lock_tenant_rollups(v.tenant_id, false);
    PERFORM refresh_agreement_positions(v.tenant_id, v.agreements);
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_positions_after_receipt_change() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER receipts_positions_insert AFTER INSERT ON receipts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_positions_after_receipt_change();--> statement-breakpoint
CREATE TRIGGER receipts_positions_update AFTER UPDATE ON receipts REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_positions_after_receipt_change();--> statement-breakpoint
CREATE TRIGGER receipts_positions_delete AFTER DELETE ON receipts REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_positions_after_receipt_change();--> statement-breakpoint

CREATE OR REPLACE FUNCTION refresh_positions_after_agreement_change()
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
    SELECT c.tenant_id, array_agg(DISTINCT c.agreement_id) AS agreements
    FROM changed_rows c WHERE c.agreement_id IS NOT NULL
    GROUP BY c.tenant_id
  LOOP
    PERFORM lock_tenant_rollups(v.tenant_id, false);
    PERFORM refresh_agreement_positions(v.tenant_id, v.agreements);
  END LOOP;
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_positions_after_agreement_change() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER shipments_positions_insert AFTER INSERT ON shipments REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_positions_after_agreement_change();--> statement-breakpoint
CREATE TRIGGER shipments_positions_update AFTER UPDATE ON shipments REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_positions_after_agreement_change();--> statement-breakpoint
CREATE TRIGGER shipments_positions_delete AFTER DELETE ON shipments REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION refresh_positions_after_agreement_change();--> statement-breakpoint

-- The recompute's rebuild of level 1, as before, now also rebuilds the chunk's positions.
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
  PERFORM refresh_agreement_positions(v_tenant, p_agreements);
END
$$;--> statement-breakpoint

-- Every existing agreement's position now, rather than computed from the facts until its next
-- recompute.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM refresh_agreement_positions(t.id, ARRAY(SELECT a.id FROM agreements a WHERE a.tenant_id = t.id));
  END LOOP;
END
$$;
--> statement-breakpoint
-- Every evaluation updates each open alert it finds still true (its value, when last seen): room
-- on each page lets those updates stay on the page without touching the indexes.
ALTER TABLE alerts SET (fillfactor = 70);
