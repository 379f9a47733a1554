import { mkdtempSync } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { claimIdempotency } from "~/models/api-idempotency.server";
import * as agreementRoute from "~/routes/api.v1.agreement";
import * as agreementsRoute from "~/routes/api.v1.agreements";
import * as docsRoute from "~/routes/api.docs";
import * as docsScriptRoute from "~/routes/api.docs.swagger-ui-bundle";
import * as docsStyleRoute from "~/routes/api.docs.swagger-ui-css";
import * as consumptionRoute from "~/routes/api.v1.consumption";
import * as receiptsRoute from "~/routes/api.v1.receipts";
import * as importRoute from "~/routes/api.v1.import";
import * as importsRoute from "~/routes/api.v1.imports";
import * as itemsRoute from "~/routes/api.v1.items";
import * as openapiRoute from "~/routes/api.v1.openapi";
import * as sitesRoute from "~/routes/api.v1.sites";
import * as stockRoute from "~/routes/api.v1.stock";
import * as suppliersRoute from "~/routes/api.v1.suppliers";
import { createHttpApp } from "~/server/http-app";
import { API_ENDPOINTS, type ApiEndpointId } from "~/services/api/endpoints";
import { idempotencyHashOf, jsonBodyFingerprint } from "~/services/api/http.server";
import { answerSchemaOf } from "~/services/api/openapi.server";
import type { ApiScope } from "~/services/api/key-rules";
import { createApiKey, revokeApiKey } from "~/services/api/manage-keys.server";
import { setDatabase } from "~/utils/db.server";
import { createLogger } from "~/utils/logger.server";
import { createItem, createLocation, createSupplier, createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { fakeBuild } from "../unit/support/fake-build";
import { multipartBody } from "../unit/support/multipart";

/**
 * The REST API through the real HTTP server (express, the front door, Remix's handler and the API
 * routes) over a socket, on a real database: keys and scopes, batches, agreements, imports and
 * idempotency, each company's key in its own company only.
 */

// Before anything reads the environment: import files wait in a directory of this test's own.
process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "vmi-api-"));

let handle: DatabaseHandle;
let db: Database;
let server: Server;
let base: string;
const tenant = { a: "", b: "" };
const keys = {} as Record<"a" | "b" | "readOnly" | "revoked", string>;
let revokedKeyId: string;

const admin = (tenantId: string): TenantScope => ({ tenantId, supplierId: null, userId: null, role: "admin" });
const ALL: ApiScope[] = ["items:write", "partners:write", "agreements:write", "facts:write", "imports:write", "read"];

async function keyFor(tenantId: string, scopes: ApiScope[], name = "ERP") {
  return createApiKey(db, admin(tenantId), { name, scopes }, { timezone: "UTC" });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  setDatabase(handle);
  tenant.a = (await createTenant(db, { slugPrefix: "api-a", timezone: "UTC" })).id;
  tenant.b = (await createTenant(db, { slugPrefix: "api-b", timezone: "UTC" })).id;
  keys.a = (await keyFor(tenant.a, ALL)).key;
  keys.b = (await keyFor(tenant.b, ALL)).key;
  keys.readOnly = (await keyFor(tenant.a, ["read"])).key;
  const revoked = await keyFor(tenant.a, ALL, "old ERP");
  keys.revoked = revoked.key;
  revokedKeyId = revoked.id;
  await revokeApiKey(db, admin(tenant.a), revoked.id);
  // Company B holds the same SKU, supplier and site codes as A will.
  await createSupplier(db, { tenantId: tenant.b, code: "S1" });
  await createLocation(db, { tenantId: tenant.b, code: "WH1" });
  await createItem(db, { tenantId: tenant.b, sku: "SKU-1", name: "B's own item", unitCost: 9 });

  const route = (id: string, routePath: string, module: Record<string, unknown>) => ({
    [id]: { parentId: "root", path: routePath, module },
  });
  const build = fakeBuild(
    { default: () => new Response("<p>page</p>", { headers: { "Content-Type": "text/html" } }), handleError: () => {} },
    {
      root: { path: "", module: { default: () => null } },
      ...route("routes/api.v1.items", "api/v1/items", itemsRoute),
      ...route("routes/api.v1.suppliers", "api/v1/suppliers", suppliersRoute),
      ...route("routes/api.v1.sites", "api/v1/sites", sitesRoute),
      ...route("routes/api.v1.agreements", "api/v1/agreements", agreementsRoute),
      ...route("routes/api.v1.agreement", "api/v1/agreements/:agreementId", agreementRoute),
      ...route("routes/api.v1.stock", "api/v1/stock", stockRoute),
      ...route("routes/api.v1.consumption", "api/v1/consumption", consumptionRoute),
      ...route("routes/api.v1.receipts", "api/v1/receipts", receiptsRoute),
      ...route("routes/api.v1.imports", "api/v1/imports", importsRoute),
      ...route("routes/api.v1.import", "api/v1/imports/:importId", importRoute),
      ...route("routes/api.v1.openapi", "api/v1/openapi.json", openapiRoute),
      ...route("routes/api.docs", "api/docs", docsRoute),
      ...route("routes/api.docs.swagger-ui-bundle", "api/docs/swagger-ui-bundle.js", docsScriptRoute),
      ...route("routes/api.docs.swagger-ui-css", "api/docs/swagger-ui.css", docsStyleRoute),
    },
  );
  const app = await createHttpApp({ mode: "production", trustProxy: false, build, logger: createLogger({ write: () => {} }) });
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  setDatabase(undefined);
  await handle?.close();
});

interface Sent {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(
  method: string,
  address: string,
  options: {
    key?: string | null;
    json?: unknown;
    raw?: string | Uint8Array<ArrayBuffer>;
    type?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Sent> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? keys.a : options.key;
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined = options.raw;
  if (options.json !== undefined) body = JSON.stringify(options.json);
  if (body !== undefined) headers["Content-Type"] = options.type ?? "application/json";
  const response = await fetch(`${base}${address}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text.
  }
  expectDocumented(method, address, response.status, parsed);
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Every answer of an endpoint, refusals included, is what the OpenAPI document says it is. */
function expectDocumented(method: string, address: string, status: number, body: unknown) {
  const pathname = new URL(address, "http://api.test").pathname;
  const id = (Object.keys(API_ENDPOINTS) as ApiEndpointId[]).find(
    (e) =>
      API_ENDPOINTS[e].method === method &&
      new RegExp(`^${API_ENDPOINTS[e].path.replace(/\{[A-Za-z]+\}/g, "[^/]+")}$`).test(pathname),
  );
  const schema = id && answerSchemaOf(id, status);
  if (!schema) return;
  const checked = schema.safeParse(body);
  expect(checked.success ? [] : checked.error.issues, `${method} ${address} ${status}`).toEqual([]);
}

const itemsOf = (tenantId: string, sku: string) =>
  withTenant(db, admin(tenantId), (tx) =>
    tx
      .select({ name: schema.items.name, unitCost: schema.items.unitCost })
      .from(schema.items)
      .where(and(eq(schema.items.tenantId, tenantId), eq(schema.items.sku, sku))),
  );

describe("keys and scopes", () => {
  it("answers 401 problem details with WWW-Authenticate for no key, a bad key and a revoked key", async () => {
    for (const key of [null, "vmi_notAKeyAtAll", keys.revoked]) {
      const answer = await call("PUT", "/api/v1/items", { key, json: [] });
      expect(answer.status, String(key)).toBe(401);
      expect(answer.headers.get("Content-Type")).toBe("application/problem+json");
      expect(answer.headers.get("WWW-Authenticate")).toMatch(/^Bearer /);
      expect(answer.body).toMatchObject({ status: 401, title: "Unauthorized", detail: "Missing or invalid API key." });
    }
    expect(revokedKeyId).toBeTruthy();
  });

  it("never takes a session cookie for a key", async () => {
    const answer = await call("GET", "/api/v1/agreements", { key: null, headers: { Cookie: "__session=anything" } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("Set-Cookie")).toBeNull();
  });

  it("answers 403 naming the scope a key lacks, and writes nothing", async () => {
    const answer = await call("PUT", "/api/v1/items", { key: keys.readOnly, json: [{ sku: "NOPE", name: "No" }] });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ status: 403, missingScope: "items:write" });
    expect(answer.body.detail).toContain("items:write");
    expect(await itemsOf(tenant.a, "NOPE")).toEqual([]);
  });

  it("lets a bearer request from another origin through (no cookie, nothing to forge), with no CORS permission", async () => {
    const answer = await call("GET", "/api/v1/agreements", { headers: { Origin: "https://elsewhere.example" } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("refuses a body that is not JSON with 415", async () => {
    const answer = await call("PUT", "/api/v1/items", { raw: "sku,name\nA,B", type: "text/csv" });
    expect(answer.status).toBe(415);
    expect(answer.headers.get("Content-Type")).toBe("application/problem+json");
  });
});

describe("the OpenAPI document", () => {
  it("is served without a key, and names every endpoint", async () => {
    const answer = await call("GET", "/api/v1/openapi.json", { key: null });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("Content-Type")).toBe("application/json");
    expect(answer.body.openapi).toBe("3.1.0");
    for (const endpoint of Object.values(API_ENDPOINTS)) {
      expect(answer.body.paths[endpoint.path], endpoint.path).toHaveProperty(endpoint.method.toLowerCase());
    }
  });
});

describe("the reference page", () => {
  it("answers under a nonce-only script CSP, every script with the nonce, its files from our origin", async () => {
    const page = await call("GET", "/api/docs", { key: null });
    expect(page.status).toBe(200);
    expect(page.headers.get("Content-Type")).toMatch(/^text\/html/);
    const csp = page.headers.get("Content-Security-Policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(scriptSrc).not.toContain("unsafe-inline");
    const html = page.body as string;
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).toContain('"/api/v1/openapi.json"');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(2);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/api\/docs\//);
      const response = await fetch(`${base}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get("Content-Type"), asset).toMatch(/^text\/(javascript|css)/);
      expect(response.headers.get("Cache-Control"), asset).toContain("immutable");
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(10_000);
    }
  });
});

describe("batches", () => {
  it("upserts by natural key: inserted, then unchanged, then updated", async () => {
    const rows = [
      { sku: "SKU-1", name: "Bolt M8", unitCost: 0.12, uom: "pcs" },
      { sku: "SKU-2", name: "Nut M8", unitCost: "0.05" },
    ];
    expect(await call("PUT", "/api/v1/items", { json: rows })).toMatchObject({
      status: 200,
      body: { inserted: 2, updated: 0, unchanged: 0 },
    });
    expect((await call("PUT", "/api/v1/items", { json: rows })).body).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const changed = await call("PUT", "/api/v1/items", { json: [{ sku: "SKU-2", name: "Nut M8 zinc" }] });
    expect(changed.body).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await itemsOf(tenant.a, "SKU-2")).toEqual([{ name: "Nut M8 zinc", unitCost: 0.05 }]);
    // Company B's item of the same SKU is its own.
    expect(await itemsOf(tenant.b, "SKU-1")).toEqual([{ name: "B's own item", unitCost: 9 }]);
  });

  it("refuses a batch with bad rows with 422 naming each row's index and field, and writes none of it", async () => {
    const answer = await call("PUT", "/api/v1/items", {
      json: [{ sku: "GOOD-1", name: "Good" }, { sku: "BAD-1", name: "Bad", unitCost: "twelve" }, { sku: "BAD-2" }],
    });
    expect(answer.status).toBe(422);
    expect(answer.headers.get("Content-Type")).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ status: 422, title: "Unprocessable Entity" });
    expect(answer.body.errors).toEqual([
      { index: 1, field: "unitCost", message: expect.any(String) },
      { index: 2, field: "name", message: expect.any(String) },
    ]);
    for (const error of answer.body.errors) expect(error.message).not.toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
    expect(await itemsOf(tenant.a, "GOOD-1")).toEqual([]);
  });

  it("refuses unknown fields with 400 naming them", async () => {
    const answer = await call("PUT", "/api/v1/items", { json: [{ sku: "X", name: "X", colour: "red", unit_cost: 1 }] });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("colour");
    expect(answer.body.detail).toContain("unit_cost");
    expect(answer.body.errors).toEqual([
      { index: 0, field: "colour", message: "Unknown field colour." },
      { index: 0, field: "unit_cost", message: "Unknown field unit_cost." },
    ]);
  });

  it("refuses more than 50,000 rows with one 400", async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => ({ sku: `S${i}`, name: "n" }));
    const answer = await call("PUT", "/api/v1/items", { json: rows });
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toBe("A batch holds at most 50,000 rows; this one has 50,001.");
  });

  it("takes 2 MB of JSON on a batch address, and refuses it elsewhere with 413", async () => {
    const twoMegabytes = `[{"code":"S1","name":"Supplier one"}${" ".repeat(2 * 1024 * 1024)}]`;
    expect(await call("PUT", "/api/v1/suppliers", { raw: twoMegabytes })).toMatchObject({
      status: 200,
      body: { inserted: 1 },
    });
    const elsewhere = await call("POST", "/api/v1/imports", { raw: twoMegabytes });
    expect(elsewhere.status).toBe(413);
  });

  it("writes sites, agreements and daily facts by codes and days", async () => {
    expect(
      (
        await call("PUT", "/api/v1/sites", {
          json: [
            { code: "WH1", name: "Main" },
            { code: "WH2", name: "Second" },
          ],
        })
      ).body,
    ).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    const agreements = await call("PUT", "/api/v1/agreements", {
      json: [
        { supplier: "S1", sku: "SKU-1", site: "WH1", min: 10, max: 50, leadTimeDays: 5, moq: "2", packSize: 1 },
        { supplier: "S1", sku: "SKU-2", site: "WH1", min: 5, max: 20 },
        { supplier: "S1", sku: "SKU-1", site: "WH2", min: 1, max: 4, reviewPeriodDays: 14 },
      ],
    });
    expect(agreements.body).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    const stock = await call("POST", "/api/v1/stock", { json: [{ sku: "SKU-1", site: "WH1", day: "2026-12-01", onHand: "30" }] });
    expect(stock.body).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const consumption = await call("POST", "/api/v1/consumption", {
      json: [{ sku: "SKU-1", site: "WH1", day: "2026-12-01", qty: 3 }],
    });
    expect(consumption.body).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const receipts = await call("POST", "/api/v1/receipts", { json: [{ sku: "SKU-1", site: "WH1", day: "2026-12-01", qty: 8 }] });
    expect(receipts.body).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    const unknownNotice = await call("POST", "/api/v1/receipts", {
      json: [
        { sku: "SKU-1", site: "WH1", day: "2026-12-02", qty: 8 },
        { sku: "SKU-1", site: "WH1", day: "2026-12-02", qty: 8, reference: "ASN-1999-00001" },
      ],
    });
    expect(unknownNotice.status).toBe(422);
    expect(unknownNotice.body.errors).toEqual([
      { index: 1, field: "reference", message: "No shipping notice has this ASN number." },
    ]);
  });
});

describe("agreements", () => {
  it("lists a page at a time by cursor, with the inventory list's stock", async () => {
    const first = await call("GET", "/api/v1/agreements?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call("GET", `/api/v1/agreements?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.data, ...second.body.data];
    expect(new Set(all.map((a: { id: string }) => a.id)).size).toBe(3);
    const main = all.find((a: { sku: string; site: string }) => a.sku === "SKU-1" && a.site === "WH1");
    expect(main).toEqual({
      id: expect.any(String),
      supplier: "S1",
      sku: "SKU-1",
      site: "WH1",
      min: 10,
      max: 50,
      leadTimeDays: 5,
      leadTimeSdDays: 0,
      moq: 2,
      packSize: 1,
      reviewPeriodDays: 7,
      onHand: 30,
      onHandAsOf: "2026-12-01",
      inTransit: 0,
      abc: expect.toSatisfy((v: unknown) => v === null || typeof v === "string"),
      xyz: expect.toSatisfy((v: unknown) => v === null || typeof v === "string"),
      safetyStock: expect.toSatisfy((v: unknown) => v === null || typeof v === "number"),
      recommendedMin: expect.toSatisfy((v: unknown) => v === null || typeof v === "number"),
      recommendedMax: expect.toSatisfy((v: unknown) => v === null || typeof v === "number"),
      daysOfCover: expect.toSatisfy((v: unknown) => v === null || typeof v === "number"),
      projectedStockout: expect.toSatisfy((v: unknown) => v === null || typeof v === "string"),
      urgency: expect.toSatisfy((v: unknown) => v === null || ["act_now", "plan_needed", "covered", "ok"].includes(v as string)),
    });
    const one = await call("GET", `/api/v1/agreements/${main.id}`);
    expect(one).toMatchObject({ status: 200, body: main });
  });

  it("filters by SKU, site and supplier code", async () => {
    const bySku = await call("GET", "/api/v1/agreements?sku=SKU-1");
    expect(bySku.body.data.map((a: { site: string }) => a.site).sort()).toEqual(["WH1", "WH2"]);
    const bySite = await call("GET", "/api/v1/agreements?site=WH2");
    expect(bySite.body.data.map((a: { sku: string }) => a.sku)).toEqual(["SKU-1"]);
    expect((await call("GET", "/api/v1/agreements?supplier=S1&sku=SKU-2")).body.data).toHaveLength(1);
    expect((await call("GET", "/api/v1/agreements?supplier=NOBODY")).body).toEqual({ data: [], nextCursor: null });
  });

  it("refuses a bad limit or cursor with 400", async () => {
    expect((await call("GET", "/api/v1/agreements?limit=1001")).status).toBe(400);
    expect((await call("GET", "/api/v1/agreements?limit=0")).status).toBe(400);
    expect((await call("GET", "/api/v1/agreements?cursor=bm90LWFuLWlk")).status).toBe(400);
  });

  it("never shows another company's agreement: B's key lists its own only, and A's id is 404 to it", async () => {
    const ofA = (await call("GET", "/api/v1/agreements")).body.data as { id: string }[];
    expect((await call("GET", "/api/v1/agreements", { key: keys.b })).body).toEqual({ data: [], nextCursor: null });
    const answer = await call("GET", `/api/v1/agreements/${ofA[0]!.id}`, { key: keys.b });
    expect(answer.status).toBe(404);
    expect(answer.headers.get("Content-Type")).toBe("application/problem+json");
    expect((await call("GET", "/api/v1/agreements/not-an-id")).status).toBe(404);
  });

  it("needs the read scope", async () => {
    const writer = (await keyFor(tenant.a, ["items:write"])).key;
    const answer = await call("GET", "/api/v1/agreements", { key: writer });
    expect(answer).toMatchObject({ status: 403, body: { missingScope: "read" } });
  });
});

function importForm(kind: string, csv: string) {
  return multipartBody([
    { name: "kind", value: kind },
    { name: "file", fileName: "data.csv", content: Buffer.from(csv) },
  ]);
}

async function postImport(query: string, kind: string, csv: string, headers: Record<string, string> = {}) {
  const { body, contentType } = importForm(kind, csv);
  return call("POST", `/api/v1/imports${query}`, { raw: body, type: contentType, headers });
}

describe("imports", () => {
  it("previews on a dry run (200, nothing written), commits otherwise (201), and follows an import by id", async () => {
    const csv = "SKU,Name,Colour\nIMP-1,Imported one,red\nIMP-2,Imported two,blue\n";
    const dry = await postImport("?dryRun=true", "items", csv);
    expect(dry).toMatchObject({
      status: 200,
      body: { status: "previewed", counts: { inserted: 2, updated: 0, unchanged: 0, error: 0 }, errors: [], ignored: ["Colour"] },
    });
    expect(await itemsOf(tenant.a, "IMP-1")).toEqual([]);
    const committed = await postImport("", "items", csv);
    expect(committed).toMatchObject({ status: 201, body: { status: "committed", counts: { inserted: 2, error: 0 } } });
    expect(await itemsOf(tenant.a, "IMP-1")).toEqual([{ name: "Imported one", unitCost: expect.anything() }]);
    const followed = await call("GET", `/api/v1/imports/${committed.body.id}`, { key: keys.readOnly });
    expect(followed).toMatchObject({ status: 200, body: { id: committed.body.id, kind: "items", status: "committed" } });
    expect((await call("GET", `/api/v1/imports/${committed.body.id}`, { key: keys.b })).status).toBe(404);
  });

  it("with Prefer: respond-async answers 202 at once and the import is followed to its commit, or to its refused rows", async () => {
    const started = await postImport("", "items", "SKU,Name\nIMP-A1,Async one\n", { Prefer: "respond-async" });
    expect(started.status).toBe(202);
    expect(started.headers.get("Location")).toBe(`/api/v1/imports/${started.body.id}`);
    expect(started.headers.get("Preference-Applied")).toBe("respond-async");
    const settle = async (id: string) => {
      for (let i = 0; i < 100; i += 1) {
        const followed = await call("GET", `/api/v1/imports/${id}`);
        if (!["checking", "committing"].includes(followed.body.status)) return followed.body;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`import ${id} did not settle`);
    };
    expect(await settle(started.body.id)).toMatchObject({ status: "committed", counts: { inserted: 1, error: 0 } });
    expect(await itemsOf(tenant.a, "IMP-A1")).toEqual([{ name: "Async one", unitCost: expect.anything() }]);

    const refused = await postImport("", "items", "SKU,Name,Unit cost\nIMP-A2,Two,abc\n", { Prefer: "respond-async" });
    expect(refused.status).toBe(202);
    const settled = await settle(refused.body.id);
    expect(settled).toMatchObject({ status: "previewed", counts: { error: 1 } });
    expect(settled.errors).toEqual([{ row: 2, column: "Unit cost", value: "abc", message: expect.any(String) }]);
    expect(await itemsOf(tenant.a, "IMP-A2")).toEqual([]);
  });

  it("refuses rows with 422, naming each by row and column, and writes nothing", async () => {
    const answer = await postImport("", "items", "SKU,Name,Unit cost\nIMP-3,Three,abc\n");
    expect(answer.status).toBe(422);
    expect(answer.headers.get("Content-Type")).toBe("application/problem+json");
    expect(answer.body).toMatchObject({ importStatus: "previewed", counts: { error: 1 } });
    expect(answer.body.errors).toEqual([{ row: 2, column: "Unit cost", value: "abc", message: expect.any(String) }]);
    expect(await itemsOf(tenant.a, "IMP-3")).toEqual([]);
  });

  it("refuses an EDI file that is not an interchange, naming what is wrong with it", async () => {
    const answer = await postImport("", "edi", "ISA*00*\n");
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ field: "file", message: expect.stringMatching(/not well formed at its ISA segment/) }),
    ]);
  });
});

describe("idempotency", () => {
  it("replays the stored answer for the same key and body, and refuses another body under the key", async () => {
    const rows = [{ sku: "IDEM-1", name: "Once" }];
    const headers = { "Idempotency-Key": "order-7781" };
    const first = await call("PUT", "/api/v1/items", { json: rows, headers });
    expect(first).toMatchObject({ status: 200, body: { inserted: 1 } });
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    const again = await call("PUT", "/api/v1/items", { json: rows, headers });
    expect(again).toMatchObject({ status: 200, body: { inserted: 1, updated: 0, unchanged: 0 } });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    const other = await call("PUT", "/api/v1/items", { json: [{ sku: "IDEM-1", name: "Twice" }], headers });
    expect(other.status).toBe(422);
    expect(await itemsOf(tenant.a, "IDEM-1")).toEqual([{ name: "Once", unitCost: expect.anything() }]);
    // The same key of another API key is another request.
    expect((await call("PUT", "/api/v1/items", { key: keys.b, json: rows, headers })).body).toEqual({
      inserted: 1,
      updated: 0,
      unchanged: 0,
    });
  });

  it("answers 409 while the first request with the key is still running", async () => {
    const text = JSON.stringify([{ sku: "IDEM-2", name: "Running" }]);
    const hash = idempotencyHashOf("PUT", "/api/v1/items", jsonBodyFingerprint(new TextEncoder().encode(text)));
    const keyRow = await withTenant(db, admin(tenant.a), (tx) =>
      tx.select({ id: schema.apiKeys.id }).from(schema.apiKeys).where(eq(schema.apiKeys.name, "ERP")),
    );
    // Every "ERP" key of A claims the key, as a request in flight would have.
    for (const { id } of keyRow) {
      await withTenant(db, admin(tenant.a), (tx) =>
        claimIdempotency(tx, { tenantId: tenant.a, keyId: id, idempotencyKey: "in-flight" }, hash),
      );
    }
    const answer = await call("PUT", "/api/v1/items", { raw: text, headers: { "Idempotency-Key": "in-flight" } });
    expect(answer.status).toBe(409);
    expect(await itemsOf(tenant.a, "IDEM-2")).toEqual([]);
  });

  it("stores a refusal too, and refuses a malformed key", async () => {
    const headers = { "Idempotency-Key": "bad-batch-1" };
    const bad = [{ sku: "IDEM-3" }];
    expect((await call("PUT", "/api/v1/items", { json: bad, headers })).status).toBe(422);
    const replay = await call("PUT", "/api/v1/items", { json: bad, headers });
    expect(replay.status).toBe(422);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await call("PUT", "/api/v1/items", { json: bad, headers: { "Idempotency-Key": "has space" } })).status).toBe(400);
  });

  it("replays an import by its file", async () => {
    const headers = { "Idempotency-Key": "import-1" };
    const csv = "SKU,Name\nIMP-9,Nine\n";
    const first = await postImport("", "items", csv, headers);
    expect(first.status).toBe(201);
    const again = await postImport("", "items", csv, headers);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect((await postImport("", "items", "SKU,Name\nIMP-9,Nine again\n", headers)).status).toBe(422);
  });
});
