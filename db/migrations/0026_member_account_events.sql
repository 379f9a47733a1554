-- The account events of a company's members for its audit trail (docs/decisions/024). Sign-ins,
-- password changes and resets belong to no company (tenant_id null: one login serves several
-- companies), so row-level security shows them to no one in a company's context. This function
-- gives the company's administrators (app.role 'admin' on the buyer's side, set by withTenant from
-- the membership) those of the company's members, current or deactivated: events whose actor is a
-- member, and failed sign-ins to a member's address. The company is the transaction's, never a
-- parameter; anyone else gets no rows. Newest first, at most p_limit (100,000 at most) rows, filtered
-- like the trail: [p_from, p_to), the person, the action; a page further on starts after the
-- (occurred_at, id) of the last row of the one before (keyset paging, as the trail pages).
CREATE OR REPLACE FUNCTION member_account_events(
  p_from timestamptz,
  p_to timestamptz,
  p_user uuid,
  p_action text,
  p_before timestamptz,
  p_before_id uuid,
  p_limit integer
)
RETURNS TABLE (
  id uuid,
  user_id uuid,
  action text,
  entity_type text,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text,
  occurred_at timestamptz
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  WITH members AS (
    SELECT u.id, lower(u.email) AS email
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
      AND nullif(current_setting('app.role', true), '') = 'admin'
      AND nullif(current_setting('app.supplier_id', true), '') IS NULL
  )
  SELECT e.id, mem.id, e.action, e.entity_type, e.entity_id, e.before, e.after, e.ip, e.occurred_at
  FROM audit_events e
  JOIN members mem
    ON mem.id = e.actor_user_id
    OR (e.actor_user_id IS NULL AND e.action = 'auth.sign_in_failed' AND lower(e.after ->> 'email') = mem.email)
  WHERE e.tenant_id IS NULL
    AND e.action IN ('auth.sign_in', 'auth.sign_in_failed', 'auth.password_changed', 'auth.password_change_failed',
                     'password.reset', 'auth.account_created')
    AND (p_from IS NULL OR e.occurred_at >= p_from)
    AND (p_to IS NULL OR e.occurred_at < p_to)
    AND (p_user IS NULL OR mem.id = p_user)
    AND (p_action IS NULL OR e.action = p_action)
    AND (p_before IS NULL OR (e.occurred_at, e.id) < (p_before, coalesce(p_before_id, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid)))
  ORDER BY e.occurred_at DESC, e.id DESC
  LIMIT least(greatest(coalesce(p_limit, 0), 0), 100000)
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION member_account_events(timestamptz, timestamptz, uuid, text, timestamptz, uuid, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION member_account_events(timestamptz, timestamptz, uuid, text, timestamptz, uuid, integer) TO vmi_app;
