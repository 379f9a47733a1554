import { z } from "zod";
import { isCalendarDate } from "~/core";
import { isUuid } from "~/utils/ids";
import { textField } from "~/utils/input/text";

/**
 * What an API key is and what it may do, shared by the administrators' page (conform, in the
 * browser), the services and the command line. Not a .server module. Messages are i18n keys of
 * `adminApiKeys.errors`.
 */

/**
 * What a key may do through the REST API. `partners:write` covers suppliers and sites,
 * `facts:write` stock, consumption and receipts. db/schema/api-keys.ts checks the same list.
 */
export const API_SCOPES = ["items:write", "partners:write", "agreements:write", "facts:write", "imports:write", "read"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Every key starts with this, so that a leaked one is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = "vmi_";
/** Random base-58 characters after the prefix: 40 × log2(58) ≈ 234 bits. */
export const API_KEY_RANDOM_LENGTH = 40;
/** Base 58: letters and digits without 0, O, I and l, which read alike. */
export const BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/** How much of a key the list shows (after `vmi_`): enough to tell keys apart, far too little to guess one. */
export const API_KEY_SHOWN_LENGTH = 6;

/**
 * Whether a bearer token can be a key at all: `vmi_` and 32 to 128 base-58 characters. Anything
 * else is refused without a look-up.
 */
export function isApiKeyShape(value: string): boolean {
  return /^vmi_[1-9A-HJ-NP-Za-km-z]{32,128}$/.test(value);
}

/** What the list shows of a key: `vmi_` and its first six characters. */
export function apiKeyPrefixOf(key: string): string {
  return key.slice(0, API_KEY_PREFIX.length + API_KEY_SHOWN_LENGTH);
}

export const API_KEY_NAME_MAX = 100;

const key = (name: string) => `adminApiKeys.errors.${name}`;

/**
 * A new key: its name (which integration uses it), at least one scope, and optionally the last
 * day it works (in the company's time zone; the service refuses a day already past).
 */
export const ApiKeyCreateSchema = z.object({
  name: textField({
    max: API_KEY_NAME_MAX,
    messages: { required: key("nameRequired"), tooLong: key("nameTooLong"), controlCharacter: key("controlCharacter") },
  }),
  scopes: z
    .array(z.enum(API_SCOPES, { error: key("scope") }), { error: key("scopesRequired") })
    .min(1, { error: key("scopesRequired") })
    .transform((scopes) => API_SCOPES.filter((scope) => scopes.includes(scope))),
  expires: z
    .string({ error: key("expires") })
    .trim()
    .refine((value) => value === "" || isCalendarDate(value), { error: key("expires") })
    .optional()
    .transform((value) => value || undefined),
});
/** What makes a key, from the form or the command line (the schema's output fits it). */
export interface ApiKeyCreateInput {
  name: string;
  scopes: ApiScope[];
  /** The last day the key works (YYYY-MM-DD); none: it does not expire. */
  expires?: string;
}

/** Revoking names the key by its id (the confirmation's form posts it). */
export const ApiKeyRevokeSchema = z.object({
  keyId: z.string({ error: key("unknownKey") }).refine(isUuid, { error: key("unknownKey") }),
});

/** What the page's form checks in the browser, handed to its component by the route. */
export const API_KEY_FORM_RULES = { create: ApiKeyCreateSchema, scopes: API_SCOPES };
export type ApiKeyFormRules = typeof API_KEY_FORM_RULES;
