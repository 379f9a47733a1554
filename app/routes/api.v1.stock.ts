import { applyBatch } from "~/services/api/batches.server";
import { apiRoute } from "~/services/api/http.server";

/** POST: a batch of daily stock figures by SKU, site and day (app/services/api/batches.server.ts). */
export const action = apiRoute("stock.post", (context, body) => applyBatch(context, "stock", body));
