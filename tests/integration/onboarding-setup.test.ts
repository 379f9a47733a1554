import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@db/client";
import { migrate } from "@db/migrate";
import { rowsOf } from "@db/rows";
import { listMemberships } from "~/services/auth/guards.server";
import { verifyPassword } from "~/services/auth/password.server";
import { sessionIdFromToken } from "~/services/auth/session.server";
import { SetupSchema } from "~/services/onboarding/company-rules";
import { issueSetupLink, setUpFirstCompany, setupLinkState } from "~/services/onboarding/setup.server";
import { isAppError } from "~/utils/app-error";

/**
 * The set-up link of an empty installation: issued only while no company exists, it creates the
 * first company and its administrator once, signs the administrator in, and is refused afterwards.
 * An empty database of its own (the shared test server always holds other files' tenants).
 */

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openDatabase({});
  await migrate(handle);
});

afterAll(async () => {
  await handle?.close();
});

const tokenOf = (url: string) => url.split("/setup/")[1];

const company = (overrides: Record<string, string> = {}) => {
  const parsed = SetupSchema.safeParse({
    companyName: "Lotus Trading",
    slug: "lotus",
    currency: "cny",
    timezone: "Asia/Shanghai",
    locale: "zh-CN",
    adminName: "Li Wei",
    adminEmail: "Li.Wei@Lotus.example",
    password: "lotus-admin-2026",
    ...overrides,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
};

describe("the set-up form's rules", () => {
  const problems = (overrides: Record<string, string>) => {
    const parsed = SetupSchema.safeParse({ ...company(), currency: "CNY", ...overrides });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  };

  it("takes a valid company, reading the currency in capitals and the e-mail in lower case", () => {
    expect(company()).toMatchObject({ currency: "CNY", adminEmail: "li.wei@lotus.example", slug: "lotus" });
  });

  it("refuses a bad slug, currency, time zone, language, e-mail and password on their fields", () => {
    expect(problems({ slug: "Lotus Trading" })).toEqual({ slug: "onboarding.errors.slugFormat" });
    expect(problems({ slug: "-lotus" })).toEqual({ slug: "onboarding.errors.slugFormat" });
    expect(problems({ slug: "l" })).toEqual({ slug: "onboarding.errors.slugLength" });
    expect(problems({ currency: "XYZ" })).toEqual({ currency: "onboarding.errors.currencyInvalid" });
    expect(problems({ currency: "EURO" })).toEqual({ currency: "onboarding.errors.currencyTooLong" });
    expect(problems({ timezone: "Mars/Olympus" })).toEqual({ timezone: "onboarding.errors.timezoneInvalid" });
    expect(problems({ timezone: "Europe/Berlin" })).toEqual({});
    expect(problems({ timezone: "UTC" })).toEqual({});
    expect(problems({ locale: "fr" })).toEqual({ locale: "onboarding.errors.localeInvalid" });
    expect(problems({ adminEmail: "not-an-address" })).toEqual({ adminEmail: "onboarding.errors.emailInvalid" });
    expect(problems({ password: "short" })).toEqual({ password: "login.passwordLength" });
    expect(problems({ companyName: "Lotus\u0001" })).toEqual({ companyName: "onboarding.errors.companyNameControl" });
  });
});

describe("the set-up link", () => {
  it("names nothing when it is not a link at all, and nothing usable when unknown", async () => {
    expect(await setupLinkState(handle.db, "not-a-token")).toBe("unknown");
    expect(await setupLinkState(handle.db, "A".repeat(43))).toBe("unusable");
  });

  it("is not usable once expired", async () => {
    const link = await issueSetupLink(handle.db, "https://vmi.example", new Date(Date.now() - 25 * 60 * 60 * 1000));
    expect(link!.url).toMatch(/^https:\/\/vmi\.example\/setup\/[A-Za-z0-9_-]{43}$/);
    expect(await setupLinkState(handle.db, tokenOf(link!.url))).toBe("unusable");
    const result = await setUpFirstCompany(handle.db, { token: tokenOf(link!.url), company: company() });
    expect(result).toEqual({ ok: false, reason: "unusable" });
  });

  it("sets up the first company and its signed-in administrator once, then no link works", async () => {
    const link = await issueSetupLink(handle.db, "http://localhost:3000/");
    const other = await issueSetupLink(handle.db, "http://localhost:3000");
    const token = tokenOf(link!.url);
    expect(await setupLinkState(handle.db, token)).toBe("usable");

    const result = await setUpFirstCompany(handle.db, { token, company: company() });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.slug).toBe("lotus");

    const [tenant] = rowsOf<{ name: string; currency: string; timezone: string; default_locale: string }>(
      await handle.db.execute(sql`select name, currency, timezone, default_locale from tenants where slug = 'lotus'`),
    );
    expect(tenant).toEqual({ name: "Lotus Trading", currency: "CNY", timezone: "Asia/Shanghai", default_locale: "zh-CN" });
    const [user] = rowsOf<{ email: string; name: string; password_hash: string }>(
      await handle.db.execute(sql`select email, name, password_hash from users where id = ${result.userId}::uuid`),
    );
    expect(user).toMatchObject({ email: "li.wei@lotus.example", name: "Li Wei" });
    expect(await verifyPassword(user.password_hash, "lotus-admin-2026")).toBe(true);
    const memberships = await listMemberships(handle.db, result.userId);
    expect(memberships.map((m) => [m.tenant.slug, m.role])).toEqual([["lotus", "admin"]]);
    const sessions = rowsOf<{ user_id: string }>(
      await handle.db.execute(sql`select user_id from sessions where id = ${sessionIdFromToken(result.sessionToken)}`),
    );
    expect(sessions).toEqual([{ user_id: result.userId }]);
    const audit = rowsOf<{ action: string }>(
      await handle.db.execute(sql`select action from audit_events where actor_user_id = ${result.userId}::uuid`),
    );
    expect(audit.map((a) => a.action)).toContain("tenant.setup");

    // Used, and every other link dies with the first company; no new link is issued.
    expect(await setupLinkState(handle.db, token)).toBe("unusable");
    expect(await setupLinkState(handle.db, tokenOf(other!.url))).toBe("unusable");
    const again = await setUpFirstCompany(handle.db, { token: tokenOf(other!.url), company: company({ slug: "lotus-2" }) });
    expect(again).toEqual({ ok: false, reason: "unusable" });
    expect(await issueSetupLink(handle.db, "http://localhost:3000")).toBeNull();
  });
});

describe("a set-up refused on a field", () => {
  it("names the e-mail that already has a login, and writes nothing", async () => {
    const fresh = await openDatabase({});
    try {
      await migrate(fresh);
      await fresh.db.execute(sql`insert into users (email, name, password_hash) values ('taken@lotus.example', 'Taken', 'x')`);
      const link = await issueSetupLink(fresh.db, "http://localhost:3000");
      const error = await setUpFirstCompany(fresh.db, {
        token: tokenOf(link!.url),
        company: company({ adminEmail: "TAKEN@lotus.example" }),
      }).catch((e: unknown) => e);
      expect(isAppError(error, "invalid") && error.fieldErrors).toEqual({
        adminEmail: [{ key: "onboarding.errors.emailTaken" }],
      });
      const [count] = rowsOf<{ n: number }>(await fresh.db.execute(sql`select count(*)::int as n from tenants`));
      expect(count.n).toBe(0);
      expect(await setupLinkState(fresh.db, tokenOf(link!.url))).toBe("usable");
    } finally {
      await fresh.close();
    }
  });
});
