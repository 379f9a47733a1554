-- The session check of every request in one statement: the session's user and that user's
-- memberships with their tenants and data versions (what auth_session and a memberships query
-- gave in three statements). Like auth_session it runs as the owner, and returns only what the
-- holder of the session cookie may know: its own user and its own memberships.
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
                    'dataVersion', coalesce(v.version::text || '@' || v.changed_at::text, '0@'))
                  ORDER BY t.name)
           FROM memberships m
           JOIN tenants t ON t.id = m.tenant_id
           LEFT JOIN tenant_data_versions v ON v.tenant_id = m.tenant_id
           WHERE m.user_id = s.user_id
         ), '[]'::jsonb)
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = p_session_id
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION auth_session_context(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_session_context(text) TO vmi_app;
