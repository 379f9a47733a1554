-- The class history is written by the recompute as the buyer's side of the tenant; suppliers read
-- their own agreements' rows. FORCE binds the owner to the policies too.
ALTER TABLE agreement_class_history FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON agreement_class_history TO vmi_app;--> statement-breakpoint
CREATE TRIGGER agreement_class_history_data_version_insert AFTER INSERT ON agreement_class_history REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();--> statement-breakpoint
CREATE TRIGGER agreement_class_history_data_version_delete AFTER DELETE ON agreement_class_history REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_tenant_data_version();
