import { createHash } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { AppLoadContext } from "@remix-run/node";
import type { Database } from "@db/client";
import { withTenant } from "@db/scope";
import { serverI18n } from "~/i18next.server";
import {
  claimIdempotency,
  completeIdempotency,
  type IdempotencyRecordKey,
  purgeExpiredIdempotency,
  releaseIdempotency,
} from "~/models/api-idempotency.server";
import { isAppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { API_ENDPOINTS, type ApiEndpointId } from "./endpoints";
import { type ApiScope } from "./key-rules";
import { type ApiCaller, authenticateApiKey, isApiKeyRefused, requireApiScope } from "./keys.server";
import { countApiRequest, isOverLimit, rateLimitHeaders } from "./rate-limit.server";

/**
 * The one way through every endpoint of the REST API (`apiRoute`): the key first (401), then the
 * endpoint's scope (403), then the Idempotency-Key of a POST or PUT, then the endpoint itself;
 * whatever it throws becomes RFC 9457 problem details (`application/problem+json`). Between the
 * scope and the work, the key's request is counted against its limit a minute (429 over it); every
 * answer after that carries the RateLimit headers.
 */

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** What an endpoint answers: a status and a JSON body (stored as it is for an idempotent replay). */
export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Headers of this answer (a replay of it answers without them). */
  headers?: Record<string, string>;
}

/** One refused row or field of a request: the row's index in the batch (null for the request), the field in camelCase. */
export interface ApiFieldError {
  index: number | null;
  field: string | null;
  message: string;
}

/**
 * A refusal an endpoint throws with its own words (English: the API's language); `extra` holds
 * further members of the problem, such as `errors`.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

export interface ApiContext {
  request: Request;
  url: URL;
  /** The route's URL parameters (`:agreementId`). */
  params: Record<string, string | undefined>;
  caller: ApiCaller;
  db: Database;
  /** English texts of the portal's i18n keys. */
  t: Translate;
  requestId: string | undefined;
  /**
   * Runs `work` once per Idempotency-Key for an endpoint that reads its own body (an upload):
   * `fingerprint` stands for the body. Endpoints with a JSON body get this from apiRoute.
   */
  once(fingerprint: string, work: () => Promise<ApiAnswer>): Promise<ApiAnswer & { replayed?: boolean }>;
}

type Handler = (context: ApiContext, body: unknown) => Promise<ApiAnswer>;

interface RouteArgs {
  request: Request;
  context?: AppLoadContext;
  params?: Record<string, string | undefined>;
}

/** The header that names a retried write. */
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const IDEMPOTENCY_KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
const WRITES = new Set(["POST", "PUT"]);

/**
 * A route's loader or action for an endpoint of API_ENDPOINTS. `body: "json"` (default for POST
 * and PUT) reads the JSON body and hands it to `handle`; `body: "none"` leaves the request's body
 * to the endpoint, which then calls `context.once` itself.
 *
 * @example
 * export const action = apiRoute("items.put", (context, body) => applyBatch(context, "items", body));
 */
export function apiRoute(endpoint: ApiEndpointId, handle: Handler, options: { body?: "json" | "none" } = {}) {
  return (args: RouteArgs) => serveApi(args, endpoint, handle, options.body ?? "json");
}

async function serveApi(args: RouteArgs, endpoint: ApiEndpointId, handle: Handler, bodyMode: "json" | "none") {
  const { request } = args;
  const t = await englishT();
  const requestId = args.context?.requestId;
  const spec = API_ENDPOINTS[endpoint];
  let limitHeaders: Record<string, string> = {};
  try {
    if (request.method !== spec.method && !(spec.method === "GET" && request.method === "HEAD")) {
      throw new ApiProblem(
        405,
        `This address takes ${spec.method}.`,
        {},
        { Allow: spec.method === "GET" ? "GET, HEAD" : spec.method },
      );
    }
    const caller = await authenticateApiKey(request);
    requireAnyScope(caller, spec.scopes);
    const db = getDb();
    const window = await countApiRequest(db, caller, getEnv().API_RATE_LIMIT_PER_MINUTE);
    limitHeaders = rateLimitHeaders(window);
    if (isOverLimit(window)) {
      throw new ApiProblem(
        429,
        `This key may make ${window.limit} requests a minute; retry in ${window.resetSeconds} seconds.`,
        {},
        { "Retry-After": String(window.resetSeconds) },
      );
    }
    const url = new URL(request.url);
    const idempotencyKey = idempotencyKeyOf(request);
    const context: ApiContext = {
      request,
      url,
      params: args.params ?? {},
      caller,
      db,
      t,
      requestId,
      once: (fingerprint, work) =>
        idempotencyKey === null ? work() : runOnce(db, caller, idempotencyKey, requestHash(request, url, fingerprint), work, t),
    };
    if (bodyMode === "none" || !WRITES.has(request.method))
      return toResponse(await answerOf(() => handle(context, undefined), t), limitHeaders);
    const bytes = new Uint8Array(await request.arrayBuffer());
    const body = parseJson(bytes);
    const fingerprint = jsonBodyFingerprint(bytes);
    return toResponse(await context.once(fingerprint, () => answerOf(() => handle(context, body), t)), limitHeaders);
  } catch (error) {
    const answer = problemAnswerOf(error, t, requestId);
    if (!answer) throw error;
    return toResponse(answer, limitHeaders);
  }
}

let english: Promise<Translate> | null = null;
function englishT(): Promise<Translate> {
  english ??= serverI18n("en").then((i18n) => {
    const fixed = i18n.getFixedT("en");
    return (key, params) => fixed(key, params ?? {}) as string;
  });
  return english;
}

/** A key admitted by any one of `scopes`; refused naming the last (the least one, `read`, where it is listed). */
function requireAnyScope(caller: ApiCaller, scopes: readonly ApiScope[]) {
  if (scopes.some((scope) => caller.scopes.includes(scope))) return;
  requireApiScope(caller, scopes[scopes.length - 1]!);
}

function idempotencyKeyOf(request: Request): string | null {
  if (!WRITES.has(request.method)) return null;
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!IDEMPOTENCY_KEY_SHAPE.test(key)) {
    throw new ApiProblem(400, "Idempotency-Key must be 1 to 255 visible ASCII characters.");
  }
  return key;
}

function requestHash(request: Request, url: URL, fingerprint: string) {
  return idempotencyHashOf(request.method, `${url.pathname}${url.search}`, fingerprint);
}

/**
 * What an Idempotency-Key is bound to: the method, the address with its query and the body's
 * fingerprint (the SHA-256 of a JSON body's bytes; an upload's own, see ApiContext.once).
 */
export function idempotencyHashOf(method: string, pathAndQuery: string, fingerprint: string): string {
  return createHash("sha256").update(`${method} ${pathAndQuery}\n${fingerprint}`).digest("hex");
}

/** The fingerprint of a JSON body: the SHA-256 of its bytes, as sent. */
export function jsonBodyFingerprint(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new ApiProblem(400, "The JSON body could not be read.");
  }
}

/**
 * The stored answer of an earlier request with the same Idempotency-Key and request, or the
 * answer of `work`, stored. Another request under the key is 422; the same one still running, 409.
 * A request that fails unexpectedly leaves nothing stored, so that its retry runs again.
 */
async function runOnce(
  db: Database,
  caller: ApiCaller,
  idempotencyKey: string,
  hash: string,
  work: () => Promise<ApiAnswer>,
  t: Translate,
): Promise<ApiAnswer & { replayed?: boolean }> {
  const key: IdempotencyRecordKey = { tenantId: caller.tenantId, keyId: caller.keyId, idempotencyKey };
  const claim = await withTenant(db, caller.scope, async (tx) => {
    await purgeExpiredIdempotency(tx, caller.tenantId, caller.keyId);
    return claimIdempotency(tx, key, hash);
  });
  if (!claim.claimed) {
    const { stored } = claim;
    if (stored.requestHash !== hash) {
      throw new ApiProblem(422, "This Idempotency-Key was used with another request.");
    }
    if (stored.status === "running") {
      throw new ApiProblem(409, "A request with this Idempotency-Key is still running.");
    }
    return { status: stored.responseStatus ?? 200, body: stored.responseBody, replayed: true };
  }
  let answer: ApiAnswer;
  try {
    answer = await answerOf(work, t);
  } catch (error) {
    await withTenant(db, caller.scope, (tx) => releaseIdempotency(tx, key));
    throw error;
  }
  await withTenant(db, caller.scope, (tx) => completeIdempotency(tx, key, answer));
  return answer;
}

/** The endpoint's answer, or its refusal as a problem answer; anything unexpected is thrown on. */
async function answerOf(work: () => Promise<ApiAnswer>, t: Translate): Promise<ApiAnswer> {
  try {
    return await work();
  } catch (error) {
    const answer = problemAnswerOf(error, t, undefined);
    if (!answer || answer.status === 401) throw error;
    return answer;
  }
}

interface ProblemAnswer extends ApiAnswer {
  headers?: Record<string, string>;
}

/** RFC 9457 problem details of a refusal, or null for an error that is not one (a bug: 500). */
export function problemAnswerOf(error: unknown, t: Translate, requestId: string | undefined): ProblemAnswer | null {
  const problem = (status: number, detail: string, extra: Record<string, unknown> = {}, headers?: Record<string, string>) => ({
    status,
    headers,
    body: {
      type: "about:blank",
      title: STATUS_CODES[status] ?? "Error",
      status,
      detail,
      ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
      ...extra,
    },
  });
  if (error instanceof ApiProblem) return problem(error.status, error.detail, error.extra, error.headers);
  if (isApiKeyRefused(error)) return problem(401, error.message, {}, { "WWW-Authenticate": error.wwwAuthenticate });
  if (isAppError(error)) {
    const fields = Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
      messages.map((m) => ({ index: null, field, message: t(m.key, m.params) })),
    );
    const firstField = fields[0]?.message;
    return problem(
      error.status,
      error.code === "invalid" && firstField ? firstField : t(error.userMessage.key, error.userMessage.params),
      {
        code: error.code,
        ...(error.reason ? { reason: error.reason } : {}),
        ...(error.code === "forbidden" && error.details.missingScope ? { missingScope: error.details.missingScope } : {}),
        ...(fields.length > 0 ? { errors: fields } : {}),
      },
    );
  }
  return null;
}

function toResponse(
  answer: ApiAnswer & { replayed?: boolean; headers?: Record<string, string> },
  limitHeaders: Record<string, string>,
): Response {
  const headers = new Headers({ ...limitHeaders, ...answer.headers });
  headers.set("Content-Type", answer.status >= 400 ? "application/problem+json" : "application/json");
  headers.set("Cache-Control", "no-store");
  if (answer.replayed) headers.set("Idempotent-Replayed", "true");
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
}
