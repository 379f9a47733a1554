import { openApiDocument } from "~/services/api/openapi.server";

/** The REST API's OpenAPI 3.1 document: public, like any API reference; no key needed. */
export function loader() {
  return new Response(JSON.stringify(openApiDocument()), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
