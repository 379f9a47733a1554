import { listAgreementsForApi } from "~/services/api/agreements.server";
import { applyBatch } from "~/services/api/batches.server";
import { apiRoute } from "~/services/api/http.server";

/** The API's agreements: GET lists them a page at a time, PUT upserts a batch. */
export const loader = apiRoute("agreements.list", (context) => listAgreementsForApi(context));

export const action = apiRoute("agreements.put", (context, body) => applyBatch(context, "agreements", body));
