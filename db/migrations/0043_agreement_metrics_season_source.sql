ALTER TABLE "agreement_metrics" ADD COLUMN "season_source" text;--> statement-breakpoint
ALTER TABLE "agreement_metrics" ADD COLUMN "season_peers" integer;