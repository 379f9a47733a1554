import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/utils/safe-redirect";

const SITE = "https://portal.example";

/** What every answer must be: a path that a browser, resolving it on this site, keeps on this site. */
function staysOnSite(result: string) {
  expect(result === "/" || /^\/[^/\\]/.test(result), JSON.stringify(result)).toBe(true);
  expect(new URL(result, SITE).origin, JSON.stringify(result)).toBe(SITE);
}

describe("safeRedirect keeps the paths of this site", () => {
  it.each([
    ["/t/acme/inventory?page=2", "/t/acme/inventory?page=2"],
    ["/t/acme/plans/0b7c3a9e-1b2c-4d5e-8f90-123456789abc", "/t/acme/plans/0b7c3a9e-1b2c-4d5e-8f90-123456789abc"],
    ["/t/acme/inventory?q=a%2Fb&sort=sku#top", "/t/acme/inventory?q=a%2Fb&sort=sku#top"],
    ["/t/acme/inventory?next=//evil.example", "/t/acme/inventory?next=//evil.example"],
    ["/", "/"],
    ["/t/acme/./inventory", "/t/acme/inventory"],
    ["/t/acme/plans/../inventory", "/t/acme/inventory"],
    ["/t/globex/", "/t/globex/"],
    ["/t/acme/inventory?q=éclair", "/t/acme/inventory?q=%C3%A9clair"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirect(input)).toBe(expected);
  });
});

/**
 * Attacks on the redirect after sign-in and on the language switch: dot segments, encoded
 * slashes, dots and backslashes, control characters browsers drop, other schemes. Each either
 * falls back to "/" or lands on a path of this site; none may reach the browser as `//host`.
 */
const PAYLOADS: [string, string][] = [
  // Dot segments resolved after the checks: the findings that started this.
  ["/.//evil.example", "/"],
  ["/..//evil.example/phish", "/"],
  ["/../..//evil.example", "/"],
  ["/././/evil.example", "/"],
  ["/a/..//evil.example", "/"],
  ["/a/b/../..//evil.example", "/"],
  ["/.//evil.example/?x=1", "/"],
  ["/.//evil.example#frag", "/"],
  ["/./../..//evil.example/phish", "/"],
  // Encoded dots.
  ["/%2e//evil.example", "/"],
  ["/%2E%2E//evil.example", "/"],
  ["/%2e%2e/%2e%2e//evil.example", "/"],
  ["/.%2e//evil.example", "/"],
  ["/%2e./%2e.//evil.example", "/"],
  ["/%252e%252e//evil.example", "/"],
  // Encoded slashes.
  ["/%2fevil.example", "/"],
  ["/%2Fevil.example", "/"],
  ["%2f%2fevil.example", "/"],
  ["/%2f%2fevil.example", "/"],
  ["/.%2f%2fevil.example", "/"],
  ["/..%2f..%2f%2fevil.example", "/"],
  ["/%252f%252fevil.example", "/"],
  ["/%25252f%25252fevil.example", "/"],
  ["/%2e%2e%2f%2fevil.example", "/"],
  ["/t/acme%2finventory", "/t/acme/inventory"],
  // Backslashes, which browsers read as slashes.
  ["/\\evil.example", "/"],
  ["\\\\evil.example", "/"],
  ["\\/evil.example", "/"],
  ["/\\/evil.example", "/"],
  ["/.\\\\evil.example", "/"],
  ["/..\\\\evil.example", "/"],
  ["/%5cevil.example", "/"],
  ["/%5C%5Cevil.example", "/"],
  ["/.%5c%5cevil.example", "/"],
  ["/%255c%255cevil.example", "/"],
  ["/t\\acme\\inventory", "/t/acme/inventory"],
  // Scheme-relative and absolute addresses.
  ["//evil.example", "/"],
  ["///evil.example", "/"],
  ["////evil.example/phish", "/"],
  ["//evil.example/%2e%2e", "/"],
  ["https://evil.example", "/"],
  ["https:evil.example", "/"],
  ["https:/evil.example", "/"],
  ["https:\\\\evil.example", "/"],
  ["http://evil.example/t/acme", "/"],
  ["HTTPS://evil.example", "/"],
  ["//user:pass@evil.example", "/"],
  ["/@evil.example", "/@evil.example"],
  ["/https://evil.example", "/https://evil.example"],
  ["/.//https://evil.example", "/"],
  ["evil.example", "/"],
  ["./evil.example", "/"],
  ["../evil.example", "/"],
  ["?next=//evil.example", "/"],
  ["#//evil.example", "/"],
  // Other schemes.
  ["javascript:alert(1)", "/"],
  ["JavaScript:alert(document.domain)", "/"],
  ["/javascript:alert(1)", "/javascript:alert(1)"],
  ["data:text/html,<script>alert(1)</script>", "/"],
  ["vbscript:msgbox(1)", "/"],
  // Control characters that browsers drop or servers mishandle: refused outright.
  ["/\t/evil.example", "/"],
  ["/\n/evil.example", "/"],
  ["/\r\n/evil.example", "/"],
  ["/\t\\evil.example", "/"],
  ["/.\t//evil.example", "/"],
  ["\t//evil.example", "/"],
  ["/\u0000/evil.example", "/"],
  ["/\u007f/evil.example", "/"],
  ["/t/acme\r\nSet-Cookie: x=1", "/"],
  // Encoded control characters stay encoded: a path segment of this site.
  ["/%09/evil.example", "/%09/evil.example"],
  ["/%0a/evil.example", "/%0a/evil.example"],
  ["/%00/evil.example", "/%00/evil.example"],
  // Not a target at all.
  ["", "/"],
  [" ", "/"],
  [" /t/acme", "/"],
  ["/" + "a".repeat(3000), "/"],
];

describe("safeRedirect refuses or tames every known attack", () => {
  it("has a table of at least 60 payloads", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(PAYLOADS)("%j → %j", (input, expected) => {
    const result = safeRedirect(input);
    expect(result).toBe(expected);
    staysOnSite(result);
  });

  it("falls back for what is not text, and to the fallback asked for", () => {
    expect(safeRedirect(null)).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(new File(["x"], "x.txt"))).toBe("/");
    expect(safeRedirect("https://evil.example", "/t/acme")).toBe("/t/acme");
  });
});

describe("safeRedirect, whatever the path is made of", () => {
  const pieces = fc.constantFrom(
    "/",
    "//",
    ".",
    "..",
    "\\",
    "%2f",
    "%2F",
    "%2e",
    "%2E",
    "%5c",
    "%5C",
    "%25",
    "%252f",
    "\t",
    "\n",
    "\r",
    "@",
    ":",
    "?",
    "#",
    "evil.example",
    "portal.example",
    "t",
    "acme",
    "https:",
    "javascript:",
    " ",
    "%09",
    "a",
    "é",
  );
  const paths = fc.array(pieces, { minLength: 0, maxLength: 14 }).map((parts) => parts.join(""));

  it("always answers a path that a browser resolves to this site", () => {
    fc.assert(
      fc.property(paths, (path) => {
        staysOnSite(safeRedirect(path));
      }),
      { numRuns: 5000 },
    );
  });

  it("answers a path it would answer again unchanged (the normalisation is complete)", () => {
    fc.assert(
      fc.property(paths, (path) => {
        const once = safeRedirect(path);
        expect(safeRedirect(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps any plain path of this site as it is", () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const path = `/${segments.join("/")}`;
        expect(safeRedirect(path)).toBe(path);
      }),
    );
  });
});
