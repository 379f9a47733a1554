import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isSameOrigin } from "~/server/portal-handler";
import { waitAfterFailures } from "~/services/auth/throttle.server";
import { safeRedirect } from "~/utils/safe-redirect";

const post = (headers: Record<string, string>) => new Request("http://portal.example:3000/login", { method: "POST", headers });

describe("same-origin check for mutations", () => {
  it("accepts the browser's same-origin marks", () => {
    expect(isSameOrigin(post({ Origin: "http://portal.example:3000" }))).toBe(true);
    expect(isSameOrigin(post({ "Sec-Fetch-Site": "same-origin" }))).toBe(true);
  });

  it("refuses other origins, a null origin, and requests that show neither", () => {
    expect(isSameOrigin(post({ Origin: "http://evil.example" }))).toBe(false);
    expect(isSameOrigin(post({ Origin: "https://portal.example:3000" }))).toBe(false);
    expect(isSameOrigin(post({ Origin: "http://portal.example:3001" }))).toBe(false);
    expect(isSameOrigin(post({ Origin: "null" }))).toBe(false);
    expect(isSameOrigin(post({ "Sec-Fetch-Site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(post({ "Sec-Fetch-Site": "same-site" }))).toBe(false);
    expect(isSameOrigin(post({}))).toBe(false);
  });
});

describe("content security policy", () => {
  it("allows scripts only with the nonce", () => {
    const csp = contentSecurityPolicy("abc123", "production");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

describe("redirect targets after sign-in", () => {
  it("keeps paths on this site and refuses everything else", () => {
    expect(safeRedirect("/t/acme/inventory?page=2")).toBe("/t/acme/inventory?page=2");
    expect(safeRedirect("//evil.example/x")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("")).toBe("/");
    expect(safeRedirect(null)).toBe("/");
    // Browsers strip tabs and newlines, turning these into //evil.example.
    expect(safeRedirect("/\t/evil.example")).toBe("/");
    expect(safeRedirect("/\n/evil.example")).toBe("/");
    expect(safeRedirect("/\r\n/evil.example")).toBe("/");
    expect(safeRedirect("/\t\\evil.example")).toBe("/");
  });
});

describe("account back-off", () => {
  it("lets five failures pass, then doubles the wait up to 15 minutes", () => {
    expect([0, 1, 4].map(waitAfterFailures)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map(waitAfterFailures)).toEqual([5, 10, 20, 40]);
    expect(waitAfterFailures(30)).toBe(900);
  });
});
