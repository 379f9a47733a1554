import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { API_ENDPOINTS, type ApiEndpointId } from "./endpoints";
import { IDEMPOTENCY_HEADER } from "./http.server";
import { z } from "./openapi-zod";
import { RATE_LIMIT_HEADERS } from "./rate-limit.server";
import {
  AgreementListQuerySchema,
  AgreementPageSchema,
  AgreementSchema,
  BatchCountsSchema,
  BATCH_KINDS,
  BATCH_ROW_SCHEMAS,
  batchSchema,
  ImportFormSchema,
  ImportProblemSchema,
  ImportQuerySchema,
  ImportSchema,
  ProblemSchema,
} from "./wire-schemas.server";
import type { BatchKind } from "./batches.server";

/**
 * The REST API's OpenAPI 3.1 document, generated from the zod schemas of wire-schemas.server.ts
 * and the endpoint table (API_ENDPOINTS): one operation per entry, its scopes (`x-scopes` and the
 * description), the bearer key, an Idempotency-Key parameter on every write, and the refusals
 * every endpoint can answer. Nothing in it is written by hand but the words.
 */

export const OPENAPI_PATH = "/api/v1/openapi.json";
const SECURITY_SCHEME = "apiKey";

const rateLimitHeaders = {
  [RATE_LIMIT_HEADERS.limit]: { description: "Requests the key may make in the current minute.", schema: { type: "integer" } },
  [RATE_LIMIT_HEADERS.remaining]: { description: "Requests left in the current minute.", schema: { type: "integer" } },
  [RATE_LIMIT_HEADERS.reset]: { description: "Seconds until the current minute's window ends.", schema: { type: "integer" } },
} as const;

type Operation = Pick<RouteConfig, "request" | "description"> & { responses: Record<number, ResponseConfig> };

const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  headers: rateLimitHeaders,
  content: { "application/json": { schema } },
});
const problem = (
  description: string,
  schema: z.ZodType = ProblemSchema,
  headers: ResponseConfig["headers"] = rateLimitHeaders,
) => ({
  description,
  headers,
  content: { "application/problem+json": { schema } },
});

const pathParam = (name: string, what: string) => z.object({ [name]: z.uuid().meta({ description: `The ${what}'s id.` }) });

function batchOperation(kind: BatchKind, natural: string): Operation {
  return {
    description: `A JSON array of ${kind} rows, upserted by ${natural}: every row or none. Fields are the ${kind} file's columns in camelCase.`,
    request: { body: { required: true, content: { "application/json": { schema: batchSchema(kind) } } } },
    responses: {
      200: json(BatchCountsSchema, "Every row written."),
      400: problem(
        "Not a JSON array of rows, too many rows, unknown fields or values of another type (each named by index and field).",
      ),
      413: { description: "The body is larger than 10 MiB (refused before it is read; the answer may be plain text)." },
      422: problem(
        "Rows refused (each named by index and field); nothing written. Or an Idempotency-Key used with another request.",
      ),
    },
  };
}

/** Each endpoint's requests and answers besides the refusals every one shares. */
const OPERATIONS = {
  "items.put": batchOperation("items", "SKU"),
  "suppliers.put": batchOperation("suppliers", "supplier code"),
  "sites.put": batchOperation("sites", "site code"),
  "agreements.put": batchOperation("agreements", "supplier code, SKU and site code"),
  "stock.post": batchOperation("stock", "SKU, site code and day"),
  "consumption.post": batchOperation("consumption", "SKU, site code and day"),
  "receipts.post": batchOperation(
    "receipts",
    "ASN number, SKU and site code (a row with a reference receives that notice's shipment), else SKU, site code and day",
  ),
  "agreements.list": {
    description: "Agreements that have not ended, by id, with the inventory list's stock, class, cover and projected stockout.",
    request: { query: AgreementListQuerySchema },
    responses: {
      200: json(AgreementPageSchema, "A page of agreements."),
      400: problem("A bad limit or a cursor this API did not give."),
    },
  },
  "agreements.get": {
    request: { params: pathParam("agreementId", "agreement") },
    responses: {
      200: json(AgreementSchema, "The agreement."),
      404: problem("No such agreement in the key's company, or one that has ended."),
    },
  },
  "imports.post": {
    description:
      "The upload page's pipeline, run to its end within the request: 201 once committed, 200 for a dry run's preview. " +
      "With `Prefer: respond-async` (for large files) it answers 202 at once and runs in the background: " +
      "follow it with GET /api/v1/imports/{importId} (the Location header) until it is previewed, committed or failed; " +
      "it commits on its own when no row is refused and it is not a dry run.",
    request: {
      headers: z.object({
        Prefer: z.string().optional().meta({ description: "`respond-async`: answer 202 and run in the background." }),
      }),
      query: ImportQuerySchema,
      body: { required: true, content: { "multipart/form-data": { schema: ImportFormSchema } } },
    },
    responses: {
      200: json(ImportSchema, "The dry run's preview; nothing written."),
      201: json(ImportSchema, "The import, committed."),
      202: {
        description: "Accepted (Prefer: respond-async): the import runs in the background; its Location follows it.",
        headers: z.object({ Location: z.string().meta({ description: "The import's address in this API." }) }),
        content: { "application/json": { schema: ImportSchema } },
      },
      400: problem("An unknown or unsupported kind, no file, or a bad dryRun."),
      413: {
        description:
          "The file is larger than the upload limit, or the body is not multipart and over 1 MiB (the answer may be plain text).",
      },
      422: problem(
        "Rows refused; nothing written, the import left previewed with its errors. Or an Idempotency-Key used with another request.",
        z.union([ImportProblemSchema, ProblemSchema]),
      ),
    },
  },
  "imports.get": {
    request: { params: pathParam("importId", "import") },
    responses: {
      200: json(ImportSchema, "The import's state, counts and first refused rows."),
      404: problem("No such import in the key's company."),
    },
  },
} satisfies Record<ApiEndpointId, Operation>;

/** The refusals of every keyed endpoint (and of every write), merged under each operation's own. */
function sharedResponses(write: boolean): Record<number, ResponseConfig> {
  const writes: Record<number, ResponseConfig> = {
    409: problem("A request with this Idempotency-Key is still running."),
    415: problem("The body is not of the content type the operation takes."),
    422: problem("This Idempotency-Key was used with another request."),
  };
  return {
    401: problem("No key, or one that is unknown, revoked or expired.", ProblemSchema, {
      "WWW-Authenticate": { description: "`Bearer`, with the error.", schema: { type: "string" } },
    }),
    403: problem("The key lacks the scope (named in `missingScope`)."),
    ...(write ? writes : {}),
    429: problem("Over the key's requests a minute; retry after `Retry-After` seconds.", ProblemSchema, {
      ...rateLimitHeaders,
      "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } },
    }),
  };
}

/**
 * The schema of an endpoint's answer of `status` as the document gives it, or undefined for a
 * status the document does not list; the tests hold the endpoints' real answers against it.
 */
export function answerSchemaOf(id: ApiEndpointId, status: number): z.ZodType | undefined {
  const responses = { ...sharedResponses(API_ENDPOINTS[id].method !== "GET"), ...(OPERATIONS[id] as Operation).responses };
  const content = responses[status]?.content;
  const media = content?.["application/json"] ?? content?.["application/problem+json"];
  return media && "schema" in media ? (media.schema as z.ZodType) : undefined;
}

const idempotencyHeader = z.object({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .meta({
      description:
        "Makes a retried write safe: the first answer is stored for 24 hours and replayed (`Idempotent-Replayed: true`) for the same request.",
    }),
});

function registerEndpoint(registry: OpenAPIRegistry, id: ApiEndpointId) {
  const endpoint = API_ENDPOINTS[id];
  const operation: Operation = OPERATIONS[id];
  const write = endpoint.method !== "GET";
  const scopes = [...endpoint.scopes];
  registry.registerPath({
    method: endpoint.method.toLowerCase() as "get" | "post" | "put",
    path: endpoint.path,
    operationId: id,
    summary: endpoint.summary,
    description: [operation.description, `Scopes: ${scopes.map((s) => `\`${s}\``).join(" or ")}.`].filter(Boolean).join("\n\n"),
    tags: [endpoint.path.split("/")[3]!],
    security: [{ [SECURITY_SCHEME]: [] }],
    "x-scopes": scopes,
    request: { ...operation.request, ...(write ? { headers: idempotencyHeader } : {}) },
    responses: { ...sharedResponses(write), ...operation.responses },
  });
}

function buildDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", SECURITY_SCHEME, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "vmi_…",
    description: "An API key, made by an administrator on the API keys page; its scopes decide what it may do.",
  });
  registry.register("Problem", ProblemSchema);
  registry.register("Agreement", AgreementSchema);
  registry.register("Import", ImportSchema);
  registry.register("BatchCounts", BatchCountsSchema);
  for (const kind of BATCH_KINDS) {
    registry.register(`${kind[0]!.toUpperCase()}${kind.slice(1)}Row`, BATCH_ROW_SCHEMAS[kind]);
  }
  for (const id of Object.keys(API_ENDPOINTS) as ApiEndpointId[]) registerEndpoint(registry, id);
  registry.registerPath({
    method: "get",
    path: OPENAPI_PATH,
    operationId: "openapi.get",
    summary: "This document",
    tags: ["openapi"],
    security: [],
    responses: {
      200: { description: "The OpenAPI 3.1 document.", content: { "application/json": { schema: z.looseObject({}) } } },
    },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "VMI portal REST API",
      version: "1",
      description:
        "Batches of master data and daily facts, agreements and imports of one company, reached with an API key. Refusals are RFC 9457 problem details.",
    },
    servers: [{ url: "/" }],
  });
}

let cached: ReturnType<typeof buildDocument> | null = null;

/** The document (built once a process: the schemas do not change while it runs). */
export function openApiDocument() {
  cached ??= buildDocument();
  return cached;
}
