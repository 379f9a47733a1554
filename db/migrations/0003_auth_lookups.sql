-- The app role sees only the signed-in user's row of users and sessions. Two look-ups happen
-- before the user is known, and run as the owner through these functions, each returning only
-- what its caller needs. users and sessions have row security ENABLEd but not FORCEd, so that
-- the owner (these functions) reads them; vmi_app owns nothing and is always bound.
CREATE OR REPLACE FUNCTION auth_login_candidate(p_email text)
RETURNS TABLE (id uuid, password_hash text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT u.id, u.password_hash FROM users u WHERE lower(u.email) = lower(trim(p_email))
$$;--> statement-breakpoint
-- The session id is the SHA-256 of the token: only the holder of the cookie can name it.
CREATE OR REPLACE FUNCTION auth_session(p_session_id text)
RETURNS TABLE (user_id uuid, expires_at timestamptz, email text, name text, locale text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT s.user_id, s.expires_at, u.email, u.name, u.locale
  FROM sessions s JOIN users u ON u.id = s.user_id
  WHERE s.id = p_session_id
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION auth_login_candidate(text) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION auth_session(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_login_candidate(text) TO vmi_app;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_session(text) TO vmi_app;
