import { z } from "zod";
import type { Membership } from "~/services/auth/guards.server";
import { readCookie } from "~/services/auth/cookie.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import type { ApiKeyCreateInput } from "./key-rules";
import { type ApiKeyRecord, createApiKey, listApiKeys, revokeApiKey } from "./manage-keys.server";

/**
 * The API keys page of a company's administrators: the list, and the key just made, shown once.
 * The new key travels from the action to the page it redirects to in a flash cookie of its own
 * (never in the URL, where logs and history would keep it): HttpOnly, SameSite=Strict, limited to
 * the company's administration pages, two minutes at most, bound to the administrator who made
 * it, and cleared by the first page that reads it.
 */

export const NEW_KEY_COOKIE = "vmi_api_key_once";
const NEW_KEY_MAX_AGE_SECONDS = 120;

const NewKeyFlashSchema = z.object({
  userId: z.string().max(64),
  keyId: z.string().max(64),
  key: z.string().regex(/^vmi_[1-9A-HJ-NP-Za-km-z]{32,128}$/),
});

export interface ShownKey {
  id: string;
  name: string;
  key: string;
}

function flashCookie(request: Request, slug: string, value: string, maxAge: number): string {
  const parts = [
    `${NEW_KEY_COOKIE}=${value}`,
    "HttpOnly",
    "SameSite=Strict",
    `Path=/t/${encodeURIComponent(slug)}/admin`,
    `Max-Age=${maxAge}`,
  ];
  if (getEnv().COOKIE_SECURE || new URL(request.url).protocol === "https:") parts.push("Secure");
  return parts.join("; ");
}

/** A key as the list shows it: whether it still works. */
export interface ApiKeyRow extends ApiKeyRecord {
  state: "active" | "expired" | "revoked";
}

function stateOf(key: ApiKeyRecord, now: Date): ApiKeyRow["state"] {
  if (key.revokedAt) return "revoked";
  return key.expiresAt && key.expiresAt <= now ? "expired" : "active";
}

export interface ApiKeysPage {
  keys: ApiKeyRow[];
  /** The key made by the last action of this administrator, once; null on every later load. */
  shown: ShownKey | null;
  timezone: string;
}

/**
 * The list, and the new key when the flash cookie carries one for this administrator and this
 * company's key; `clearCookie` is then the header that drops it.
 */
export async function loadApiKeysPage(
  membership: Membership,
  request: Request,
): Promise<ApiKeysPage & { clearCookie: string | null }> {
  const now = new Date();
  const keys = (await listApiKeys(getDb(), membership.scope)).map((key) => ({ ...key, state: stateOf(key, now) }));
  const raw = readCookie(request, NEW_KEY_COOKIE);
  if (raw === null) return { keys, shown: null, timezone: membership.tenant.timezone, clearCookie: null };
  const clearCookie = flashCookie(request, membership.tenant.slug, "", 0);
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // A forged or damaged cookie shows nothing.
  }
  const flash = NewKeyFlashSchema.safeParse(parsed);
  const record =
    flash.success && flash.data.userId === membership.user.id ? keys.find((k) => k.id === flash.data.keyId) : undefined;
  const shown = record && flash.success ? { id: record.id, name: record.name, key: flash.data.key } : null;
  return { keys, shown, timezone: membership.tenant.timezone, clearCookie };
}

export type ApiKeyAction = ({ intent: "create" } & ApiKeyCreateInput) | { intent: "revoke"; keyId: string };

/**
 * Does what a button of the page asks.
 *
 * @returns the toast key and its values, and for a new key the Set-Cookie header that carries it
 *   to the page once
 * @throws AppError invalid (by field), not_found (another company's or an unknown key), forbidden
 */
export async function actOnApiKeys(
  membership: Membership,
  request: Request,
  action: ApiKeyAction,
): Promise<{ toast: string; params?: Record<string, string>; setCookie?: string }> {
  if (action.intent === "create") {
    const created = await createApiKey(getDb(), membership.scope, action, { timezone: membership.tenant.timezone });
    const flash = JSON.stringify({ userId: membership.user.id, keyId: created.id, key: created.key });
    return {
      toast: "adminApiKeys.done.created",
      params: { name: created.name },
      setCookie: flashCookie(request, membership.tenant.slug, encodeURIComponent(flash), NEW_KEY_MAX_AGE_SECONDS),
    };
  }
  const { changed, name } = await revokeApiKey(getDb(), membership.scope, action.keyId);
  return { toast: changed ? "adminApiKeys.done.revoked" : "adminApiKeys.done.unchanged", params: { name } };
}
