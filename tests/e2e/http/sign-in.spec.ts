import { expect, test } from "@playwright/test";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import { rowsOf } from "@db/rows";
import { hashPassword } from "~/services/auth/password.server";
import { createMembership, createUser } from "../../support/factories";
import { baseURL, dataDir, DEMO_PASSWORD, getPage, newClient, postLogin, signedInClient } from "../support";

function sessionCookieOf(setCookie: string | undefined) {
  return (setCookie ?? "").split("\n").find((c) => c.startsWith("vmi_session=")) ?? "";
}

test("every demo user signs in and lands on its role's start page: inventory for administrators, alerts and approvals for buyers and managers, what needs attention for suppliers", async () => {
  const users = [
    ["admin@acme.example", /\/t\/acme\/inventory$/, "Inventory"],
    ["manager@acme.example", /\/t\/acme$/, "Your alerts and approvals"],
    ["buyer@acme.example", /\/t\/acme$/, "Your alerts and approvals"],
    ["supplier@northwind.example", /\/t\/acme$/, "Needs attention"],
    ["supplier@contoso.example", /\/t\/acme$/, "Needs attention"],
    ["supplier@fabrikam.example", /\/t\/acme$/, "Needs attention"],
    ["buyer@globex.example", /\/t\/globex$/, "Your alerts and approvals"],
  ] as const;
  for (const [email, home, heading] of users) {
    const client = await signedInClient(email);
    const start = await getPage(client, "/");
    expect(start.url(), email).toMatch(home);
    expect(start.status(), email).toBe(200);
    expect(await start.text(), email).toContain(`<h1 class="text-2xl font-bold tracking-tight">${heading}</h1>`);
  }
});

test("the session cookie is HttpOnly, SameSite=Lax, Path=/, and not Secure over plain http", async () => {
  const client = await newClient();
  const response = await postLogin(client, "buyer@acme.example", DEMO_PASSWORD);
  expect(response.status()).toBe(302);
  const cookie = sessionCookieOf(response.headers()["set-cookie"]);
  const token = /^vmi_session=([a-z2-7]+);/.exec(cookie)?.[1] ?? "";
  expect(token.length * 5).toBeGreaterThanOrEqual(120); // base32: 5 bits a character
  expect(cookie).toContain("HttpOnly");
  expect(cookie).toContain("SameSite=Lax");
  expect(cookie).toContain("Path=/");
  expect(cookie).not.toContain("Secure");
});

test("behind a trusted proxy that says https, the cookie is Secure", async () => {
  const client = await newClient();
  const response = await client.post("/login", {
    form: { email: "buyer@acme.example", password: DEMO_PASSWORD },
    headers: { "X-Forwarded-Proto": "https", Origin: baseURL.replace("http:", "https:") },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(sessionCookieOf(response.headers()["set-cookie"])).toContain("Secure");
});

test("a wrong email and a wrong password get the same answer", async () => {
  const client = await newClient();
  const wrongEmail = await postLogin(client, "nobody@acme.example", DEMO_PASSWORD);
  const wrongPassword = await postLogin(client, "buyer@acme.example", "not-the-password");
  expect(wrongEmail.status()).toBe(401);
  expect(wrongPassword.status()).toBe(401);
  const message = "The email or password is incorrect.";
  expect(await wrongEmail.text()).toContain(message);
  expect(await wrongPassword.text()).toContain(message);
  expect(wrongEmail.headers()["set-cookie"]).toBeUndefined();
});

test("a malformed email or an over-long password gets the form's own message, not a 500", async () => {
  const client = await newClient();
  const malformed = await postLogin(client, "not-an-email", DEMO_PASSWORD);
  expect(malformed.status()).toBe(400);
  expect(await malformed.text()).toContain("Enter a valid email address");
  const longPassword = await postLogin(client, "buyer@acme.example", "x".repeat(257));
  expect(longPassword.status()).toBe(400);
  expect(await longPassword.text()).toContain("A password has 8 to 256 characters.");
});

test("a garbage or forged session cookie is treated as signed out", async () => {
  for (const value of ["garbage", "a".repeat(32), "%%%", ""]) {
    const client = await newClient();
    const response = await client.get("/t/acme/inventory", { headers: { Cookie: `vmi_session=${value}` } });
    expect(response.status(), value).toBe(302);
    expect(response.headers()["location"]).toBe("/login?redirectTo=%2Ft%2Facme%2Finventory");
  }
});

test("sign-out deletes the session: the old cookie no longer works", async () => {
  const client = await signedInClient("manager@acme.example");
  const state = await client.storageState();
  const token = state.cookies.find((c) => c.name === "vmi_session")!.value;
  expect((await client.get("/t/acme/inventory")).status()).toBe(200);
  const out = await client.post("/logout");
  expect(out.status()).toBe(302);
  expect(out.headers()["location"]).toBe("/login");
  const replay = await newClient();
  const response = await replay.get("/t/acme/inventory", { headers: { Cookie: `vmi_session=${token}` } });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toContain("/login");
});

test("a password change ends every session of the user", async () => {
  // A user of its own, in acme: other suites sign in as every demo user while this one runs.
  const db = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  let email: string;
  try {
    const tenant = rowsOf<{ id: string }>(await db.db.execute(sql`select id from tenants where slug = 'acme'`))[0];
    const userId = await createUser(db.db, {
      label: "password-change",
      domain: "acme.example",
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    await createMembership(db.db, { tenantId: tenant.id, userId, role: "admin" });
    email = rowsOf<{ email: string }>(await db.db.execute(sql`select email from users where id = ${userId}`))[0].email;
  } finally {
    await db.close();
  }
  const first = await signedInClient(email);
  const second = await signedInClient(email);
  const change = await first.post("/account/password", {
    form: { currentPassword: DEMO_PASSWORD, newPassword: "a-new-password-1", confirmPassword: "a-new-password-1" },
  });
  expect(change.status()).toBe(302);
  // Back on the form, without a query string: the toast says what happened, once.
  expect(change.headers()["location"]).toBe("/account/password");
  const confirmed = await first.get("/account/password");
  expect(await confirmed.text()).toContain("Your password was changed. Every other session has been signed out.");
  expect(await (await first.get("/account/password")).text()).not.toContain("Your password was changed.");
  // The other device is signed out; the one that changed it got a fresh session.
  expect((await second.get("/t/acme/inventory")).status()).toBe(302);
  expect((await first.get("/t/acme/inventory")).status()).toBe(200);
  // Old password refused, new one accepted.
  expect((await postLogin(await newClient(), email, DEMO_PASSWORD)).status()).toBe(401);
  await signedInClient(email, "a-new-password-1");
});

/** The redirect target the sign-in form carries, as the page rendered it from its URL. */
async function renderedRedirectTo(client: Awaited<ReturnType<typeof newClient>>, redirectTo: string) {
  const page = await client.get(`/login?${new URLSearchParams({ redirectTo })}`);
  expect(page.status()).toBe(200);
  const hidden = /<input type="hidden" name="redirectTo" value="([^"]*)"/.exec(await page.text())?.[1];
  expect(hidden, "the form carries the redirect target").toBeDefined();
  return hidden!
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/** A Location that a browser follows on this site: one `/`, then anything but `/` or `\`. */
function expectSameSitePath(location: string | undefined, label: string) {
  expect(location, label).toBeDefined();
  expect(location === "/" || /^\/[^/\\]/.test(location!), `${label}: ${location}`).toBe(true);
  expect(new URL(location!, baseURL).origin, label).toBe(baseURL);
}

const HOSTILE_TARGETS = [
  "/.//evil.example",
  "/..//evil.example/phish",
  "/../..//evil.example",
  "/%2e%2e/%2fevil.example",
  "/.%5c%5cevil.example",
  "//evil.example",
  "/\\evil.example",
  "/\t/evil.example",
  "https://evil.example",
];

test("after signing in from /login?redirectTo=/.//evil.example (and its variants) the portal stays on its own site", async () => {
  for (const target of HOSTILE_TARGETS) {
    const client = await newClient();
    const carried = await renderedRedirectTo(client, target);
    const response = await client.post("/login", {
      form: { email: "buyer@acme.example", password: DEMO_PASSWORD, redirectTo: carried },
      maxRedirects: 0,
    });
    expect(response.status(), target).toBe(302);
    const location = response.headers()["location"];
    expectSameSitePath(location, target);
    expect(location, target).not.toContain("evil.example");
  }
});

test("a redirect target on this site is kept after signing in, normalised", async () => {
  const client = await newClient();
  const carried = await renderedRedirectTo(client, "/t/acme/plans/../inventory?page=2");
  const response = await client.post("/login", {
    form: { email: "buyer@acme.example", password: DEMO_PASSWORD, redirectTo: carried },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toBe("/t/acme/inventory?page=2");
});

test("the language switch sends hostile redirect targets back to this site, signed in or not", async () => {
  const anonymous = await newClient();
  // Globex's buyer reads in English; choosing English again changes nothing for other tests.
  const signedIn = await signedInClient("buyer@globex.example");
  for (const client of [anonymous, signedIn]) {
    for (const target of HOSTILE_TARGETS) {
      const response = await client.post("/account/language", { form: { language: "en", redirectTo: target }, maxRedirects: 0 });
      expect(response.status(), target).toBe(302);
      const location = response.headers()["location"];
      expectSameSitePath(location, target);
      expect(location, target).not.toContain("evil.example");
    }
  }
  const back = await anonymous.post("/account/language", { form: { language: "en", redirectTo: "/login?x=1" }, maxRedirects: 0 });
  expect(back.headers()["location"]).toBe("/login?x=1");
});
