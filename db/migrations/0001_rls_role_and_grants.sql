-- Every request runs as vmi_app (SET LOCAL ROLE inside its transaction): no superuser, no
-- BYPASSRLS, owner of nothing, so row-level security always applies to it. Roles are
-- cluster-wide on a PostgreSQL server, so it is created only when missing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'vmi_app') THEN
    CREATE ROLE vmi_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;--> statement-breakpoint
ALTER ROLE vmi_app NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;--> statement-breakpoint
-- The connecting user must be allowed to switch to the app role.
GRANT vmi_app TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO vmi_app;--> statement-breakpoint
-- FORCE makes the policies bind the tables' owner too; drizzle-kit does not emit it.
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE suppliers FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE locations FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE items FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE agreements FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE stock_snapshots FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE consumption FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;--> statement-breakpoint
-- Global tables (one login across tenants) carry no tenant_id and need no policy.
GRANT SELECT, INSERT, UPDATE ON users TO vmi_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, auth_throttle TO vmi_app;--> statement-breakpoint
-- Tenants are created by the operator (seed, admin tooling), never by a request.
GRANT SELECT, UPDATE ON tenants TO vmi_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON suppliers, locations, memberships, items, agreements, stock_snapshots, consumption TO vmi_app;--> statement-breakpoint
-- The audit trail is append-only for the app.
GRANT SELECT, INSERT ON audit_events TO vmi_app;
