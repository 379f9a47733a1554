-- The people the alerts pages name. Only administrators read other users' rows (users_member_read),
-- yet every member who sees an alert is shown who holds it and who did what to it, and picks whom
-- to assign it to. These functions give those names and nothing more, for alerts the transaction's
-- scope sees: its tenant, and for a supplier's member its own supplier's alerts only.

-- The names of the assignees of the given alerts (now and before) and of everyone who acted on them.
CREATE OR REPLACE FUNCTION alert_people_names(p_alert_ids uuid[])
RETURNS TABLE (user_id uuid, name text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  WITH scope AS (
    SELECT nullif(current_setting('app.tenant_id', true), '')::uuid AS tenant_id,
           nullif(current_setting('app.supplier_id', true), '')::uuid AS supplier_id
  ), visible AS (
    SELECT a.tenant_id, a.id, a.assignee_user_id
    FROM alerts a, scope s
    WHERE a.tenant_id = s.tenant_id AND a.id = ANY(p_alert_ids)
      AND (s.supplier_id IS NULL OR a.supplier_id = s.supplier_id)
  ), people AS (
    SELECT v.assignee_user_id AS user_id FROM visible v WHERE v.assignee_user_id IS NOT NULL
    UNION
    SELECT x.user_id
    FROM alert_events e
    JOIN visible v ON e.tenant_id = v.tenant_id AND e.alert_id = v.id
    CROSS JOIN LATERAL (VALUES
      (e.actor_user_id),
      (CASE WHEN e.detail->>'assigneeUserId' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            THEN (e.detail->>'assigneeUserId')::uuid END)
    ) AS x(user_id)
    WHERE x.user_id IS NOT NULL
  )
  -- Names of the company's own people only, whatever an event's detail holds.
  SELECT u.id, u.name FROM people p
  JOIN users u ON u.id = p.user_id
  WHERE EXISTS (SELECT 1 FROM memberships m, scope s WHERE m.tenant_id = s.tenant_id AND m.user_id = u.id)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION alert_people_names(uuid[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION alert_people_names(uuid[]) TO vmi_app;--> statement-breakpoint

-- Whom the caller may assign an alert to: active members who may see it. The buyer's side assigns
-- to the buyer's side and to the alert's supplier's people; a supplier's member to its own
-- supplier's people only. Empty when the caller does not see the alert. By name, then e-mail.
CREATE OR REPLACE FUNCTION alert_assignable_members(p_alert_id uuid)
RETURNS TABLE (user_id uuid, name text, role text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  WITH scope AS (
    SELECT nullif(current_setting('app.tenant_id', true), '')::uuid AS tenant_id,
           nullif(current_setting('app.supplier_id', true), '')::uuid AS supplier_id
  )
  SELECT u.id, u.name, m.role
  FROM scope s
  JOIN alerts a ON a.tenant_id = s.tenant_id AND a.id = p_alert_id
  JOIN memberships m ON m.tenant_id = a.tenant_id AND m.status = 'active'
  JOIN users u ON u.id = m.user_id
  WHERE (s.supplier_id IS NULL OR a.supplier_id = s.supplier_id)
    AND CASE WHEN s.supplier_id IS NULL THEN m.role <> 'supplier' OR m.supplier_id = a.supplier_id
             ELSE m.role = 'supplier' AND m.supplier_id = s.supplier_id END
  ORDER BY u.name, lower(u.email)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION alert_assignable_members(uuid) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION alert_assignable_members(uuid) TO vmi_app;
