import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiKeyScopes } from "@db/schema/api-keys";
import { DEMO_API_KEY } from "@db/seed/api-keys";
import { API_SCOPES, ApiKeyCreateSchema, apiKeyPrefixOf, BASE58_ALPHABET, isApiKeyShape } from "~/services/api/key-rules";
import { generateApiKey, hashApiKey, randomBase58 } from "~/services/api/key-secret.server";
import { readBearerToken, requireApiScope } from "~/services/api/keys.server";
import { isAppError } from "~/utils/app-error";

/** The key's format, the Authorization header as the API reads it, and the scopes' rules. */

describe("a new API key", () => {
  it("is vmi_ and 40 base-58 characters, listed by vmi_ and its first six, stored as its SHA-256", () => {
    const { key, prefix, sha256 } = generateApiKey();
    expect(key).toMatch(/^vmi_[1-9A-HJ-NP-Za-km-z]{40}$/);
    expect(isApiKeyShape(key)).toBe(true);
    expect(prefix).toBe(key.slice(0, 10));
    expect(sha256).toBe(createHash("sha256").update(key).digest("hex"));
    expect(hashApiKey(key)).toBe(sha256);
  });

  it("is new every time, and its characters come from the whole alphabet", () => {
    const keys = Array.from({ length: 200 }, () => generateApiKey().key);
    expect(new Set(keys).size).toBe(200);
    const seen = new Set(randomBase58(20_000));
    expect([...seen].sort().join("")).toBe([...BASE58_ALPHABET].sort().join(""));
    expect(BASE58_ALPHABET).toHaveLength(58);
    expect(BASE58_ALPHABET).not.toMatch(/[0OIl]/);
  });

  it("the shape refuses anything else before a look-up", () => {
    const random = randomBase58(40);
    expect(isApiKeyShape(`vmi_${random.slice(0, 32)}`)).toBe(true);
    expect(isApiKeyShape(`vmi_${random.slice(0, 31)}`)).toBe(false);
    expect(isApiKeyShape(`VMI_${random}`)).toBe(false);
    expect(isApiKeyShape(`vmi_${random.slice(0, 39)}0`)).toBe(false);
    expect(isApiKeyShape(`vmi_${random.slice(0, 39)}l`)).toBe(false);
    expect(isApiKeyShape(`vmi_${random} `)).toBe(false);
    expect(isApiKeyShape(`vmi_${"a".repeat(129)}`)).toBe(false);
    expect(apiKeyPrefixOf(`vmi_${random}`)).toBe(`vmi_${random.slice(0, 6)}`);
  });

  it("the demo key has the format of any key", () => {
    expect(isApiKeyShape(DEMO_API_KEY)).toBe(true);
    expect(DEMO_API_KEY).toHaveLength(44);
  });
});

describe("the Authorization header", () => {
  it("gives the token of `Bearer <token>`, the scheme in any case", () => {
    expect(readBearerToken("Bearer vmi_abc")).toBe("vmi_abc");
    expect(readBearerToken("bearer vmi_abc")).toBe("vmi_abc");
    expect(readBearerToken("BEARER vmi_abc")).toBe("vmi_abc");
    expect(readBearerToken("  Bearer   vmi_abc  ")).toBe("vmi_abc");
  });

  it("gives nothing for a missing header, another scheme, no token or more than one", () => {
    expect(readBearerToken(null)).toBeNull();
    expect(readBearerToken("")).toBeNull();
    expect(readBearerToken("Bearer")).toBeNull();
    expect(readBearerToken("Bearer ")).toBeNull();
    expect(readBearerToken("Basic dXNlcjpwYXNz")).toBeNull();
    expect(readBearerToken("Bearer vmi_a vmi_b")).toBeNull();
    expect(readBearerToken("Bearer vmi_a, Bearer vmi_b")).toBeNull();
    expect(readBearerToken("Bearervmi_abc")).toBeNull();
    expect(readBearerToken("Bearer\tvmi_abc")).toBeNull();
    expect(readBearerToken("Token vmi_abc")).toBeNull();
  });
});

describe("scopes", () => {
  it("the rules offer the scopes the database accepts", () => {
    expect([...API_SCOPES]).toEqual([...apiKeyScopes]);
  });

  it("a caller without the scope is refused with 403 naming it", () => {
    expect(() => requireApiScope({ scopes: ["items:write", "read"] }, "items:write")).not.toThrow();
    let refused: unknown;
    try {
      requireApiScope({ scopes: ["read"] }, "facts:write");
    } catch (error) {
      refused = error;
    }
    expect(isAppError(refused, "forbidden")).toBe(true);
    if (!isAppError(refused)) return;
    expect(refused.status).toBe(403);
    expect(refused.userMessage).toEqual({ key: "adminApiKeys.api.missingScope", params: { scope: "facts:write" } });
  });

  it("the form needs a name and at least one known scope; the expiry is optional", () => {
    const parsed = ApiKeyCreateSchema.parse({ name: "  SAP  ", scopes: ["read", "items:write"], expires: "" });
    expect(parsed).toEqual({ name: "SAP", scopes: ["items:write", "read"], expires: undefined });
    expect(ApiKeyCreateSchema.parse({ name: "SAP", scopes: ["read"], expires: "2027-01-31" }).expires).toBe("2027-01-31");
    const messages = (input: unknown) =>
      (ApiKeyCreateSchema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages({ name: "", scopes: [] })).toEqual([
      "name: adminApiKeys.errors.nameRequired",
      "scopes: adminApiKeys.errors.scopesRequired",
    ]);
    expect(messages({ name: "x", scopes: ["admin"] })).toEqual(["scopes.0: adminApiKeys.errors.scope"]);
    expect(messages({ name: "x", scopes: ["read"], expires: "2027-02-30" })).toEqual(["expires: adminApiKeys.errors.expires"]);
  });
});
