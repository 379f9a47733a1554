-- API keys (docs/decisions/028): forced row-level security, so that only the tenant's
-- administrators read or write the rows (the owner too); no DELETE, a revoked key stays listed.
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON api_keys TO vmi_app;--> statement-breakpoint

-- A request of the REST API, before any tenant is known: the key by its SHA-256, only when it is
-- neither revoked nor expired, with its company's id and slug and its scopes. Records the key's
-- last use, at most once a minute (a busy integration would otherwise write a row per request).
-- Nothing comes back for an unknown, revoked or expired key, and the caller cannot tell which.
CREATE OR REPLACE FUNCTION api_key_context(p_sha256 text)
RETURNS TABLE (tenant_id uuid, tenant_slug text, key_id uuid, scopes text[])
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  WITH found AS (
    SELECT k.tenant_id, k.id, k.scopes FROM api_keys k
    WHERE k.key_sha256 = p_sha256
      AND k.revoked_at IS NULL
      AND (k.expires_at IS NULL OR k.expires_at > now())
  ), touched AS (
    UPDATE api_keys k SET last_used_at = now()
    FROM found f
    WHERE k.tenant_id = f.tenant_id AND k.id = f.id
      AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute')
  )
  -- A data-modifying WITH runs to completion whether or not the query reads it.
  SELECT f.tenant_id, t.slug, f.id, f.scopes
  FROM found f JOIN tenants t ON t.id = f.tenant_id
$$;--> statement-breakpoint

REVOKE ALL ON FUNCTION api_key_context(text) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION api_key_context(text) TO vmi_app;
