-- Alerts: row-level security forced on the owner too, grants for the app role, the functions that
-- tell an alert's recipients, and the default rules every company starts with.
ALTER TABLE alert_rules FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE alert_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE alert_evaluations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- The digest queue has no grant: only notify_opened_alerts() writes it and the digest job, running
-- as the owner (superuser or BYPASSRLS, as the outbox's relay), reads it.
ALTER TABLE alert_digest_items FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON alert_rules TO vmi_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON alerts TO vmi_app;--> statement-breakpoint
GRANT SELECT, INSERT ON alert_events TO vmi_app;--> statement-breakpoint
GRANT SELECT, INSERT ON alert_evaluations TO vmi_app;--> statement-breakpoint

-- Tells the recipients of newly opened alerts, by their rules' recipients and channels: the inbox
-- (in-app), one e-mail each, or the daily digest's queue. Recipients are active members holding
-- one of the rule's roles, or named in it; a supplier's member only of an alert on its own
-- supplier. Runs on the buyer's side only (the evaluator). Returns the inbox rows written.
CREATE OR REPLACE FUNCTION notify_opened_alerts(p_alert_ids uuid[])
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_count integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'notify_opened_alerts needs a tenant context';
  END IF;
  IF nullif(current_setting('app.supplier_id', true), '') IS NOT NULL THEN
    RAISE EXCEPTION 'notify_opened_alerts runs on the buyer''s side only';
  END IF;
  WITH opened AS (
    SELECT a.id, a.supplier_id, r.definition,
           jsonb_build_object(
             'alertId', a.id, 'ruleName', a.rule_name, 'condition', a.condition, 'severity', a.severity,
             'value', a.value, 'limit', a.limit_value, 'todo', a.is_todo, 'dueDate', a.due_date,
             'parameters', r.definition->'condition',
             'supplierName', s.name, 'sku', i.sku, 'itemName', i.name, 'siteCode', l.code,
             'planNumber', p.number, 'asnNumber', sh.asn_number
           ) AS payload
    FROM alerts a
    JOIN alert_rules r ON r.tenant_id = a.tenant_id AND r.id = a.rule_id
    JOIN suppliers s ON s.tenant_id = a.tenant_id AND s.id = a.supplier_id
    LEFT JOIN agreements ag ON ag.tenant_id = a.tenant_id AND ag.id = a.agreement_id
    LEFT JOIN items i ON i.tenant_id = ag.tenant_id AND i.id = ag.item_id
    LEFT JOIN locations l ON l.tenant_id = ag.tenant_id AND l.id = ag.location_id
    LEFT JOIN replenishment_plans p ON a.subject_type = 'plan' AND p.tenant_id = a.tenant_id AND p.id = a.subject_id
    LEFT JOIN shipments sh ON a.subject_type = 'shipment' AND sh.tenant_id = a.tenant_id AND sh.id = a.subject_id
    WHERE a.tenant_id = v_tenant AND a.id = ANY(p_alert_ids)
  ), recipients AS (
    SELECT DISTINCT o.id AS alert_id, u.id AS user_id, u.email, coalesce(u.locale, 'en') AS locale
    FROM opened o
    JOIN memberships m ON m.tenant_id = v_tenant AND m.status = 'active'
    JOIN users u ON u.id = m.user_id
    WHERE (m.role IN (SELECT jsonb_array_elements_text(o.definition->'recipients'->'roles'))
           OR m.user_id::text IN (SELECT jsonb_array_elements_text(o.definition->'recipients'->'userIds')))
      AND (m.role <> 'supplier' OR m.supplier_id = o.supplier_id)
  ), inbox AS (
    INSERT INTO notifications (tenant_id, user_id, event_id, kind, payload, link)
    SELECT v_tenant, r.user_id, o.id, 'alert.opened', o.payload, 'alerts/' || o.id
    FROM recipients r JOIN opened o ON o.id = r.alert_id
    WHERE (o.definition->'channels'->>'inApp')::boolean
    ON CONFLICT (tenant_id, event_id, user_id) DO NOTHING
    RETURNING 1
  ), mail AS (
    INSERT INTO email_outbox (tenant_id, event_id, user_id, recipient, locale, kind, payload, link)
    SELECT v_tenant, o.id, r.user_id, r.email, r.locale, 'alert.opened', o.payload, 'alerts/' || o.id
    FROM recipients r JOIN opened o ON o.id = r.alert_id
    WHERE o.definition->'channels'->>'email' = 'each'
    ON CONFLICT (event_id, recipient) DO NOTHING
    RETURNING 1
  ), digest AS (
    INSERT INTO alert_digest_items (tenant_id, user_id, alert_id)
    SELECT v_tenant, r.user_id, o.id
    FROM recipients r JOIN opened o ON o.id = r.alert_id
    WHERE o.definition->'channels'->>'email' = 'digest'
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inbox) + 0 * (SELECT count(*) FROM mail) + 0 * (SELECT count(*) FROM digest) INTO v_count;
  RETURN v_count;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION notify_opened_alerts(uuid[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION notify_opened_alerts(uuid[]) TO vmi_app;--> statement-breakpoint

-- Tells the person an alert was assigned to (in the inbox and by e-mail), when that person is an
-- active member who may see the alert: the buyer's side, or a member of the alert's supplier.
-- The alert must be visible to the caller (row-level security on alerts). Returns 1 or 0.
CREATE OR REPLACE FUNCTION notify_alert_assignee(p_alert_id uuid, p_event_id uuid, p_payload jsonb)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_supplier uuid := nullif(current_setting('app.supplier_id', true), '')::uuid;
  v_actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_count integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'notify_alert_assignee needs a tenant context';
  END IF;
  WITH target AS (
    SELECT a.id, a.supplier_id, a.assignee_user_id FROM alerts a
    WHERE a.tenant_id = v_tenant AND a.id = p_alert_id
      AND (v_supplier IS NULL OR a.supplier_id = v_supplier)
  ), recipient AS (
    SELECT u.id AS user_id, u.email, coalesce(u.locale, 'en') AS locale
    FROM target t
    JOIN memberships m ON m.tenant_id = v_tenant AND m.user_id = t.assignee_user_id AND m.status = 'active'
    JOIN users u ON u.id = m.user_id
    WHERE (m.role <> 'supplier' OR m.supplier_id = t.supplier_id) AND u.id IS DISTINCT FROM v_actor
    LIMIT 1
  ), inbox AS (
    INSERT INTO notifications (tenant_id, user_id, event_id, kind, payload, link)
    SELECT v_tenant, r.user_id, p_event_id, 'alert.assigned', p_payload, 'alerts/' || p_alert_id FROM recipient r
    ON CONFLICT (tenant_id, event_id, user_id) DO NOTHING
    RETURNING 1
  ), mail AS (
    INSERT INTO email_outbox (tenant_id, event_id, user_id, recipient, locale, kind, payload, link)
    SELECT v_tenant, p_event_id, r.user_id, r.email, r.locale, 'alert.assigned', p_payload, 'alerts/' || p_alert_id FROM recipient r
    ON CONFLICT (event_id, recipient) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inbox) + 0 * (SELECT count(*) FROM mail) INTO v_count;
  RETURN v_count;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION notify_alert_assignee(uuid, uuid, jsonb) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION notify_alert_assignee(uuid, uuid, jsonb) TO vmi_app;--> statement-breakpoint

-- The rules every company starts with, named in the company's language; editable and removable.
-- Installs only those of the defaults the company does not have yet (by default_key), for the
-- company of the transaction. Returns how many it installed.
CREATE OR REPLACE FUNCTION install_default_alert_rules()
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_zh boolean;
  v_count integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'install_default_alert_rules needs a tenant context';
  END IF;
  SELECT default_locale = 'zh-CN' INTO v_zh FROM tenants WHERE id = v_tenant;
  WITH defaults (default_key, name_en, name_zh, condition, severity, definition, cooldown) AS (VALUES
    ('stockout_within_lead_time', 'Projected stockout within lead time', '提前期内预计缺货', 'projected_stockout', 'critical',
     '{"condition":{"kind":"projected_stockout","horizon":"lead_time"},"scope":{"cells":[],"supplierIds":[],"siteIds":[]},"recipients":{"roles":["buyer","supplier"],"userIds":[]},"channels":{"inApp":true,"email":"each"},"todo":null}'::jsonb, 720),
    ('a_below_safety_stock', 'A items below safety stock', 'A 类物料低于安全库存', 'below_safety_stock', 'critical',
     '{"condition":{"kind":"below_safety_stock","percent":100},"scope":{"cells":["AX","AY","AZ"],"supplierIds":[],"siteIds":[]},"recipients":{"roles":["buyer","supplier"],"userIds":[]},"channels":{"inApp":true,"email":"each"},"todo":null}'::jsonb, 720),
    ('near_safety_stock', 'Stock below 110 % of safety stock', '库存低于安全库存的 110%', 'below_safety_stock', 'warning',
     '{"condition":{"kind":"below_safety_stock","percent":110},"scope":{"cells":[],"supplierIds":[],"siteIds":[]},"recipients":{"roles":["buyer"],"userIds":[]},"channels":{"inApp":true,"email":"digest"},"todo":{"dueInDays":2}}'::jsonb, 1440),
    ('dead_stock', 'Dead stock: no consumption for 180 days', '呆滞库存：180 天无消耗', 'no_consumption', 'info',
     '{"condition":{"kind":"no_consumption","days":180},"scope":{"cells":[],"supplierIds":[],"siteIds":[]},"recipients":{"roles":["buyer","manager"],"userIds":[]},"channels":{"inApp":true,"email":"digest"},"todo":{"dueInDays":14}}'::jsonb, 10080),
    ('cycle_count', 'Cycle count: stock differs from expected by more than 10 %', '盘点：库存与预期相差超过 10%', 'stock_discrepancy', 'warning',
     '{"condition":{"kind":"stock_discrepancy","percent":10,"days":30},"scope":{"cells":[],"supplierIds":[],"siteIds":[]},"recipients":{"roles":["buyer"],"userIds":[]},"channels":{"inApp":true,"email":"digest"},"todo":{"dueInDays":3}}'::jsonb, 1440),
    ('projected_above_max', 'Projected above max within 14 days', '14 天内预计高于上限', 'projected_above_max', 'warning',
     '{"condition":{"kind":"projected_above_max","horizon":14},"scope":{"cells":[],"supplierIds":[],"siteIds":[]},"recipients":{"roles":["buyer","supplier"],"userIds":[]},"channels":{"inApp":true,"email":"digest"},"todo":null}'::jsonb, 1440),
    ('overdue_shipment', 'Shipment overdue by a day or more', '发货逾期一天及以上', 'shipment_overdue', 'warning',
     '{"condition":{"kind":"shipment_overdue","days":1},"scope":{"cells":[],"supplierIds":[],"siteIds":[]},"recipients":{"roles":["buyer","supplier"],"userIds":[]},"channels":{"inApp":true,"email":"each"},"todo":null}'::jsonb, 1440)
  ), added AS (
    INSERT INTO alert_rules (tenant_id, name, condition, severity, definition, cooldown_minutes, default_key)
    SELECT v_tenant, CASE WHEN v_zh THEN d.name_zh ELSE d.name_en END, d.condition, d.severity, d.definition, d.cooldown, d.default_key
    FROM defaults d
    WHERE NOT EXISTS (SELECT 1 FROM alert_rules r WHERE r.tenant_id = v_tenant AND r.default_key = d.default_key)
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT count(*) INTO v_count FROM added;
  RETURN v_count;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION install_default_alert_rules() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION install_default_alert_rules() TO vmi_app;--> statement-breakpoint

-- Every company that exists already gets the defaults.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT id FROM tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    PERFORM install_default_alert_rules();
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
END
$$;--> statement-breakpoint

-- The session check also counts the open alerts each membership sees (the navigation's count): a
-- snoozed alert counts again once its day has come in the company's time zone.
CREATE OR REPLACE FUNCTION auth_session_context(p_session_id text)
RETURNS TABLE (user_id uuid, expires_at timestamptz, email text, name text, locale text, memberships jsonb)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT s.user_id, s.expires_at, u.email, u.name, u.locale,
         coalesce((
           SELECT jsonb_agg(jsonb_build_object(
                    'tenantId', t.id, 'slug', t.slug, 'name', t.name, 'currency', t.currency,
                    'timezone', t.timezone, 'role', m.role, 'supplierId', m.supplier_id,
                    'supplierAdmin', m.supplier_admin,
                    'dataVersion', coalesce(v.version::text || '@' || v.changed_at::text, '0@'),
                    'unread', (SELECT count(*) FROM notifications n
                               WHERE n.user_id = s.user_id AND n.tenant_id = m.tenant_id AND n.read_at IS NULL),
                    'awaiting', CASE m.role
                      WHEN 'buyer' THEN (SELECT count(*) FROM replenishment_plans p
                                         WHERE p.tenant_id = m.tenant_id AND p.status = 'submitted')
                      WHEN 'manager' THEN (SELECT count(*) FROM replenishment_plans p
                                           WHERE p.tenant_id = m.tenant_id AND p.status = 'in_review')
                      ELSE 0 END,
                    'alerts', (SELECT count(*) FROM alerts a
                               WHERE a.tenant_id = m.tenant_id AND a.closed_at IS NULL
                                 AND (m.role <> 'supplier' OR a.supplier_id = m.supplier_id)
                                 AND (a.snoozed_until IS NULL
                                      OR a.snoozed_until <= (now() AT TIME ZONE t.timezone)::date)))
                  ORDER BY t.name)
           FROM memberships m
           JOIN tenants t ON t.id = m.tenant_id
           LEFT JOIN tenant_data_versions v ON v.tenant_id = m.tenant_id
           WHERE m.user_id = s.user_id AND m.status = 'active'
         ), '[]'::jsonb)
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = p_session_id
$$;
