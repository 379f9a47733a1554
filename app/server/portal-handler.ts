import { type AppLoadContext, createRequestHandler, type ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import type { ValidSession } from "~/services/auth/session.server";
import { getEnv } from "~/utils/env.server";
import { getLogger, type Logger, warnOnce } from "~/utils/logger.server";
import { newRequestContext } from "~/utils/request-context.server";

export interface PortalHandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
  logger?: Logger;
  /** The largest streamed upload body (see STREAMED_UPLOAD_PATHS); IMPORT_MAX_BYTES by default. */
  uploadLimit?: number;
}

/** What the server knows of a request, and what the handler learns of it, for the request log. */
export interface RequestRecord {
  requestId: string;
  clientAddress: string;
  /** The matched route's pattern, such as `/t/:tenant/plans/:planId`. */
  route?: string;
  /** The signed-in user, when there is one. */
  userId?: string;
}

/** Forms here are small; a larger body is refused before any of it reaches a route. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The methods the portal serves. Every other one is refused before it reaches a route. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"] as const;

/** The API's batches upsert with PUT as well: the methods served under API_PREFIX. */
export const API_METHODS = ["GET", "HEAD", "POST", "PUT", "OPTIONS"] as const;

/**
 * The REST API's addresses. Its callers authenticate with `Authorization: Bearer` and nothing
 * else: cookies are taken off the request before it reaches a route, so that a session can never
 * authorise an API call, and no same-origin check applies (with no ambient credential there is
 * nothing for another site to forge; the key is never sent by a browser on its own).
 */
export const API_PREFIX = "/api/";

/**
 * The API's batch addresses, whose JSON bodies (up to 50,000 rows) may reach MAX_BATCH_BODY_BYTES
 * instead of MAX_BODY_BYTES. Exact paths only: a new batch address is added here, deliberately.
 */
export const JSON_BATCH_PATHS: readonly RegExp[] = [/^\/api\/v1\/(items|suppliers|sites|agreements|stock|consumption)$/];

/** The largest JSON body of a batch (JSON_BATCH_PATHS). */
export const MAX_BATCH_BODY_BYTES = 10 * 1024 * 1024;

/** The most a body read whole may hold at this address. */
export function bodyLimitOf(pathname: string): number {
  return JSON_BATCH_PATHS.some((pattern) => pattern.test(pathname)) ? MAX_BATCH_BODY_BYTES : MAX_BODY_BYTES;
}

/**
 * Paths whose actions take JSON bodies (`application/json`): the resource routes of an API.
 * Every other route is a page, and its actions take forms.
 */
export const JSON_BODY_PREFIXES: readonly string[] = ["/api/"];

/**
 * The addresses that take import files (CSV or XLSX, up to IMPORT_MAX_BYTES): a multipart POST to
 * one of them reaches its route with the body as a stream, never held in memory, so that the
 * route can write the file to disk as it arrives. Every other body to them, and every body to
 * any other address, is read whole under MAX_BODY_BYTES. The page's `.data` address is the same
 * action as the browser submits it once the page has loaded (single fetch). Exact paths only: a
 * new upload address is added here, deliberately.
 */
export const STREAMED_UPLOAD_PATHS: readonly RegExp[] = [
  /^\/t\/[^/]+\/imports(\.data)?$/,
  // The import API's upload address.
  /^\/api\/v1\/imports$/,
];

/**
 * Whether a request's body goes to its route as a stream (a multipart POST to an upload address)
 * rather than read whole first.
 */
export function streamsUpload(method: string, pathname: string, contentType: string | null): boolean {
  return (
    method === "POST" &&
    mediaTypeOf(contentType) === "multipart/form-data" &&
    STREAMED_UPLOAD_PATHS.some((pattern) => pattern.test(pathname))
  );
}

/** A limit as people read it: `100 MiB`, `64 KiB`, or bytes. */
export function describeByteLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** What a streamed upload body fails with once it passes its limit; the request is then answered 413. */
export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`Request body too large: the limit is ${describeByteLimit(limit)}.`);
    this.name = "BodyTooLargeError";
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * Everything that must hold for every request, in front of Remix: methods, URLs and bodies that
 * routes can handle, same-origin checks on mutations, a per-request CSP nonce, and the security
 * headers. A web-standard Request → Response function, so that the HTTP server, dev server and
 * tests share it.
 */
export function createPortalHandler({ build, mode, logger = getLogger(), uploadLimit }: PortalHandlerOptions) {
  const handleRemix = createRequestHandler(build as ServerBuild, mode);
  // Read when the first upload comes, so that a handler that never sees one needs no environment.
  const uploadLimitNow = () => uploadLimit ?? getEnv().IMPORT_MAX_BYTES;
  return async function handle(request: Request, record: RequestRecord): Promise<Response> {
    const log = logger.child({ requestId: record.requestId });
    const url = new URL(request.url);
    record.route = routePattern(typeof build === "function" ? await build() : build, url.pathname);

    const isApi = url.pathname.startsWith(API_PREFIX);
    const refusal =
      answerToMethod(request.method, url.pathname) ??
      refusalOfUrl(url, log) ??
      (isApi || SAFE_METHODS.has(request.method) || isSameOrigin(request)
        ? null
        : plainResponse(403, "Cross-origin request refused."));
    if (refusal) return withSecurityHeaders(refusal, null, mode);

    let forRemix = isApi ? withoutCookies(request) : request;
    let upload: StreamedUpload | null = null;
    if (streamsUpload(request.method, url.pathname, request.headers.get("Content-Type"))) {
      const checked = checkedUpload(forRemix, url, uploadLimitNow());
      if (checked instanceof Response) return withSecurityHeaders(checked, null, mode);
      upload = checked;
      forRemix = checked.request;
    } else if (!SAFE_METHODS.has(request.method)) {
      const checked = await checkedBody(forRemix, url);
      if (checked instanceof Response) return withSecurityHeaders(checked, null, mode);
      forRemix = checked;
    }

    const nonce = randomBytes(16).toString("base64");
    const context = newRequestContext({
      cspNonce: nonce,
      clientAddress: record.clientAddress,
      requestId: record.requestId,
      log,
    });
    const answer = await handleRemix(forRemix, context);
    if (upload?.tooLarge()) {
      // The limit holds whatever the route made of the cut-off body.
      await answer.body?.cancel().catch(() => {});
      return withSecurityHeaders(upload.refuse(413, new BodyTooLargeError(uploadLimitNow()).message), null, mode);
    }
    const response = withSecurityHeaders(answer, nonce, mode);
    for (const cookie of context.state.cookies) response.headers.append("Set-Cookie", cookie);
    if (context.state.signedIn) response.headers.set("Cache-Control", "no-store");
    // Remix answers a POST to a page without an action with 405, but names no allowed methods.
    if (response.status === 405 && !response.headers.has("Allow")) response.headers.set("Allow", "GET, HEAD, OPTIONS");
    record.userId = await signedInUserId(context);
    return response;
  };
}

/**
 * OPTIONS is answered here with the methods the portal serves (and no CORS headers: no other
 * origin may call it); any method outside them gets 405. GET, HEAD and POST go on (null), and PUT
 * under API_PREFIX.
 */
export function answerToMethod(method: string, pathname = "/"): Response | null {
  const methods: readonly string[] = pathname.startsWith(API_PREFIX) ? API_METHODS : ALLOWED_METHODS;
  const allow = methods.join(", ");
  if (method === "OPTIONS") return new Response(null, { status: 204, headers: { Allow: allow } });
  if (methods.includes(method)) return null;
  return plainResponse(405, "Method not allowed.", { Allow: allow });
}

/** The request without its cookies: what the API's routes see (they authenticate by key only). */
function withoutCookies(request: Request): Request {
  if (!request.headers.has("Cookie")) return request;
  const headers = new Headers(request.headers);
  headers.delete("Cookie");
  return new Request(request.url, {
    method: request.method,
    headers,
    body: request.body,
    signal: request.signal,
    ...(request.body ? { duplex: "half" } : {}),
  } as RequestInit);
}

const DATA_PARAM_WARNING = "refused ?_data requests: route data is served from .data URLs (single fetch)";

function refusalOfUrl(url: URL, log: Logger): Response | null {
  // Remix's client fetches route data from .data URLs; the older ?_data protocol is no longer
  // served, and a client that still asks for it is told so, and logged once.
  if (url.searchParams.has("_data")) {
    warnOnce(log, "remix-data-param", { path: url.pathname }, DATA_PARAM_WARNING);
    return plainResponse(400, "Route data is not served through ?_data.");
  }
  // PostgreSQL text cannot hold NUL: no URL of the portal means anything with one.
  if (url.pathname.includes("%00") || url.search.includes("%00")) {
    return plainResponse(400, "The address contains a NUL character.");
  }
  return null;
}

/**
 * The body of a mutation, checked against what the route takes: a form (urlencoded or multipart)
 * for pages, JSON under JSON_BODY_PREFIXES. A well-formed multipart form is a form like any
 * other. Returns the request to hand on (its body read once, at most MAX_BODY_BYTES, or
 * MAX_BATCH_BODY_BYTES to a batch address of the API) or the
 * refusal: 413 over the limit, 415 for another content type or a compressed body, 400 for a body
 * that cannot be read or a field holding NUL. No route runs for a refused body.
 */
export async function checkedBody(request: Request, url: URL): Promise<Request | Response> {
  const takesJson = JSON_BODY_PREFIXES.some((prefix) => url.pathname.startsWith(prefix));
  const refuse = (status: number, message: string) =>
    takesJson ? problemResponse(status, message) : plainResponse(status, message);

  const limit = bodyLimitOf(url.pathname);
  const bytes = await readAtMost(request.body, limit);
  if (!bytes) return refuse(413, `Request body too large: the limit is ${describeByteLimit(limit)}.`);
  const encoding = (request.headers.get("Content-Encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity") return refuse(415, "Compressed request bodies are not accepted.");

  const headers = new Headers(request.headers);
  const contentType = request.headers.get("Content-Type");
  const type = mediaTypeOf(contentType);
  const forward = () => new Request(request.url, { method: request.method, headers, body: bytes, signal: request.signal });
  if (bytes.length === 0 && !contentType) {
    // A button that posts nothing (sign out) sends no body and no type: to a page, an empty form.
    if (!takesJson) headers.set("Content-Type", "application/x-www-form-urlencoded");
    return forward();
  }

  if (takesJson) {
    if (type !== "application/json" && !type.endsWith("+json")) {
      return refuse(415, "This address takes JSON (application/json).");
    }
    try {
      JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return refuse(400, "The JSON body could not be read.");
    }
  } else {
    if (!FORM_TYPES.has(type)) {
      return refuse(415, "This address takes form submissions only (application/x-www-form-urlencoded or multipart/form-data).");
    }
    const problem = type === "multipart/form-data" ? await multipartProblem(bytes, contentType ?? "") : urlencodedProblem(bytes);
    if (problem) return refuse(400, problem);
  }
  return forward();
}

interface StreamedUpload {
  /** The request to hand on: its body counted as the route reads it. */
  request: Request;
  /** Whether the body passed the limit (the route's read of it then failed). */
  tooLarge(): boolean;
  refuse(status: number, message: string): Response;
}

/**
 * A streamed upload, checked as far as it can be without reading it: 413 when its declared
 * length is over `limit`, 415 when it is compressed. The body handed on fails with
 * BodyTooLargeError as soon as more than `limit` bytes have come, and reading stops there. The
 * form inside (a NUL in a field, a malformed part) is the route's to check as it reads.
 */
export function checkedUpload(request: Request, url: URL, limit: number): StreamedUpload | Response {
  const takesJson = JSON_BODY_PREFIXES.some((prefix) => url.pathname.startsWith(prefix));
  const refuse = (status: number, message: string) =>
    takesJson ? problemResponse(status, message) : plainResponse(status, message);
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > limit) return refuse(413, new BodyTooLargeError(limit).message);
  const encoding = (request.headers.get("Content-Encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity") return refuse(415, "Compressed request bodies are not accepted.");

  let received = 0;
  let exceeded = false;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      received += chunk.byteLength;
      if (received > limit) {
        exceeded = true;
        controller.error(new BodyTooLargeError(limit));
      } else {
        controller.enqueue(chunk);
      }
    },
  });
  const body = request.body ? request.body.pipeThrough(counter) : null;
  const forward = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    ...(body ? { duplex: "half" } : {}),
  } as RequestInit);
  return { request: forward, tooLarge: () => exceeded, refuse };
}

/** The body's bytes, or null once it passes `limit` (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function mediaTypeOf(contentType: string | null) {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

const NUL_IN_FORM = "The form contains a NUL character.";

/**
 * Browsers percent-encode every form field as UTF-8; a body that is not that (a stray `%`, bytes
 * that are not UTF-8) did not come from our forms. URLSearchParams would read it anyway,
 * replacing what it cannot decode, so it is checked here.
 */
function urlencodedProblem(bytes: Uint8Array<ArrayBuffer>): string | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "The form data could not be read (it is not UTF-8).";
  }
  for (const part of text.split(/[&=]/)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replaceAll("+", " "));
    } catch {
      return "The form data could not be read (malformed percent-encoding).";
    }
    if (decoded.includes("\0")) return NUL_IN_FORM;
  }
  return null;
}

async function multipartProblem(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<string | null> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
  } catch {
    return "The form data could not be read (malformed multipart body).";
  }
  for (const [name, value] of form) {
    if (name.includes("\0") || (typeof value === "string" && value.includes("\0"))) return NUL_IN_FORM;
  }
  return null;
}

function plainResponse(status: number, message: string, headers: Record<string, string> = {}) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

/** RFC 9457 problem details, the error format of JSON routes. */
function problemResponse(status: number, detail: string) {
  return new Response(JSON.stringify({ type: "about:blank", status, detail }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

async function signedInUserId(context: AppLoadContext): Promise<string | undefined> {
  if (!context.state.signedIn || !context.state.session) return undefined;
  const session = (await context.state.session.catch(() => null)) as ValidSession | null;
  return session?.user.id;
}

type RouteObject = Parameters<typeof matchRoutes>[0][number];

const routeTrees = new WeakMap<ServerBuild["routes"], RouteObject[]>();

/** The pattern of the route a path reaches (`.data` requests included), for the request log. */
export function routePattern(build: ServerBuild, pathname: string): string | undefined {
  let tree = routeTrees.get(build.routes);
  if (!tree) {
    tree = routeTree(build.routes, undefined);
    routeTrees.set(build.routes, tree);
  }
  const path = pathname.endsWith(".data") ? pathname.slice(0, -".data".length).replace(/^\/_root$/, "/") : pathname;
  const matches = matchRoutes(tree, path);
  if (!matches) return undefined;
  return `/${matches
    .map((match) => match.route.path)
    .filter(Boolean)
    .join("/")}`;
}

function routeTree(routes: ServerBuild["routes"], parentId: string | undefined): RouteObject[] {
  return Object.values(routes)
    .filter((route) => route!.parentId === parentId)
    .map(
      (route) =>
        ({
          id: route!.id,
          path: route!.path,
          index: route!.index,
          caseSensitive: route!.caseSensitive,
          children: route!.index ? undefined : routeTree(routes, route!.id),
        }) as RouteObject,
    );
}

/**
 * A browser marks its own form posts and fetches with Sec-Fetch-Site and Origin; a request that
 * shows neither as same-origin is refused, which stops cross-site request forgery.
 */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("Sec-Fetch-Site");
  if (fetchSite === "same-origin") return true;
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return false;
  return origin === new URL(request.url).origin;
}

export function contentSecurityPolicy(nonce: string | null, mode: "development" | "production") {
  const scriptSources = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scriptSources}`,
    // Inline style attributes come from charts and layout; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    mode === "development" ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, static files included. */
export const staticSecurityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
} as const;

function withSecurityHeaders(original: Response, nonce: string | null, mode: "development" | "production") {
  // A fresh Response: the headers of some responses are immutable.
  const headers = new Headers(original.headers);
  for (const [name, value] of Object.entries(staticSecurityHeaders)) headers.set(name, value);
  if ((headers.get("Content-Type") ?? "").startsWith("text/html")) {
    headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, mode));
  }
  return new Response(original.body, {
    status: original.status,
    statusText: original.statusText,
    headers,
  });
}
