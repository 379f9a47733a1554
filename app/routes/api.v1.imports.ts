import { apiRoute } from "~/services/api/http.server";
import { importForApi } from "~/services/api/imports.server";

/** An import file through the API (multipart, streamed to disk by the front door's upload path). */
export const action = apiRoute("imports.post", (context) => importForApi(context), { body: "none" });
