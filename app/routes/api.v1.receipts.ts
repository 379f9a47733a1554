import { applyBatch } from "~/services/api/batches.server";
import { apiRoute } from "~/services/api/http.server";

/**
 * POST: a batch of receipts; a row with a reference (an ASN number) receives that notice's
 * shipment, one without records goods that no notice announced (app/services/api/batches.server.ts).
 */
export const action = apiRoute("receipts.post", (context, body) => applyBatch(context, "receipts", body));
