import type { LoaderFunctionArgs } from "@remix-run/node";
import { referencePage } from "~/services/api/reference-page.server";

/** The REST API's interactive reference, reading /api/v1/openapi.json; public, like the document. */
export function loader({ context }: LoaderFunctionArgs) {
  return referencePage(context.cspNonce);
}
