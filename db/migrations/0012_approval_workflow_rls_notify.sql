-- FORCE binds the tables' owner to the policies too; drizzle-kit does not emit it. The outbox has
-- no grant: only the relay, running as the owner (superuser or BYPASSRLS), reads and updates it.
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE band_proposals FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE email_outbox FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON band_proposals TO vmi_app;--> statement-breakpoint
-- A user reads its inbox and marks rows read; rows are written by enqueue_notification() only.
GRANT SELECT, UPDATE (read_at) ON notifications TO vmi_app;--> statement-breakpoint
CREATE TRIGGER band_proposals_data_version_insert AFTER INSERT ON band_proposals REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER band_proposals_data_version_update AFTER UPDATE ON band_proposals REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
-- Notifies the people concerned by an event of the calling transaction's tenant: an inbox row for
-- each member holding one of p_roles (suppliers: only the members of p_supplier_id), and an e-mail
-- in the outbox, both in the caller's transaction so that they exist exactly when the event does.
-- The actor (app.user_id) is not notified of its own action. It runs as the owner because a
-- supplier's transaction cannot see the buyer's members; it returns only how many it notified.
-- A supplier's transaction may notify the buyer's side and its own supplier, never another one.
CREATE OR REPLACE FUNCTION enqueue_notification(
  p_event_id uuid,
  p_kind text,
  p_link text,
  p_payload jsonb,
  p_roles text[],
  p_supplier_id uuid
)
RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_caller_supplier uuid := nullif(current_setting('app.supplier_id', true), '')::uuid;
  v_actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
  v_count integer;
BEGIN
  IF v_tenant IS NULL THEN
    RAISE EXCEPTION 'enqueue_notification needs a tenant context';
  END IF;
  IF v_caller_supplier IS NOT NULL AND 'supplier' = ANY(p_roles) AND p_supplier_id IS DISTINCT FROM v_caller_supplier THEN
    RAISE EXCEPTION 'enqueue_notification: a supplier may notify only its own members';
  END IF;
  WITH recipients AS (
    SELECT DISTINCT u.id, u.email, coalesce(u.locale, 'en') AS locale
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.tenant_id = v_tenant
      AND m.role = ANY(p_roles)
      AND (m.role <> 'supplier' OR m.supplier_id = p_supplier_id)
      AND u.id IS DISTINCT FROM v_actor
  ), inbox AS (
    INSERT INTO notifications (tenant_id, user_id, event_id, kind, payload, link)
    SELECT v_tenant, r.id, p_event_id, p_kind, p_payload, p_link FROM recipients r
    ON CONFLICT (tenant_id, event_id, user_id) DO NOTHING
    RETURNING 1
  ), mail AS (
    INSERT INTO email_outbox (tenant_id, event_id, user_id, recipient, locale, kind, payload, link)
    SELECT v_tenant, p_event_id, r.id, r.email, r.locale, p_kind, p_payload, p_link FROM recipients r
    ON CONFLICT (event_id, recipient) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM inbox) + 0 * (SELECT count(*) FROM mail) INTO v_count;
  RETURN v_count;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_notification(uuid, text, text, jsonb, text[], uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION enqueue_notification(uuid, text, text, jsonb, text[], uuid) TO vmi_app;--> statement-breakpoint
-- The session check now also gives, per membership, the unread notifications of the user and the
-- plans waiting for the membership's approval step (buyer: submitted; manager: in review), for the
-- counts in the header and the navigation: still one statement per request.
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
                    'dataVersion', coalesce(v.version::text || '@' || v.changed_at::text, '0@'),
                    'unread', (SELECT count(*) FROM notifications n
                               WHERE n.user_id = s.user_id AND n.tenant_id = m.tenant_id AND n.read_at IS NULL),
                    'awaiting', CASE m.role
                      WHEN 'buyer' THEN (SELECT count(*) FROM replenishment_plans p
                                         WHERE p.tenant_id = m.tenant_id AND p.status = 'submitted')
                      WHEN 'manager' THEN (SELECT count(*) FROM replenishment_plans p
                                           WHERE p.tenant_id = m.tenant_id AND p.status = 'in_review')
                      ELSE 0 END)
                  ORDER BY t.name)
           FROM memberships m
           JOIN tenants t ON t.id = m.tenant_id
           LEFT JOIN tenant_data_versions v ON v.tenant_id = m.tenant_id
           WHERE m.user_id = s.user_id
         ), '[]'::jsonb)
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = p_session_id
$$;
