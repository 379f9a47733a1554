-- Imports: forced row-level security (the owner too) and the app role's rights.
ALTER TABLE imports FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE import_errors FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON imports TO vmi_app;--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON import_errors TO vmi_app;
