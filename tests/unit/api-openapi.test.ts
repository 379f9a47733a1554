import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import routes from "~/routes";
import { type BatchKind, batchRowsOf } from "~/services/api/batches.server";
import { API_ENDPOINTS, type ApiEndpointId } from "~/services/api/endpoints";
import { ApiProblem } from "~/services/api/http.server";
import { OPENAPI_PATH, openApiDocument } from "~/services/api/openapi.server";
import { BATCH_KINDS } from "~/services/api/wire-schemas.server";
import { KIND_COLUMNS } from "~/services/imports/read/kinds";
import { checkRow, type Lookups } from "~/services/imports/rows";
import { type RouteConfigEntry, walkRoutes } from "../e2e/isolation/route-table";

/**
 * The OpenAPI document as a caller's tools read it: valid OpenAPI 3.1, one operation for every
 * endpoint and every API route, and batch row schemas that refuse what the endpoints refuse.
 */

const document = openApiDocument() as unknown as {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string; scheme: string }> };
};

interface Operation {
  operationId: string;
  security: Record<string, string[]>[];
  "x-scopes"?: string[];
  description?: string;
  parameters?: { in: string; name: string }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

const operationOf = (method: string, path: string) => document.paths[path]?.[method.toLowerCase()];

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(document as unknown as Parameters<Validator["validate"]>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has an operation for every endpoint, with its scopes, the bearer key and the shared refusals", () => {
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    for (const [id, endpoint] of Object.entries(API_ENDPOINTS) as [ApiEndpointId, (typeof API_ENDPOINTS)[ApiEndpointId]][]) {
      const operation = operationOf(endpoint.method, endpoint.path);
      expect(operation, id).toBeDefined();
      expect(operation!.operationId).toBe(id);
      expect(operation!["x-scopes"]).toEqual(endpoint.scopes);
      for (const scope of endpoint.scopes) expect(operation!.description).toContain(scope);
      expect(operation!.security).toEqual([{ apiKey: [] }]);
      const statuses = Object.keys(operation!.responses);
      expect(statuses, id).toEqual(expect.arrayContaining(["401", "403", "429"]));
      expect(operation!.responses["429"]!.headers, id).toHaveProperty("Retry-After");
      const write = endpoint.method !== "GET";
      const idempotency = operation!.parameters?.some((p) => p.in === "header" && p.name === "Idempotency-Key") ?? false;
      expect(idempotency, id).toBe(write);
      if (write) expect(statuses, id).toEqual(expect.arrayContaining(["415", "422"]));
    }
  });

  it("has every API route of app/routes.ts, the document itself without a key", () => {
    const apiRoutes = walkRoutes(routes as RouteConfigEntry[]).filter((r) => r.file.startsWith("routes/api.v1."));
    expect(apiRoutes.length).toBeGreaterThan(9);
    for (const route of apiRoutes) {
      const path = `/${route.pattern.replace(/:([A-Za-z]+)/g, "{$1}")}`;
      expect(document.paths[path], route.file).toBeDefined();
    }
    expect(operationOf("GET", OPENAPI_PATH)?.security).toEqual([]);
  });
});

describe("the document's batch rows", () => {
  const rowSchemaOf = (kind: BatchKind) =>
    z.fromJSONSchema(document.components.schemas[`${kind[0]!.toUpperCase()}${kind.slice(1)}Row`] as never);
  const noLookups: Lookups = {
    itemsBySku: new Map(),
    sitesByCode: new Map(),
    suppliersByCode: new Map(),
    agreementsByItemSite: new Map(),
  } as unknown as Lookups;
  const shapeRefusal = (kind: BatchKind, row: unknown) => {
    try {
      batchRowsOf(kind, [row]);
      return null;
    } catch (error) {
      return error instanceof ApiProblem ? error.status : "thrown";
    }
  };

  it("refuse, as the endpoints do (400), unknown fields and values that are neither text nor numbers", () => {
    const samples: [BatchKind, Record<string, unknown>][] = [
      ["items", { sku: "A", name: "B", colour: "red" }],
      ["items", { sku: "A", name: "B", unit_cost: 1 }],
      ["items", { sku: "A", name: true }],
      ["suppliers", { code: "S", name: "N", email: ["a@b.example"] }],
      ["stock", { sku: "A", site: "W", day: "2026-12-01", onHand: { value: 1 } }],
    ];
    for (const [kind, row] of samples) {
      expect(shapeRefusal(kind, row), JSON.stringify(row)).toBe(400);
      expect(rowSchemaOf(kind).safeParse(row).success, JSON.stringify(row)).toBe(false);
    }
  });

  it("require what the pipeline requires (its 422 names the column), and take a row with only those", () => {
    for (const kind of BATCH_KINDS) {
      const schema = rowSchemaOf(kind);
      const required = KIND_COLUMNS[kind].filter((c) => c.required);
      const full = Object.fromEntries(required.map((c) => [c.name, c.name === "day" ? "2026-12-01" : "1"]));
      const asJson = (values: Record<string, string>) =>
        Object.fromEntries(
          Object.entries(values).map(([column, value]) => [
            column.replace(/_([a-z])/g, (_, l: string) => l.toUpperCase()),
            value,
          ]),
        );
      expect(schema.safeParse(asJson(full)).success, kind).toBe(true);
      expect(shapeRefusal(kind, asJson(full)), kind).toBeNull();
      for (const column of required) {
        const { [column.name]: _left, ...without } = full;
        expect(schema.safeParse(asJson(without)).success, `${kind} without ${column.name}`).toBe(false);
        const checked = checkRow(kind, { row: 0, values: without }, noLookups);
        expect(checked.ok ? [] : checked.problems.map((p) => p.column), `${kind} without ${column.name}`).toContain(column.name);
      }
    }
  });
});
