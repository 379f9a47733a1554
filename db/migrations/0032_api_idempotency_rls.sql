-- Idempotency keys of the REST API (docs/decisions/029): forced row-level security, so that only
-- the company's administrators (as which an API key acts) read or write the rows, the owner too.
-- DELETE purges answers older than 24 hours and drops a claim whose request failed.
ALTER TABLE api_idempotency FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON api_idempotency TO vmi_app;
