import { applyBatch } from "~/services/api/batches.server";
import { apiRoute } from "~/services/api/http.server";

/** PUT: a batch of items, upserted by natural key (app/services/api/batches.server.ts). */
export const action = apiRoute("items.put", (context, body) => applyBatch(context, "items", body));
