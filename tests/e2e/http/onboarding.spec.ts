import { type APIRequestContext, expect, test } from "@playwright/test";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import { rowsOf } from "@db/rows";
import { generateLinkToken } from "~/services/auth/link-tokens.server";
import { hashPassword } from "~/services/auth/password.server";
import { createMembership, createTenant, createUser, uniqueSlug } from "../../support/factories";
import { dataDir, newClient, postLogin } from "../support";
import { type EmptyInstallation, startEmptyInstallation } from "../support/empty-installation";

/**
 * Getting into a company without the demo: invitation links (a used, expired or withdrawn one
 * accepts nobody; a pending one makes a login and lands in the company, once), forgotten
 * passwords (the same answer for any address; a reset link works once and ends every session),
 * and the set-up link of an empty installation (a server of its own, refused once used).
 */

const PASSWORD = "onboarding-2026";
let db: DatabaseHandle;
let tenant: { id: string; slug: string };

test.beforeAll(async () => {
  db = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  tenant = await createTenant(db.db, { slugPrefix: "onboarding", name: "Onboarding Trading" });
});

test.afterAll(async () => {
  await db?.close();
});

async function invite(email: string, state: "pending" | "used" | "expired" | "revoked" = "pending") {
  const { token, hash } = generateLinkToken();
  const expires = state === "expired" ? sql`now() - interval '1 hour'` : sql`now() + interval '7 days'`;
  await db.db.execute(sql`
    insert into invitations (tenant_id, email, role, locale, token_hash, expires_at, accepted_at, revoked_at)
    values (${tenant.id}::uuid, ${email}, 'buyer', 'en', ${hash}, ${expires},
            ${state === "used" ? sql`now()` : null}, ${state === "revoked" ? sql`now()` : null})`);
  return token;
}

const textOf = async (response: { text(): Promise<string> }) =>
  (await response.text())
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

async function membersWith(email: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await db.db.execute(sql`select count(*)::int as n from memberships m join users u on u.id = m.user_id
      where m.tenant_id = ${tenant.id}::uuid and lower(u.email) = lower(${email})`),
  );
  return row.n;
}

test.describe("invitation links", () => {
  test("a used, expired or withdrawn invitation shows why and accepts nobody; an unknown one is a 404 page", async () => {
    const cases = [
      ["used", "accepted already"],
      ["expired", "has expired"],
      ["revoked", "was withdrawn"],
    ] as const;
    for (const [state, words] of cases) {
      const email = `${uniqueSlug(state)}@onboarding.example`;
      const token = await invite(email, state);
      const client = await newClient();
      const page = await client.get(`/invite/${token}`);
      expect(page.status(), state).toBe(410);
      expect(await textOf(page), state).toContain(words);
      const post = await client.post(`/invite/${token}`, { form: { intent: "create", name: "Late Comer", password: PASSWORD } });
      expect(post.status(), state).toBe(302);
      expect(post.headers().location).toBe(`/invite/${token}`);
      expect(post.headers()["set-cookie"] ?? "").not.toContain("vmi_session=");
      expect(await membersWith(email), state).toBe(0);
    }
    const unknown = await (await newClient()).get(`/invite/${generateLinkToken().token}`);
    expect(unknown.status()).toBe(404);
    expect(await textOf(unknown)).toContain("This invitation link is not valid");
  });

  test("a pending invitation names the company and role, makes a login that lands in the company, and works once", async () => {
    const email = `${uniqueSlug("newcomer")}@onboarding.example`;
    const token = await invite(email);
    const client = await newClient();
    const page = await client.get(`/invite/${token}`);
    expect(page.status()).toBe(200);
    const text = await textOf(page);
    expect(text).toContain("Join Onboarding Trading");
    expect(text).toContain("as Buyer");
    expect(text).toContain(`Invitation for ${email}`);

    const refused = await client.post(`/invite/${token}`, { form: { intent: "create", name: "", password: "short" } });
    expect(refused.status()).toBe(400);
    const accepted = await client.post(`/invite/${token}`, {
      form: { intent: "create", name: "Nora Newcomer", password: PASSWORD },
    });
    expect(accepted.status()).toBe(302);
    expect(accepted.headers().location).toBe(`/t/${tenant.slug}`);
    expect(accepted.headers()["set-cookie"]).toContain("vmi_session=");
    const home = await client.get(`/t/${tenant.slug}`, { maxRedirects: 5 });
    expect(home.status()).toBe(200);
    expect(await membersWith(email)).toBe(1);

    const again = await (await newClient()).get(`/invite/${token}`);
    expect(again.status()).toBe(410);
    const signIn = await postLogin(await newClient(), email, PASSWORD);
    expect(signIn.status()).toBe(302);
  });

  test("an invitation to an address with a login asks for its password and joins with it", async () => {
    const email = `${uniqueSlug("existing")}@onboarding.example`;
    await createUser(db.db, { email, name: "Ed Existing", passwordHash: await hashPassword(PASSWORD), locale: "en" });
    const token = await invite(email);
    const client = await newClient();
    expect(await textOf(await client.get(`/invite/${token}`))).toContain("This address already has a login");
    const wrong = await client.post(`/invite/${token}`, { form: { intent: "sign-in", email, password: "wrong-password" } });
    expect(wrong.status()).toBe(401);
    expect(await membersWith(email)).toBe(0);
    const right = await client.post(`/invite/${token}`, { form: { intent: "sign-in", email, password: PASSWORD } });
    expect(right.status()).toBe(302);
    expect(right.headers().location).toBe(`/t/${tenant.slug}`);
    expect(await membersWith(email)).toBe(1);
  });
});

test.describe("forgotten passwords", () => {
  async function resetLinksOf(email: string): Promise<string[]> {
    const rows = rowsOf<{ link: string }>(
      await db.db.execute(sql`select link from email_outbox where recipient = ${email} and kind = 'account.password_reset'
        order by created_at desc`),
    );
    return rows.map((r) => r.link);
  }

  async function ask(email: string) {
    const client = await newClient();
    const started = performance.now();
    const response = await client.post("/forgot-password", { form: { email } });
    const ms = performance.now() - started;
    const toast = /vmi_toast=([^;]+)/.exec(response.headers()["set-cookie"] ?? "")?.[1] ?? "";
    const { id: _id, ...shown } = JSON.parse(decodeURIComponent(toast)) as Record<string, unknown>;
    return { status: response.status(), location: response.headers().location, shown, ms, client };
  }

  test("the sign-in page links to it, and it answers the same words, status and time for a login and an unknown address", async () => {
    const login = await (await newClient()).get("/login");
    expect(await login.text()).toContain('href="/forgot-password"');
    const email = `${uniqueSlug("forgetful")}@onboarding.example`;
    await createUser(db.db, { email, passwordHash: await hashPassword(PASSWORD), locale: "en" });
    const unknownEmail = `${uniqueSlug("nobody")}@onboarding.example`;
    const known = [await ask(email), await ask(email)];
    const unknown = [await ask(unknownEmail), await ask(unknownEmail)];
    for (const answer of [...known, ...unknown]) {
      expect(answer.status).toBe(302);
      expect(answer.location).toBe("/login");
    }
    const words = (a: (typeof known)[number], address: string) => JSON.stringify(a.shown).replace(address, "<address>");
    expect(words(known[0], email)).toBe(words(unknown[0], unknownEmail));
    const sent = await known[0].client.get("/login", {
      headers: { Cookie: `vmi_toast=${encodeURIComponent(JSON.stringify(known[0].shown))}` },
    });
    expect(await textOf(sent)).toContain(`If ${email} has a login here`);
    // The same work either way: no gross difference in time (hashing a password would be one).
    const median = (list: typeof known) => Math.min(...list.map((a) => a.ms));
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(500);
    expect(await resetLinksOf(email)).toHaveLength(2);
    expect(await resetLinksOf(unknownEmail)).toHaveLength(0);
  });

  test("a reset link sets the password once and ends every session of the login", async () => {
    const email = `${uniqueSlug("reset")}@onboarding.example`;
    const userId = await createUser(db.db, { email, passwordHash: await hashPassword(PASSWORD), locale: "en" });
    await createMembership(db.db, { tenantId: tenant.id, userId, role: "buyer" });
    const signedIn = await newClient();
    expect((await postLogin(signedIn, email, PASSWORD)).status()).toBe(302);
    expect((await signedIn.get(`/t/${tenant.slug}`, { maxRedirects: 5 })).url()).toContain(`/t/${tenant.slug}`);

    await (await newClient()).post("/forgot-password", { form: { email } });
    const [link] = await resetLinksOf(email);
    const client = await newClient();
    expect((await client.get(link)).status()).toBe(200);
    const mismatch = await client.post(link, { form: { password: "new-password-2026", confirmPassword: "other-password" } });
    expect(mismatch.status()).toBe(400);
    const reset = await client.post(link, { form: { password: "new-password-2026", confirmPassword: "new-password-2026" } });
    expect(reset.status()).toBe(302);
    expect(reset.headers().location).toBe("/login");

    const after = await signedIn.get(`/t/${tenant.slug}`);
    expect(after.status()).toBe(302);
    expect(after.headers().location).toContain("/login");
    expect((await postLogin(await newClient(), email, PASSWORD)).status()).toBe(401);
    expect((await postLogin(await newClient(), email, "new-password-2026")).status()).toBe(302);

    const reused = await client.post(link, { form: { password: "third-password-2026", confirmPassword: "third-password-2026" } });
    expect(reused.status()).toBe(410);
    const page = await client.get(link);
    expect(page.status()).toBe(410);
    expect(await textOf(page)).toContain("Password links work once");
  });
});

test.describe("the set-up link of an empty installation", () => {
  const port = Number(process.env.E2E_PORT ?? 3100) + 1;
  let installation: EmptyInstallation | undefined;
  let link = "";
  let output = "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    installation = await startEmptyInstallation({ port, dataDir: `.cache/e2e-setup-${port}` });
    link = installation.setupPath;
    output = installation.output();
  });

  test.afterAll(async () => {
    await installation?.stop();
  });

  test("sets up the company and its signed-in administrator once, and is refused afterwards", async () => {
    expect(output).not.toContain("Demo sign-ins");
    const origin = `http://127.0.0.1:${port}`;
    const { request } = await import("@playwright/test");
    const client: APIRequestContext = await request.newContext({
      baseURL: origin,
      extraHTTPHeaders: { Origin: origin },
      maxRedirects: 0,
    });
    const page = await client.get(link);
    expect(page.status()).toBe(200);
    expect(await textOf(page)).toContain("Set up your company");
    const form = {
      companyName: "Lotus Trading",
      slug: "Lotus Trading",
      currency: "CNY",
      timezone: "Asia/Shanghai",
      locale: "en",
      adminName: "Li Wei",
      adminEmail: "li.wei@lotus.example",
      password: "lotus-admin-2026",
    };
    const refused = await client.post(link, { form });
    expect(refused.status()).toBe(400);
    expect(await textOf(refused)).toContain("Use lower-case letters, digits and single hyphens");
    const done = await client.post(link, { form: { ...form, slug: "lotus" } });
    expect(done.status()).toBe(302);
    expect(done.headers().location).toBe("/t/lotus/admin/users");
    expect(done.headers()["set-cookie"]).toContain("vmi_session=");
    const home = await client.get("/", { maxRedirects: 0 });
    expect(home.headers().location).toBe("/t/lotus");

    const again = await client.post(link, { form: { ...form, slug: "lotus-two" } });
    expect(again.status()).toBe(410);
    const gone = await (await request.newContext({ baseURL: origin })).get(link);
    expect(gone.status()).toBe(410);
    expect(await textOf(gone)).toContain("This set-up link cannot be used");
    await client.dispose();
  });
});
