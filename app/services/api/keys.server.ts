import type { Database } from "@db/client";
import { type TenantScope, withUser } from "@db/scope";
import { findApiKeyContext } from "~/models/api-keys.server";
import { AppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { type ApiScope, isApiKeyShape, isApiScope } from "./key-rules";
import { hashApiKey } from "./key-secret.server";

/**
 * Who calls the REST API: the key a request's `Authorization: Bearer …` names, turned into the
 * company and the scope the services run in. The key's scopes say which endpoints it may use
 * (requireApiScope); its writes pass row-level security as the company's administrators' do.
 */
export interface ApiCaller {
  keyId: string;
  tenantId: string;
  tenantSlug: string;
  scopes: readonly ApiScope[];
  /** The administrators' rights in the key's company, on no person's behalf. */
  scope: TenantScope;
}

/** The one answer to a missing, malformed, unknown, revoked or expired key: it never says which. */
export const API_KEY_REFUSED_MESSAGE = "Missing or invalid API key.";

/**
 * A request without a usable key: the API answers 401 with `WWW-Authenticate` (AppError has no
 * 401 of its own, as no page of the portal needs one).
 */
export class ApiKeyRefusedError extends Error {
  readonly status = 401;
  readonly code = "unauthorized";
  readonly wwwAuthenticate = 'Bearer realm="vmi", error="invalid_token"';

  constructor() {
    super(API_KEY_REFUSED_MESSAGE);
    this.name = "ApiKeyRefusedError";
  }
}

export function isApiKeyRefused(error: unknown): error is ApiKeyRefusedError {
  return error instanceof ApiKeyRefusedError;
}

/**
 * The token of an `Authorization` header: the scheme `Bearer` in any case, one or more spaces,
 * exactly one token, nothing after it. Anything else is no token (null).
 *
 * @example
 * readBearerToken("bearer vmi_abc"); // "vmi_abc"
 * readBearerToken("Bearer a b"); // null
 */
export function readBearerToken(header: string | null): string | null {
  if (header === null) return null;
  const match = /^[Bb][Ee][Aa][Rr][Ee][Rr] +([^\s]+)$/.exec(header.trim());
  return match ? match[1] : null;
}

/**
 * The caller of an API request, from its bearer key.
 *
 * @throws ApiKeyRefusedError (401) when the header is missing or malformed, or the key is unknown,
 *   revoked or expired
 */
export async function authenticateApiKey(request: Request, db: Database = getDb()): Promise<ApiCaller> {
  const token = readBearerToken(request.headers.get("Authorization"));
  if (token === null || !isApiKeyShape(token)) throw new ApiKeyRefusedError();
  const found = await withUser(db, null, (tx) => findApiKeyContext(tx, hashApiKey(token)));
  if (!found) throw new ApiKeyRefusedError();
  return {
    keyId: found.keyId,
    tenantId: found.tenantId,
    tenantSlug: found.tenantSlug,
    scopes: found.scopes.filter(isApiScope),
    scope: { tenantId: found.tenantId, supplierId: null, userId: null, role: "admin" },
  };
}

/**
 * Refuses a caller whose key lacks `scope` (403, naming it). `read` is a scope of its own: a key
 * that writes items does not read through the API unless it also holds `read`.
 *
 * @example
 * const caller = await authenticateApiKey(request);
 * requireApiScope(caller, "items:write");
 */
export function requireApiScope(caller: Pick<ApiCaller, "scopes">, scope: ApiScope): void {
  if (caller.scopes.includes(scope)) return;
  throw new AppError("forbidden", {
    reason: "api_scope",
    message: { key: "adminApiKeys.api.missingScope", params: { scope } },
    details: { missingScope: scope },
  });
}
