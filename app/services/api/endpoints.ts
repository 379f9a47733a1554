import type { ApiScope } from "./key-rules";

/**
 * Every endpoint of the REST API, in one table: its method, address, the scopes that admit a key
 * (any one of them) and what it does. Each route names its entry (`apiRoute("items.put", …)`), so
 * the scopes an endpoint checks are read here, and the OpenAPI document has one operation per entry
 * (openapi.server.ts). Paths name their parameters as the routes in app/routes.ts do.
 */
export const API_ENDPOINTS = {
  "items.put": { method: "PUT", path: "/api/v1/items", scopes: ["items:write"], summary: "Upsert items by SKU" },
  "suppliers.put": { method: "PUT", path: "/api/v1/suppliers", scopes: ["partners:write"], summary: "Upsert suppliers by code" },
  "sites.put": { method: "PUT", path: "/api/v1/sites", scopes: ["partners:write"], summary: "Upsert sites by code" },
  "agreements.put": {
    method: "PUT",
    path: "/api/v1/agreements",
    scopes: ["agreements:write"],
    summary: "Upsert agreements by supplier, SKU and site",
  },
  "stock.post": {
    method: "POST",
    path: "/api/v1/stock",
    scopes: ["facts:write"],
    summary: "Record on-hand stock by SKU, site and day",
  },
  "consumption.post": {
    method: "POST",
    path: "/api/v1/consumption",
    scopes: ["facts:write"],
    summary: "Record consumption by SKU, site and day",
  },
  "receipts.post": {
    method: "POST",
    path: "/api/v1/receipts",
    scopes: ["facts:write"],
    summary: "Record goods received: against a shipping notice's ASN number, or by SKU, site and day",
  },
  "agreements.list": {
    method: "GET",
    path: "/api/v1/agreements",
    scopes: ["read"],
    summary: "List agreements, a page at a time",
  },
  "agreements.get": { method: "GET", path: "/api/v1/agreements/{agreementId}", scopes: ["read"], summary: "One agreement" },
  "imports.post": {
    method: "POST",
    path: "/api/v1/imports",
    scopes: ["imports:write"],
    summary: "Import a CSV or XLSX file (multipart: kind, file; ?dryRun=true to preview only)",
  },
  "imports.get": { method: "GET", path: "/api/v1/imports/{importId}", scopes: ["imports:write", "read"], summary: "One import" },
} as const satisfies Record<
  string,
  { method: "GET" | "POST" | "PUT"; path: string; scopes: readonly ApiScope[]; summary: string }
>;

export type ApiEndpointId = keyof typeof API_ENDPOINTS;
