-- The tenant's data version moves on with every statement that changes what the pages show, in
-- whatever instance or tool wrote it, so that cached page data is never served after a change.
-- Statement-level triggers with transition tables: one bump per statement and tenant, however many
-- rows a bulk import writes. SECURITY DEFINER so that the app role needs no write grant on the
-- counter; a tenant being deleted (its rows go by cascade) is skipped.
ALTER TABLE tenant_data_versions FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON tenant_data_versions TO vmi_app;--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_tenant_data_version()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO tenant_data_versions AS v (tenant_id, version, changed_at)
  SELECT d.tenant_id, 1, clock_timestamp()
  FROM (SELECT DISTINCT c.tenant_id FROM changed_rows c WHERE c.tenant_id IS NOT NULL) d
  WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = d.tenant_id)
  ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1, changed_at = clock_timestamp();
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION bump_tenant_data_version() FROM PUBLIC;--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_tenant_data_version_of_tenant()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  INSERT INTO tenant_data_versions AS v (tenant_id, version, changed_at)
  SELECT d.id, 1, clock_timestamp()
  FROM (SELECT DISTINCT c.id FROM changed_rows c) d
  WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = d.id)
  ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1, changed_at = clock_timestamp();
  RETURN NULL;
END
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION bump_tenant_data_version_of_tenant() FROM PUBLIC;--> statement-breakpoint
CREATE TRIGGER tenants_data_version_update AFTER UPDATE ON tenants REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version_of_tenant();--> statement-breakpoint
CREATE TRIGGER agreements_data_version_insert AFTER INSERT ON agreements REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER agreements_data_version_update AFTER UPDATE ON agreements REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER agreements_data_version_delete AFTER DELETE ON agreements REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER items_data_version_insert AFTER INSERT ON items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER items_data_version_update AFTER UPDATE ON items REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER items_data_version_delete AFTER DELETE ON items REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER locations_data_version_insert AFTER INSERT ON locations REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER locations_data_version_update AFTER UPDATE ON locations REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER locations_data_version_delete AFTER DELETE ON locations REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER suppliers_data_version_insert AFTER INSERT ON suppliers REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER suppliers_data_version_update AFTER UPDATE ON suppliers REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER suppliers_data_version_delete AFTER DELETE ON suppliers REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER agreement_metrics_data_version_insert AFTER INSERT ON agreement_metrics REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER agreement_metrics_data_version_update AFTER UPDATE ON agreement_metrics REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER agreement_metrics_data_version_delete AFTER DELETE ON agreement_metrics REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER stock_snapshots_data_version_insert AFTER INSERT ON stock_snapshots REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER stock_snapshots_data_version_update AFTER UPDATE ON stock_snapshots REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER stock_snapshots_data_version_delete AFTER DELETE ON stock_snapshots REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER consumption_data_version_insert AFTER INSERT ON consumption REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER consumption_data_version_update AFTER UPDATE ON consumption REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER consumption_data_version_delete AFTER DELETE ON consumption REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER shipments_data_version_insert AFTER INSERT ON shipments REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER shipments_data_version_update AFTER UPDATE ON shipments REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER shipments_data_version_delete AFTER DELETE ON shipments REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER plan_lines_data_version_insert AFTER INSERT ON plan_lines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER plan_lines_data_version_update AFTER UPDATE ON plan_lines REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER plan_lines_data_version_delete AFTER DELETE ON plan_lines REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER replenishment_plans_data_version_insert AFTER INSERT ON replenishment_plans REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER replenishment_plans_data_version_update AFTER UPDATE ON replenishment_plans REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER replenishment_plans_data_version_delete AFTER DELETE ON replenishment_plans REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER memberships_data_version_insert AFTER INSERT ON memberships REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER memberships_data_version_update AFTER UPDATE ON memberships REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER memberships_data_version_delete AFTER DELETE ON memberships REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();
