import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { OPENAPI_PATH } from "./openapi.server";

/**
 * The API reference page (`/api/docs`): swagger-ui, served from our own origin so that the page
 * lives under the portal's Content-Security-Policy as it is — its scripts carry the response's
 * nonce (script-src stays nonce-only), its stylesheet and inline styles are what style-src already
 * allows, and it fetches the document and tries requests on 'self'.
 */

const require = createRequire(import.meta.url);
const SWAGGER_DIR = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const SWAGGER_VERSION = (require("swagger-ui-dist/package.json") as { version: string }).version;

/** The files the page loads, by the address it loads them from. */
export const REFERENCE_ASSETS = {
  "swagger-ui.css": { address: "/api/docs/swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { address: "/api/docs/swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
} as const;
export type ReferenceAsset = keyof typeof REFERENCE_ASSETS;

/** The page's addresses carry the version, so the files may be cached for a year. */
const versioned = (asset: ReferenceAsset) => `${REFERENCE_ASSETS[asset].address}?v=${SWAGGER_VERSION}`;

/** The reference page, its scripts marked with this response's CSP nonce. */
export function referencePage(nonce: string): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>VMI portal REST API</title>
<link rel="stylesheet" href="${versioned("swagger-ui.css")}">
</head>
<body>
<div id="swagger-ui"></div>
<script nonce="${nonce}" src="${versioned("swagger-ui-bundle.js")}"></script>
<script nonce="${nonce}">
window.ui = SwaggerUIBundle({ url: ${JSON.stringify(OPENAPI_PATH)}, dom_id: "#swagger-ui", deepLinking: true });
</script>
</body>
</html>
`;
  return new Response(html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}

const loaded = new Map<ReferenceAsset, Promise<Buffer>>();

/** One of swagger-ui's files, read once a process. */
export async function referenceAsset(asset: ReferenceAsset): Promise<Response> {
  let bytes = loaded.get(asset);
  if (!bytes) {
    bytes = readFile(path.join(SWAGGER_DIR, asset));
    loaded.set(asset, bytes);
  }
  return new Response(new Uint8Array(await bytes), {
    headers: {
      "Content-Type": REFERENCE_ASSETS[asset].type,
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
