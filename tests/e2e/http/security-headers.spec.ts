import { expect, test } from "@playwright/test";
import { getPage, newClient, signedInClient } from "../support";

test("HTML pages carry a nonce-based CSP and the other security headers", async () => {
  const client = await newClient();
  const response = await client.get("/login");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = headers["content-security-policy"];
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, csp).toBeTruthy();
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Every script in the page carries this response's nonce, and it changes per request.
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = await client.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce);
});

test("signed-in pages are not cached; the sign-in page is", async () => {
  const client = await signedInClient("buyer@acme.example");
  const page = await getPage(client, "/t/acme/inventory");
  expect(page.status()).toBe(200);
  expect(page.headers()["cache-control"]).toBe("no-store");
  const anonymous = await (await newClient()).get("/login");
  expect(anonymous.headers()["cache-control"] ?? "").not.toContain("no-store");
});

test("a missing page is a 404 page without a stack trace", async () => {
  const client = await newClient();
  const response = await client.get("/no/such/page");
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).toContain("Page not found");
  expect(html).not.toMatch(/at \w+ \(|\.ts:\d+|node_modules/);
});

test("a malformed Host or URL gets a plain 400, never a stack trace", async () => {
  const client = await newClient();
  for (const [path, headers] of [
    ["/", { Host: "127.0.0.1:99999" }],
    ["/%E0%A4%A", {}],
  ] as const) {
    const response = await client.get(path, { headers });
    expect(response.status(), path).toBe(400);
    const body = await response.text();
    expect(body, path).not.toMatch(/at \w+|node_modules|\.ts:\d+/);
  }
});

test("an oversized body is refused with 413 before it is read", async () => {
  const client = await newClient();
  const response = await client.post("/login", {
    data: `email=a%40b.example&password=${"x".repeat(2 * 1024 * 1024)}`,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(response.status()).toBe(413);
});

test("static files carry the security headers too", async () => {
  const client = await newClient();
  const response = await client.get("/favicon.svg");
  expect(response.status()).toBe(200);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["x-frame-options"]).toBe("DENY");
});

test("a redirect target that a browser would turn into another site is ignored", async () => {
  const client = await newClient();
  const response = await client.post("/login", {
    form: { email: "manager@acme.example", password: "vmi-demo-2026", redirectTo: "/\t/evil.example" },
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toBe("/");
});
