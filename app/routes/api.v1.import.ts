import { apiRoute } from "~/services/api/http.server";
import { getImportForApi } from "~/services/api/imports.server";

/** One import of the key's company: its state, counts and first refused rows. */
export const loader = apiRoute("imports.get", (context) => getImportForApi(context, context.params.importId));
