-- A shipping notice its supplier cancels before any of it is received keeps its lines, marked
-- cancelled: they leave transit (and every projection) but stay readable with their audit trail.
ALTER TABLE "shipments" DROP CONSTRAINT "shipments_status_check";--> statement-breakpoint
ALTER TABLE "shipments" ADD CONSTRAINT "shipments_status_check" CHECK ("shipments"."status" in ('in_transit', 'received', 'cancelled'));
