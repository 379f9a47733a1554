import { applyBatch } from "~/services/api/batches.server";
import { apiRoute } from "~/services/api/http.server";

/** PUT: a batch of suppliers, upserted by natural key (app/services/api/batches.server.ts). */
export const action = apiRoute("suppliers.put", (context, body) => applyBatch(context, "suppliers", body));
