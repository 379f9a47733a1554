-- Request counts of the REST API's keys by minute (docs/decisions/031): forced row-level security,
-- so that only the company's administrators (as which an API key acts) read or write the rows, the
-- owner too. DELETE drops a key's windows that have passed.
ALTER TABLE api_rate_windows FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON api_rate_windows TO vmi_app;
