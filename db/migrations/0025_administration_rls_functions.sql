-- Administration (docs/decisions/022): who may write people, partners, master data and settings
-- is decided by row-level security on the membership's role (app.role, app.supplier_admin, set by
-- withTenant from the same membership as the tenant). What happens before a person is a member
-- (a set-up link, an invitation, a password reset) goes through the SECURITY DEFINER functions
-- below, each doing one thing and returning only what its caller needs.
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO vmi_app;--> statement-breakpoint
-- password_resets and setup_tokens: no grant at all; only the functions below touch them.

-- Memberships: a deactivated one gives no access; the last active administrator of a company
-- cannot be removed, demoted or deactivated (the company would be left without anyone to run
-- it). The tenant row is locked first, so that two administrators demoting each other at once
-- cannot both pass. A membership deleted with its tenant or its user passes.
CREATE OR REPLACE FUNCTION memberships_guard()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.status = 'deactivated' AND OLD.status <> 'deactivated' THEN
      NEW.deactivated_at := now();
    ELSIF NEW.status = 'active' THEN
      NEW.deactivated_at := NULL;
    END IF;
  END IF;
  IF OLD.role = 'admin' AND OLD.status = 'active'
     AND (TG_OP = 'DELETE' OR NEW.role <> 'admin' OR NEW.status <> 'active') THEN
    PERFORM 1 FROM tenants t WHERE t.id = OLD.tenant_id FOR UPDATE;
    IF FOUND AND EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.user_id) AND NOT EXISTS (
      SELECT 1 FROM memberships m
      WHERE m.tenant_id = OLD.tenant_id AND m.id <> OLD.id AND m.role = 'admin' AND m.status = 'active'
    ) THEN
      RAISE EXCEPTION 'the last active administrator of a company cannot be removed, demoted or deactivated'
        USING ERRCODE = 'VM001', CONSTRAINT = 'memberships_last_admin';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER memberships_guard BEFORE UPDATE OR DELETE ON memberships
FOR EACH ROW EXECUTE FUNCTION memberships_guard();--> statement-breakpoint

-- Deactivating a member ends its sessions at once (every session of the login: the others carry
-- on after signing in again, without this company).
CREATE OR REPLACE FUNCTION memberships_end_sessions()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM sessions s WHERE s.user_id = NEW.user_id;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER memberships_end_sessions AFTER UPDATE OF status ON memberships
FOR EACH ROW WHEN (NEW.status = 'deactivated' AND OLD.status <> 'deactivated')
EXECUTE FUNCTION memberships_end_sessions();--> statement-breakpoint

-- Sign-in: a login whose every membership is deactivated cannot sign in; it gets the ordinary
-- wrong-credentials answer (the caller cannot tell it from a wrong password).
CREATE OR REPLACE FUNCTION auth_login_candidate(p_email text)
RETURNS TABLE (id uuid, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT u.id, u.password_hash FROM users u
  WHERE lower(u.email) = lower(trim(p_email))
    AND (NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
         OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.status = 'active'))
$$;--> statement-breakpoint

-- The session check: active memberships only, and whether a supplier member administers its
-- supplier's people.
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
                      ELSE 0 END)
                  ORDER BY t.name)
           FROM memberships m
           JOIN tenants t ON t.id = m.tenant_id
           LEFT JOIN tenant_data_versions v ON v.tenant_id = m.tenant_id
           WHERE m.user_id = s.user_id AND m.status = 'active'
         ), '[]'::jsonb)
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = p_session_id
$$;--> statement-breakpoint

-- Notifications go to active members only.
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
      AND m.status = 'active'
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

-- The state of an invitation link, for its page: the company, the role, the address invited, and
-- whether that address already has a login. Nothing when the link names no invitation.
CREATE OR REPLACE FUNCTION invitation_preview(p_token_hash text)
RETURNS TABLE (
  tenant_id uuid, tenant_slug text, tenant_name text, email text, role text, supplier_name text,
  locale text, state text, has_account boolean
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT i.tenant_id, t.slug, t.name, i.email, i.role, s.name, i.locale,
         CASE WHEN i.accepted_at IS NOT NULL THEN 'used'
              WHEN i.revoked_at IS NOT NULL THEN 'revoked'
              WHEN i.expires_at <= now() THEN 'expired'
              ELSE 'pending' END,
         EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(i.email))
  FROM invitations i
  JOIN tenants t ON t.id = i.tenant_id
  LEFT JOIN suppliers s ON s.tenant_id = i.tenant_id AND s.id = i.supplier_id
  WHERE i.token_hash = p_token_hash
$$;--> statement-breakpoint

-- Accepts an invitation for the signed-in login p_user_id (app.user_id must name it): adds the
-- membership, marks the invitation used and audits it, in the caller's transaction. Returns the
-- outcome: 'accepted', or why not ('unknown', 'used', 'revoked', 'expired', 'wrong_account' when
-- the login's address is not the one invited, 'already_member' when the login is an active member
-- already). An invitation never changes an active membership: a supplier's administrator, who
-- sees only its own supplier's people, must not move another supplier's person to its own. A
-- deactivated member comes back through an invitation only with the role and supplier it had,
-- unless an administrator of the company sent it.
CREATE OR REPLACE FUNCTION accept_invitation(p_token_hash text, p_user_id uuid)
RETURNS TABLE (outcome text, tenant_slug text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_invitation invitations%ROWTYPE;
  v_existing memberships%ROWTYPE;
  v_email text;
  v_slug text;
BEGIN
  IF p_user_id IS DISTINCT FROM nullif(current_setting('app.user_id', true), '')::uuid THEN
    RAISE EXCEPTION 'accept_invitation: only the signed-in login accepts for itself';
  END IF;
  SELECT * INTO v_invitation FROM invitations i WHERE i.token_hash = p_token_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unknown'::text, NULL::text;
    RETURN;
  END IF;
  SELECT t.slug INTO v_slug FROM tenants t WHERE t.id = v_invitation.tenant_id;
  IF v_invitation.accepted_at IS NOT NULL THEN
    RETURN QUERY SELECT 'used'::text, v_slug;
    RETURN;
  ELSIF v_invitation.revoked_at IS NOT NULL THEN
    RETURN QUERY SELECT 'revoked'::text, v_slug;
    RETURN;
  ELSIF v_invitation.expires_at <= now() THEN
    RETURN QUERY SELECT 'expired'::text, v_slug;
    RETURN;
  END IF;
  SELECT u.email INTO v_email FROM users u WHERE u.id = p_user_id;
  IF v_email IS NULL OR lower(v_email) <> lower(v_invitation.email) THEN
    RETURN QUERY SELECT 'wrong_account'::text, v_slug;
    RETURN;
  END IF;
  SELECT * INTO v_existing FROM memberships m
  WHERE m.tenant_id = v_invitation.tenant_id AND m.user_id = p_user_id FOR UPDATE;
  IF FOUND THEN
    IF v_existing.status = 'active'
       OR ((v_existing.role, v_existing.supplier_id) IS DISTINCT FROM (v_invitation.role, v_invitation.supplier_id)
           AND NOT EXISTS (SELECT 1 FROM memberships a
                           WHERE a.tenant_id = v_invitation.tenant_id AND a.user_id = v_invitation.invited_by
                             AND a.role = 'admin' AND a.status = 'active')) THEN
      RETURN QUERY SELECT 'already_member'::text, v_slug;
      RETURN;
    END IF;
    UPDATE memberships
    SET role = v_invitation.role, supplier_id = v_invitation.supplier_id, supplier_admin = v_invitation.supplier_admin,
        status = 'active'
    WHERE tenant_id = v_existing.tenant_id AND id = v_existing.id;
  ELSE
    INSERT INTO memberships (tenant_id, user_id, role, supplier_id, supplier_admin, status)
    VALUES (v_invitation.tenant_id, p_user_id, v_invitation.role, v_invitation.supplier_id, v_invitation.supplier_admin, 'active');
  END IF;
  UPDATE invitations SET accepted_at = now(), accepted_by = p_user_id
  WHERE tenant_id = v_invitation.tenant_id AND id = v_invitation.id;
  INSERT INTO audit_events (tenant_id, supplier_id, actor_user_id, action, entity_type, entity_id, after, occurred_at)
  VALUES (v_invitation.tenant_id, v_invitation.supplier_id, p_user_id, 'invitation.accept', 'invitation', v_invitation.id::text,
          jsonb_build_object('email', v_invitation.email, 'role', v_invitation.role, 'supplierId', v_invitation.supplier_id,
                             'supplierAdmin', v_invitation.supplier_admin),
          clock_timestamp());
  RETURN QUERY SELECT 'accepted'::text, v_slug;
END
$$;--> statement-breakpoint

-- Writes the e-mail of a pending invitation of the current tenant into the outbox. p_send_id
-- identifies this sending (a resend is another), p_link is the path with the token.
CREATE OR REPLACE FUNCTION enqueue_invitation_email(p_invitation_id uuid, p_send_id uuid, p_link text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
  v_actor uuid := nullif(current_setting('app.user_id', true), '')::uuid;
BEGIN
  INSERT INTO email_outbox (tenant_id, event_id, user_id, recipient, locale, kind, payload, link)
  SELECT i.tenant_id, p_send_id, NULL, i.email, i.locale, 'account.invitation',
         jsonb_build_object('tenant', t.name, 'role', i.role, 'supplier', s.name, 'inviter', inviter.name,
                            'expiresAt', to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
         p_link
  FROM invitations i
  JOIN tenants t ON t.id = i.tenant_id
  LEFT JOIN suppliers s ON s.tenant_id = i.tenant_id AND s.id = i.supplier_id
  LEFT JOIN users inviter ON inviter.id = coalesce(v_actor, i.invited_by)
  WHERE i.tenant_id = v_tenant AND i.id = p_invitation_id
    AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
  ON CONFLICT (event_id, recipient) DO NOTHING;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'enqueue_invitation_email: no pending invitation % in this tenant', p_invitation_id;
  END IF;
END
$$;--> statement-breakpoint

-- A password reset for whoever owns p_email and may sign in: stores the token's hash with its
-- expiry and writes the e-mail with p_link into the outbox. Returns nothing, whether or not the
-- address has a login, so that the caller cannot tell the two apart.
CREATE OR REPLACE FUNCTION issue_password_reset(p_email text, p_token_hash text, p_link text, p_expires_at timestamptz)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_user users%ROWTYPE;
  v_locale text;
BEGIN
  SELECT u.* INTO v_user FROM users u
  WHERE lower(u.email) = lower(trim(p_email))
    AND (NOT EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id)
         OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.status = 'active'));
  IF NOT FOUND THEN
    RETURN;
  END IF;
  v_locale := coalesce(v_user.locale, (
    SELECT t.default_locale FROM memberships m JOIN tenants t ON t.id = m.tenant_id
    WHERE m.user_id = v_user.id AND m.status = 'active' ORDER BY m.created_at LIMIT 1), 'en');
  INSERT INTO password_resets (id, user_id, expires_at) VALUES (p_token_hash, v_user.id, p_expires_at);
  INSERT INTO email_outbox (tenant_id, event_id, user_id, recipient, locale, kind, payload, link)
  VALUES (NULL, gen_random_uuid(), v_user.id, v_user.email, v_locale, 'account.password_reset',
          jsonb_build_object('name', v_user.name, 'expiresAt', to_char(p_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
          p_link);
END
$$;--> statement-breakpoint

-- Whether a reset link can still be used (for its page).
CREATE OR REPLACE FUNCTION password_reset_usable(p_token_hash text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT EXISTS (SELECT 1 FROM password_resets r WHERE r.id = p_token_hash AND r.used_at IS NULL AND r.expires_at > now())
$$;--> statement-breakpoint

-- Uses a reset link: sets the new password (already hashed), marks this and every other open link
-- of the login used, ends every session of the login and audits it. Returns the login's id, or
-- nothing when the link is unknown, used or expired.
CREATE OR REPLACE FUNCTION consume_password_reset(p_token_hash text, p_password_hash text)
RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_user uuid;
BEGIN
  SELECT r.user_id INTO v_user FROM password_resets r
  WHERE r.id = p_token_hash AND r.used_at IS NULL AND r.expires_at > now()
  FOR UPDATE;
  IF v_user IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE users SET password_hash = p_password_hash, password_changed_at = now() WHERE id = v_user;
  UPDATE password_resets SET used_at = now() WHERE user_id = v_user AND used_at IS NULL;
  DELETE FROM sessions WHERE user_id = v_user;
  INSERT INTO audit_events (tenant_id, actor_user_id, action, entity_type, entity_id, occurred_at)
  VALUES (NULL, v_user, 'password.reset', 'user', v_user::text, clock_timestamp());
  RETURN v_user;
END
$$;--> statement-breakpoint

-- Whether a set-up link can still be used: unknown, used and expired links cannot, nor any link
-- once a company exists.
CREATE OR REPLACE FUNCTION setup_token_usable(p_token_hash text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT EXISTS (SELECT 1 FROM setup_tokens s WHERE s.id = p_token_hash AND s.used_at IS NULL AND s.expires_at > now())
     AND NOT EXISTS (SELECT 1 FROM tenants)
$$;--> statement-breakpoint

-- Sets up the first company with a set-up link: the company, its first administrator's login
-- (the password already hashed) and membership, the link marked used, and an audit row. Returns
-- the administrator's id, or nothing when the link cannot be used. A slug or e-mail already taken
-- raises the unique violation of its constraint.
CREATE OR REPLACE FUNCTION setup_first_company(
  p_token_hash text, p_slug text, p_name text, p_currency text, p_timezone text, p_locale text,
  p_admin_email text, p_admin_name text, p_password_hash text
)
RETURNS uuid
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  v_tenant uuid;
  v_user uuid;
BEGIN
  PERFORM 1 FROM setup_tokens s WHERE s.id = p_token_hash AND s.used_at IS NULL AND s.expires_at > now() FOR UPDATE;
  IF NOT FOUND OR EXISTS (SELECT 1 FROM tenants) THEN
    RETURN NULL;
  END IF;
  INSERT INTO tenants (slug, name, currency, timezone, default_locale)
  VALUES (p_slug, p_name, p_currency, p_timezone, p_locale) RETURNING id INTO v_tenant;
  INSERT INTO users (email, name, password_hash, locale)
  VALUES (lower(trim(p_admin_email)), p_admin_name, p_password_hash, p_locale) RETURNING id INTO v_user;
  INSERT INTO memberships (tenant_id, user_id, role) VALUES (v_tenant, v_user, 'admin');
  UPDATE setup_tokens SET used_at = now() WHERE id = p_token_hash;
  INSERT INTO audit_events (tenant_id, actor_user_id, action, entity_type, entity_id, after, occurred_at)
  VALUES (v_tenant, v_user, 'tenant.setup', 'tenant', v_tenant::text,
          jsonb_build_object('slug', p_slug, 'name', p_name, 'currency', p_currency, 'timezone', p_timezone,
                             'defaultLocale', p_locale, 'adminEmail', lower(trim(p_admin_email))),
          clock_timestamp());
  RETURN v_user;
END
$$;--> statement-breakpoint

REVOKE ALL ON FUNCTION memberships_guard() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION memberships_end_sessions() FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION invitation_preview(text) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION accept_invitation(text, uuid) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION enqueue_invitation_email(uuid, uuid, text) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION issue_password_reset(text, text, text, timestamptz) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION password_reset_usable(text) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION consume_password_reset(text, text) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION setup_token_usable(text) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION setup_first_company(text, text, text, text, text, text, text, text, text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION invitation_preview(text) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION accept_invitation(text, uuid) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION enqueue_invitation_email(uuid, uuid, text) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION issue_password_reset(text, text, text, timestamptz) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION password_reset_usable(text) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION consume_password_reset(text, text) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION setup_token_usable(text) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION setup_first_company(text, text, text, text, text, text, text, text, text) TO vmi_app;
