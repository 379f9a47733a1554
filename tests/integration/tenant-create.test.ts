import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase, pgliteDirFor } from "@db/client";
import { rowsOf } from "@db/rows";
import { hashLinkToken } from "~/services/auth/link-tokens.server";
import { invitationView } from "~/services/onboarding/invitations.server";
import { createCompanyWithAdminInvitation, NewCompanySchema } from "~/services/onboarding/tenant-create.server";
import { relayOnce } from "~/services/notifications/relay.server";
import { fileTransport } from "~/services/notifications/transports.server";
import { isAppError } from "~/utils/app-error";
import { uniqueSlug } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * `npm run tenant:create`: the company and its administrator's invitation (with its e-mail in the
 * outbox) in one transaction, as a function; then the command itself against a data directory of
 * its own with the demo off: the printed link, the exit statuses, the .eml the relay writes, and
 * the seed command writing no demo.
 */

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

const company = (slug: string, extra: Record<string, string> = {}) =>
  NewCompanySchema.parse({
    slug,
    companyName: "Harbour Foods",
    currency: "eur",
    timezone: "Europe/Berlin",
    locale: "en",
    adminEmail: "Owner@Harbour.example",
    ...extra,
  });

describe("creating a company with its administrator's invitation", () => {
  it("writes the company, an admin invitation, its e-mail and an audit row; the link opens the invitation", async () => {
    const slug = uniqueSlug("harbour");
    const created = await createCompanyWithAdminInvitation(handle.db, company(slug), { appUrl: "https://vmi.example.com/" });
    expect(created.link).toMatch(/^https:\/\/vmi\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = created.link.split("/invite/")[1];

    const [tenant] = rowsOf<{ name: string; currency: string; timezone: string; default_locale: string }>(
      await handle.db.execute(
        sql`select name, currency, timezone, default_locale from tenants where id = ${created.tenantId}::uuid`,
      ),
    );
    expect(tenant).toEqual({ name: "Harbour Foods", currency: "EUR", timezone: "Europe/Berlin", default_locale: "en" });
    const [invitation] = rowsOf<{ email: string; role: string; token_hash: string }>(
      await handle.db.execute(sql`select email, role, token_hash from invitations where tenant_id = ${created.tenantId}::uuid`),
    );
    expect(invitation).toEqual({ email: "owner@harbour.example", role: "admin", token_hash: hashLinkToken(token) });
    const outbox = rowsOf<{ recipient: string; kind: string; link: string; locale: string }>(
      await handle.db.execute(
        sql`select recipient, kind, link, locale from email_outbox where tenant_id = ${created.tenantId}::uuid`,
      ),
    );
    expect(outbox).toEqual([
      { recipient: "owner@harbour.example", kind: "account.invitation", link: `/invite/${token}`, locale: "en" },
    ]);
    const audit = rowsOf<{ action: string }>(
      await handle.db.execute(sql`select action from audit_events where tenant_id = ${created.tenantId}::uuid`),
    );
    expect(audit.map((a) => a.action)).toEqual(["tenant.create"]);
    expect(await invitationView(handle.db, token, null)).toMatchObject({
      kind: "pending",
      company: "Harbour Foods",
      role: "admin",
    });
  });

  it("refuses a slug taken, writing nothing", async () => {
    const slug = uniqueSlug("taken");
    await createCompanyWithAdminInvitation(handle.db, company(slug), { appUrl: "http://localhost:3000" });
    const error = await createCompanyWithAdminInvitation(handle.db, company(slug, { adminEmail: "other@harbour.example" }), {
      appUrl: "http://localhost:3000",
    }).catch((e: unknown) => e);
    expect(isAppError(error, "conflict") && error.reason).toBe("slug_taken");
    const [count] = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from invitations where email = 'other@harbour.example'`),
    );
    expect(count.n).toBe(0);
  });
});

describe("npm run tenant:create", () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "tenant-create-"));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "db/cli.ts", "tenant:create", ...args], {
      env: { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "off", DATABASE_URL: "", APP_URL: "https://vmi.example.com" },
      encoding: "utf8",
      timeout: 120_000,
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const args = (slug: string) => [
    "--slug",
    slug,
    "--name",
    "Lotus Trading",
    "--currency",
    "CNY",
    "--timezone",
    "Asia/Shanghai",
    "--admin-email",
    "li.wei@lotus.example",
    "--admin-name",
    "Li Wei",
  ];

  it("refuses a bad argument with one line naming it and exit status 2, before touching the database", () => {
    const badCurrency = cli(...args("lotus").map((a) => (a === "CNY" ? "CNYY" : a)));
    expect(badCurrency.status).toBe(2);
    expect(badCurrency.stderr.trim()).toBe("--currency: Enter a three-letter ISO 4217 code, such as CNY.");
    const badZone = cli(...args("lotus").map((a) => (a === "Asia/Shanghai" ? "Asia/Atlantis" : a)));
    expect(badZone.stderr.trim()).toBe("--timezone: Enter an IANA time zone, such as Asia/Shanghai.");
    const missing = cli("--slug", "lotus");
    expect(missing.status).toBe(2);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect(missing.stderr).toMatch(/^--name: /);
    const unknown = cli(...args("lotus"), "--colour", "blue");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown option --colour\./);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("creates the company in an empty directory without the demo, prints the link, and exits 1 on a slug taken", async () => {
    const first = cli(...args("lotus"));
    expect(first.status, first.stderr).toBe(0);
    const link = /^Invitation link: (https:\/\/vmi\.example\.com\/invite\/[A-Za-z0-9_-]{43})$/m.exec(first.stdout)?.[1];
    expect(link).toBeTruthy();

    const again = cli(...args("lotus"));
    expect(again.status).toBe(1);
    expect(again.stderr.trim()).toBe('A company with the slug "lotus" exists already: choose another --slug.');

    // SEED_DEMO=off: the seed command writes no demo; a value that is not on or off is refused by name.
    const run = (seedDemo: string) =>
      spawnSync(process.execPath, ["--import", "tsx", "db/cli.ts", "seed"], {
        env: { ...process.env, DATA_DIR: dataDir, SEED_DEMO: seedDemo, DATABASE_URL: "" },
        encoding: "utf8",
        timeout: 120_000,
      });
    const seed = run("off");
    expect(seed.status).toBe(0);
    expect(seed.stdout).toContain("SEED_DEMO=off: the demo is not written.");
    const wrong = run("maybe");
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim()).toBe('Invalid environment: SEED_DEMO: must be on or off, not "maybe"');

    const own = await openDatabase({ pgliteDir: pgliteDirFor(dataDir) });
    try {
      const slugs = rowsOf<{ slug: string }>(await own.db.execute(sql`select slug from tenants order by slug`));
      expect(slugs).toEqual([{ slug: "lotus" }]);
      // What the server's relay does when there is no SMTP_URL: an .eml file under DATA_DIR/outbox.
      const outbox = path.join(dataDir, "outbox");
      const result = await relayOnce(own.db, {
        transport: fileTransport(outbox),
        appUrl: "https://vmi.example.com",
        from: "VMI <no-reply@vmi.example.com>",
      });
      expect(result).toMatchObject({ sent: 1 });
      const [file] = readdirSync(outbox).filter((name) => name.endsWith(".eml"));
      // Quoted-printable (the text is in the company's default language, Chinese here).
      const eml = Buffer.from(
        readFileSync(path.join(outbox, file), "latin1")
          .replace(/=\n/g, "")
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        "latin1",
      ).toString("utf8");
      expect(eml).toContain("To: li.wei@lotus.example");
      expect(eml).toContain(`${link}\n`);
      expect(eml).toContain("您受邀以管理员身份加入 Lotus Trading。");
    } finally {
      await own.close();
    }
  }, 180_000);
});
