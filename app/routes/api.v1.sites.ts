import { applyBatch } from "~/services/api/batches.server";
import { apiRoute } from "~/services/api/http.server";

/** PUT: a batch of sites, upserted by natural key (app/services/api/batches.server.ts). */
export const action = apiRoute("sites.put", (context, body) => applyBatch(context, "sites", body));
