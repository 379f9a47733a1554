import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { serverI18n } from "~/i18next.server";
import { exportAuditTrail, loadAuditPage } from "~/services/admin/audit.server";
import { AUDIT_PAGE_SIZE, type AuditQuery, parseAuditQuery } from "~/services/admin/audit-rules";
import { saveCompanySettings } from "~/services/admin/settings.server";
import { settingsFormDefaults } from "~/services/admin/settings-rules";
import { getCompanySettings } from "~/services/admin/settings.server";
import { hashPassword } from "~/services/auth/password.server";
import { signIn } from "~/services/auth/sign-in.server";
import { isAppError } from "~/utils/app-error";
import { createMembership, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The audit trail of a company: its own events and its members' account events (sign-ins,
 * password changes, failed sign-ins to a member's address), never another company's nor a
 * non-member's; filters by person, action, record and days of the company's time zone; keyset
 * pages newest first with no gap and no repeat; the CSV export; administrators only.
 */

const TZ = "Asia/Shanghai";
const PASSWORD = "audit-trail-2026";
let handle: DatabaseHandle;
let db: Database;
let tenantId: string;
let admin: TenantScope;
let buyer: TenantScope;
let supplier: TenantScope;
let buyerEmail: string;
let outsiderId: string;
let otherTenantId: string;

async function event(spec: {
  tenantId: string | null;
  actor: string | null;
  action: string;
  entityType: string;
  at: string;
  after?: unknown;
  before?: unknown;
}) {
  await db.insert(schema.auditEvents).values({
    tenantId: spec.tenantId,
    actorUserId: spec.actor,
    action: spec.action,
    entityType: spec.entityType,
    entityId: randomUUID(),
    before: spec.before ?? null,
    after: spec.after ?? null,
    occurredAt: new Date(spec.at),
  });
}

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  const tenant = await createTenant(db, { slugPrefix: "audit", timezone: TZ });
  tenantId = tenant.id;
  const supplierId = await createSupplier(db, { tenantId, code: "S1" });
  const passwordHash = await hashPassword(PASSWORD);
  const member = async (label: string, role: schema.Role, supplier: string | null = null) => {
    const email = `${label}-${randomUUID().slice(0, 8)}@audit.example`;
    const userId = await createUser(db, { email, name: `Audit ${label}`, passwordHash });
    await createMembership(db, { tenantId, userId, role, supplierId: supplier });
    return { scope: { tenantId, supplierId: supplier, userId, role } as TenantScope, email };
  };
  admin = (await member("admin", "admin")).scope;
  const b = await member("buyer", "buyer");
  buyer = b.scope;
  buyerEmail = b.email;
  supplier = (await member("supplier", "supplier", supplierId)).scope;
  outsiderId = await createUser(db, { label: "outsider", passwordHash });
  otherTenantId = (await createTenant(db, { slugPrefix: "audit-other" })).id;

  // A known history: days in Shanghai (UTC+8).
  await event({
    tenantId,
    actor: buyer.userId,
    action: "agreement.update",
    entityType: "agreement",
    at: "2026-11-01T02:00:00Z",
    before: { minQty: 10 },
    after: { minQty: 20 },
  });
  await event({ tenantId, actor: admin.userId, action: "supplier.create", entityType: "supplier", at: "2026-11-02T16:30:00Z" });
  await event({ tenantId, actor: null, action: "metrics.recomputed", entityType: "tenant", at: "2026-11-03T01:00:00Z" });
  await event({ tenantId: null, actor: buyer.userId, action: "auth.sign_in", entityType: "user", at: "2026-11-02T01:00:00Z" });
  await event({
    tenantId: null,
    actor: null,
    action: "auth.sign_in_failed",
    entityType: "user",
    at: "2026-11-02T01:30:00Z",
    after: { email: buyerEmail },
  });
  // Never shown: a non-member's sign-in, a failed sign-in to a non-member's address, another company's event.
  await event({ tenantId: null, actor: outsiderId, action: "auth.sign_in", entityType: "user", at: "2026-11-02T02:00:00Z" });
  await event({
    tenantId: null,
    actor: null,
    action: "auth.sign_in_failed",
    entityType: "user",
    at: "2026-11-02T02:10:00Z",
    after: { email: "nobody@audit.example" },
  });
  await event({
    tenantId: otherTenantId,
    actor: null,
    action: "agreement.update",
    entityType: "agreement",
    at: "2026-11-02T03:00:00Z",
  });
});

afterAll(async () => {
  await handle?.close();
});

const page = (query: AuditQuery = {}) => loadAuditPage(db, admin, query, TZ);
const inNovember = { from: "2026-11-01", to: "2026-11-30" };

describe("the trail", () => {
  it("holds the company's events and its members' account events, newest first, and nothing else", async () => {
    const { rows, older } = await page(inNovember);
    expect(rows.map((r) => r.action)).toEqual([
      "metrics.recomputed",
      "supplier.create",
      "auth.sign_in_failed",
      "auth.sign_in",
      "agreement.update",
    ]);
    expect(older).toBeNull();
    expect(rows.find((r) => r.action === "auth.sign_in_failed")).toMatchObject({ userId: buyer.userId, userEmail: buyerEmail });
    expect(rows.find((r) => r.action === "agreement.update")).toMatchObject({
      userName: "Audit buyer",
      before: { minQty: 10 },
      after: { minQty: 20 },
    });
    expect(rows.find((r) => r.action === "metrics.recomputed")?.userId).toBeNull();
  });

  it("filters by person, action, record and days of the company's time zone", async () => {
    const actions = async (query: AuditQuery) => (await page({ ...inNovember, ...query })).rows.map((r) => r.action);
    expect(await actions({ person: buyer.userId! })).toEqual(["auth.sign_in_failed", "auth.sign_in", "agreement.update"]);
    expect(await actions({ action: "auth.sign_in" })).toEqual(["auth.sign_in"]);
    expect(await actions({ action: "supplier.create" })).toEqual(["supplier.create"]);
    expect(await actions({ entity: "user" })).toEqual(["auth.sign_in_failed", "auth.sign_in"]);
    expect(await actions({ entity: "agreement" })).toEqual(["agreement.update"]);
    // 2026-11-02T16:30Z is already the 3rd in Shanghai.
    expect(await actions({ from: "2026-11-02", to: "2026-11-02" })).toEqual(["auth.sign_in_failed", "auth.sign_in"]);
    expect(await actions({ from: "2026-11-03", to: "2026-11-03" })).toEqual(["metrics.recomputed", "supplier.create"]);
  });

  it("reads the URL's filters, naming those that are not valid", () => {
    const { query, errors } = parseAuditQuery(
      new URLSearchParams({ person: "x", action: "agreement.update", entity: "nope", from: "2026-02-30", to: "2026-01-01" }),
    );
    expect(query).toEqual({ action: "agreement.update", to: "2026-01-01" });
    expect(errors).toEqual({
      person: "adminAudit.errors.person",
      entity: "adminAudit.errors.entity",
      from: "adminAudit.errors.date",
    });
    expect(parseAuditQuery(new URLSearchParams({ from: "2026-02-02", to: "2026-02-01" })).errors).toEqual({
      to: "adminAudit.errors.range",
    });
  });

  it("pages newest first with no gap and no repeat, the same instant included", async () => {
    const day = "2026-10-05";
    const at = `${day}T04:00:00.000Z`;
    // Ten events at one instant, and 100 more a second apart, interleaved with sign-ins.
    for (let i = 0; i < 10; i++) await event({ tenantId, actor: admin.userId, action: "item.update", entityType: "item", at });
    for (let i = 0; i < 100; i++) {
      const when = new Date(Date.parse(at) + (i + 1) * 1000).toISOString();
      if (i % 4 === 0) await event({ tenantId: null, actor: admin.userId, action: "auth.sign_in", entityType: "user", at: when });
      else await event({ tenantId, actor: admin.userId, action: "item.create", entityType: "item", at: when });
    }
    const seen: string[] = [];
    let after: AuditQuery["after"];
    let pages = 0;
    for (;;) {
      const p = await page({ from: day, to: day, after });
      pages += 1;
      expect(p.rows.length).toBeLessThanOrEqual(AUDIT_PAGE_SIZE);
      seen.push(...p.rows.map((r) => r.id));
      if (!p.older) break;
      const [atText, id] = [p.older.slice(0, p.older.lastIndexOf("_")), p.older.slice(p.older.lastIndexOf("_") + 1)];
      after = { at: atText, id };
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(110);
    expect(new Set(seen).size).toBe(110);
    const all = rowsOf<{ id: string }>(
      await db.execute(sql`select id from audit_events where occurred_at >= ${at}::timestamptz and occurred_at < ${at}::timestamptz + interval '1 hour'
        and (tenant_id = ${tenantId}::uuid or (tenant_id is null and actor_user_id = ${admin.userId}::uuid))
        order by occurred_at desc, id desc`),
    );
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it("shows a real sign-in and a settings change as they happen", async () => {
    const [{ email }] = rowsOf<{ email: string }>(
      await db.execute(sql`select email from users where id = ${admin.userId}::uuid`),
    );
    expect((await signIn(db, { email, password: PASSWORD, clientAddress: "203.0.113.9" })).ok).toBe(true);
    const form = structuredClone(settingsFormDefaults(await getCompanySettings(db, admin)));
    form.deadStockDays = "90";
    await saveCompanySettings(db, admin, form);
    const { rows } = await page({ person: admin.userId! });
    expect(rows.slice(0, 2).map((r) => r.action)).toEqual(["tenant.settings.update", "auth.sign_in"]);
    expect(rows[0]).toMatchObject({ entityType: "tenant", before: { deadStockDays: 180 }, after: { deadStockDays: 90 } });
    expect(rows[1].ip).toBe("203.0.113.9");
  });
});

describe("the CSV export", () => {
  it("holds the filtered trail with the actions in words of the reader's language", async () => {
    const en = (await serverI18n("en")).getFixedT("en");
    const sheet = await exportAuditTrail(db, admin, inNovember, TZ, en);
    expect(sheet.header).toEqual([
      "occurred_at_utc",
      `occurred_at_local (${TZ})`,
      "person",
      "email",
      "action",
      "description",
      "entity_type",
      "entity_id",
      "supplier_id",
      "ip",
      "before",
      "after",
    ]);
    expect(sheet.rows.map((r) => r[4])).toEqual([
      "metrics.recomputed",
      "supplier.create",
      "auth.sign_in_failed",
      "auth.sign_in",
      "agreement.update",
    ]);
    const update = sheet.rows.at(-1)!;
    expect(update.slice(0, 7)).toEqual([
      "2026-11-01T02:00:00.000000Z",
      "2026-11-01 10:00:00",
      "Audit buyer",
      buyerEmail,
      "agreement.update",
      "Changed an agreement's terms",
      "agreement",
    ]);
    expect(update.slice(10)).toEqual(['{"minQty":10}', '{"minQty":20}']);
    expect(sheet.rows[0][2]).toBe("System");

    const zh = (await serverI18n("zh-CN")).getFixedT("zh-CN");
    const chinese = await exportAuditTrail(db, admin, { ...inNovember, action: "agreement.update" }, TZ, zh);
    expect(chinese.rows.map((r) => r[5])).toEqual(["修改了协议条款"]);
  });
});

describe("who may read it", () => {
  it("is the administrator alone: the others are refused, and the account events' function gives them nothing", async () => {
    for (const scope of [buyer, supplier, { ...buyer, role: "manager" as const }]) {
      const error = await page().then(
        () => loadAuditPage(db, scope, inNovember, TZ).catch((e: unknown) => e),
        (e: unknown) => e,
      );
      expect(isAppError(error, "forbidden")).toBe(true);
      const rows = await withTenant(db, scope, async (tx) =>
        rowsOf(await tx.execute(sql`select * from member_account_events(null, null, null, null, null, null, 1000)`)),
      );
      expect(rows).toEqual([]);
    }
    const adminRows = await withTenant(db, admin, async (tx) =>
      rowsOf(await tx.execute(sql`select * from member_account_events(null, null, null, null, null, null, 1000)`)),
    );
    expect(adminRows.length).toBeGreaterThan(0);
  });
});
