-- The unique key first: the foreign keys below reference it.
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_item_location_supplier_key" UNIQUE("tenant_id","item_id","location_id","supplier_id");--> statement-breakpoint
ALTER TABLE "consumption" ADD CONSTRAINT "consumption_agreement_fk" FOREIGN KEY ("tenant_id","item_id","location_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","item_id","location_id","supplier_id") ON DELETE no action ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "stock_snapshots" ADD CONSTRAINT "stock_snapshots_agreement_fk" FOREIGN KEY ("tenant_id","item_id","location_id","supplier_id") REFERENCES "public"."agreements"("tenant_id","item_id","location_id","supplier_id") ON DELETE no action ON UPDATE cascade;
