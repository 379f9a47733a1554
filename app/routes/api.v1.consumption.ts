import { applyBatch } from "~/services/api/batches.server";
import { apiRoute } from "~/services/api/http.server";

/** POST: a batch of daily consumption figures by SKU, site and day (app/services/api/batches.server.ts). */
export const action = apiRoute("consumption.post", (context, body) => applyBatch(context, "consumption", body));
