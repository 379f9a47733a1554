import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { approvalRoute } from "~/core";
import { tenantDataVersion } from "~/models/data-version.server";
import { getTenantSettings } from "~/models/tenants.server";
import { getCompanySettings, saveCompanySettings, SETTINGS_AUDIT_ACTION } from "~/services/admin/settings.server";
import { settingsFormDefaults, type SettingsFormDefaults } from "~/services/admin/settings-rules";
import { RECOMPUTE_AUDIT_ACTION } from "~/services/metrics/recompute.server";
import { type AppError, isAppError } from "~/utils/app-error";
import { createMembership, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The policy and settings page's service: the effective values with defaults filled in; a save
 * checked by field and by the settings schema the services read, audited with before and after,
 * recomputing the planning figures when one of their inputs changed; administrators only.
 */

let handle: DatabaseHandle;
let db: Database;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
});

afterAll(async () => {
  await handle?.close();
});

interface Company {
  tenantId: string;
  admin: TenantScope;
  manager: TenantScope;
  buyer: TenantScope;
  supplier: TenantScope;
}

async function company(settings?: Record<string, unknown>): Promise<Company> {
  const tenant = await createTenant(db, { slugPrefix: "settings", name: "Settings Ltd", settings });
  const tenantId = tenant.id;
  const supplierId = await createSupplier(db, { tenantId, code: "S1" });
  const scope = async (role: schema.Role, supplier: string | null = null): Promise<TenantScope> => {
    const userId = await createUser(db, { label: role });
    await createMembership(db, { tenantId, userId, role, supplierId: supplier });
    return { tenantId, supplierId: supplier, userId, role };
  };
  return {
    tenantId,
    admin: await scope("admin"),
    manager: await scope("manager"),
    buyer: await scope("buyer"),
    supplier: await scope("supplier", supplierId),
  };
}

/** The form as the page renders it for the company now. */
async function rendered(c: Company): Promise<SettingsFormDefaults> {
  return structuredClone(settingsFormDefaults(await getCompanySettings(db, c.admin)));
}

async function storedTenant(tenantId: string) {
  const [row] = await db.select().from(schema.tenants).where(eq(schema.tenants.id, tenantId));
  return row;
}

async function auditOf(tenantId: string, action: string) {
  return db
    .select({ actorUserId: schema.auditEvents.actorUserId, before: schema.auditEvents.before, after: schema.auditEvents.after })
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.tenantId, tenantId), eq(schema.auditEvents.action, action)))
    .orderBy(desc(schema.auditEvents.occurredAt));
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const keysOf = (error: AppError) =>
  Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field, messages.map((m) => m.key)]));

describe("the settings as the page shows them", () => {
  it("are the defaults of docs/domain.md for a company that set none", async () => {
    const c = await company();
    const form = await rendered(c);
    expect(form).toMatchObject({
      companyName: "Settings Ltd",
      currency: "CNY",
      timezone: "Asia/Shanghai",
      abcCutoffs: { a: "80", b: "95" },
      xyzCutoffs: { x: "0.5", y: "1" },
      approval: { managerThreshold: "200000", autoApproveThreshold: "50000" },
      holdingRate: "25",
      deadStockDays: "180",
      shipping: { overShipTolerance: "5", onTimeToleranceDays: "0" },
      maxCoverDays: { A: "30", B: "60", C: "120" },
      bandDriftThreshold: "25",
    });
    expect(form.cells.AX).toEqual({ serviceLevel: "98", strategy: "continuous-tight", approval: "buyer-then-manager" });
    expect(form.cells.CX).toEqual({ serviceLevel: "95", strategy: "two-bin", approval: "auto-if-in-band" });
    expect(form.cells.CZ).toEqual({ serviceLevel: "", strategy: "order-on-demand", approval: "buyer" });
  });

  it("show a stored override with the rest of the cell's defaults", async () => {
    const c = await company({ cells: { BZ: { serviceLevel: 0.9 } }, holdingRate: 0.2 });
    const form = await rendered(c);
    expect(form.cells.BZ).toEqual({ serviceLevel: "90", strategy: "periodic", approval: "buyer" });
    expect(form.holdingRate).toBe("20");
  });
});

describe("saving the settings", () => {
  it("as rendered changes nothing, audits nothing and recomputes nothing", async () => {
    const c = await company();
    const before = await storedTenant(c.tenantId);
    const result = await saveCompanySettings(db, c.admin, await rendered(c));
    expect(result).toEqual({ changed: [], recomputed: false });
    expect(await storedTenant(c.tenantId)).toEqual(before);
    expect(await auditOf(c.tenantId, SETTINGS_AUDIT_ACTION)).toEqual([]);
    expect(await auditOf(c.tenantId, RECOMPUTE_AUDIT_ACTION)).toEqual([]);
  });

  it("stores the change, audits the changed fields before and after, recomputes and moves the data version on", async () => {
    const c = await company({ orderCost: 700, cells: { BZ: { review: "continuous" } } });
    const version = await withTenant(db, c.admin, (tx) => tenantDataVersion(tx, c.admin));
    const form = await rendered(c);
    form.companyName = "Settings Holdings";
    form.currency = "eur";
    form.defaultLocale = "en";
    form.abcCutoffs.a = "70";
    form.cells.AX.serviceLevel = "99.5";
    form.cells.BX.approval = "buyer-then-manager";
    form.cells.CZ.serviceLevel = "90";
    form.approval.autoApproveThreshold = "10000";

    const result = await saveCompanySettings(db, c.admin, form);
    expect(result.recomputed).toBe(true);
    expect(result.changed.sort()).toEqual(
      [
        "companyName",
        "currency",
        "defaultLocale",
        "abcCutoffs.a",
        "cells.AX.serviceLevel",
        "cells.BX.approval",
        "cells.CZ.serviceLevel",
        "approval.autoApproveThreshold",
      ].sort(),
    );

    const stored = await storedTenant(c.tenantId);
    expect(stored).toMatchObject({ name: "Settings Holdings", currency: "EUR", defaultLocale: "en" });
    // What the form does not show stays; a cell stores only what differs from its defaults.
    expect(stored.settings).toMatchObject({
      orderCost: 700,
      abcCutoffs: { a: 0.7, b: 0.95 },
      cells: {
        AX: { serviceLevel: 0.995 },
        BX: { approval: "buyer-then-manager" },
        BZ: { review: "continuous" },
        CZ: { serviceLevel: 0.9 },
      },
      approval: { managerThreshold: 200_000, autoApproveThreshold: 10_000 },
    });
    expect(Object.keys((stored.settings as { cells: object }).cells).sort()).toEqual(["AX", "BX", "BZ", "CZ"]);

    const [audit] = await auditOf(c.tenantId, SETTINGS_AUDIT_ACTION);
    expect(audit).toEqual({
      actorUserId: c.admin.userId,
      before: {
        companyName: "Settings Ltd",
        currency: "CNY",
        defaultLocale: "zh-CN",
        "abcCutoffs.a": 0.8,
        "cells.AX.serviceLevel": 0.98,
        "cells.BX.approval": "buyer",
        "cells.CZ.serviceLevel": null,
        "approval.autoApproveThreshold": 50_000,
      },
      after: {
        companyName: "Settings Holdings",
        currency: "EUR",
        defaultLocale: "en",
        "abcCutoffs.a": 0.7,
        "cells.AX.serviceLevel": 0.995,
        "cells.BX.approval": "buyer-then-manager",
        "cells.CZ.serviceLevel": 0.9,
        "approval.autoApproveThreshold": 10_000,
      },
    });
    const recomputes = await auditOf(c.tenantId, RECOMPUTE_AUDIT_ACTION);
    expect(recomputes).toHaveLength(1);
    expect(recomputes[0]).toMatchObject({ actorUserId: c.admin.userId, after: { trigger: "on-demand" } });
    expect(await withTenant(db, c.admin, (tx) => tenantDataVersion(tx, c.admin))).not.toBe(version);

    // The services read what was saved.
    const settings = await withTenant(db, c.buyer, (tx) => getTenantSettings(tx, c.buyer));
    expect(settings.abcCutoffs.a).toBe(0.7);
    expect(settings.orderCost).toBe(700);
  });

  it("does not recompute for a change that no planning figure depends on", async () => {
    const c = await company();
    const form = await rendered(c);
    form.approval.managerThreshold = "150000";
    form.cells.CY.approval = "buyer";
    form.shipping.onTimeToleranceDays = "2";
    const result = await saveCompanySettings(db, c.admin, form);
    expect(result).toEqual({
      changed: ["cells.CY.approval", "approval.managerThreshold", "shipping.onTimeToleranceDays"],
      recomputed: false,
    });
    expect(await auditOf(c.tenantId, RECOMPUTE_AUDIT_ACTION)).toEqual([]);
  });

  it("stores the bands' cover limits, recomputing, and the drift threshold, which no stored figure depends on", async () => {
    const c = await company({ orderCost: 650 });
    const form = await rendered(c);
    form.maxCoverDays.A = "21";
    form.maxCoverDays.C = "90";
    const result = await saveCompanySettings(db, c.admin, form);
    expect(result).toEqual({ changed: ["maxCoverDays.A", "maxCoverDays.C"], recomputed: true });
    expect((await storedTenant(c.tenantId)).settings).toMatchObject({
      orderCost: 650,
      maxCoverDays: { A: 21, B: 60, C: 90 },
    });
    const [audit] = await auditOf(c.tenantId, SETTINGS_AUDIT_ACTION);
    expect(audit).toMatchObject({
      before: { "maxCoverDays.A": 30, "maxCoverDays.C": 120 },
      after: { "maxCoverDays.A": 21, "maxCoverDays.C": 90 },
    });

    const again = await rendered(c);
    again.bandDriftThreshold = "12.5";
    expect(await saveCompanySettings(db, c.admin, again)).toEqual({ changed: ["bandDriftThreshold"], recomputed: false });
    const settings = await withTenant(db, c.buyer, (tx) => getTenantSettings(tx, c.buyer));
    expect(settings).toMatchObject({ maxCoverDays: { A: 21, B: 60, C: 90 }, bandDriftThreshold: 0.125 });
    expect(await auditOf(c.tenantId, RECOMPUTE_AUDIT_ACTION)).toHaveLength(1);
  });

  it("a company that never set the bands' limits reads the defaults", async () => {
    const c = await company({ holdingRate: 0.2 });
    const settings = await withTenant(db, c.buyer, (tx) => getTenantSettings(tx, c.buyer));
    expect(settings).toMatchObject({ holdingRate: 0.2, maxCoverDays: { A: 30, B: 60, C: 120 }, bandDriftThreshold: 0.25 });
  });

  it("a cell set back to its defaults stores nothing for it again", async () => {
    const c = await company({ cells: { AY: { approval: "buyer" } } });
    const form = await rendered(c);
    expect(form.cells.AY.approval).toBe("buyer");
    form.cells.AY.approval = "buyer-then-manager";
    await saveCompanySettings(db, c.admin, form);
    expect((await storedTenant(c.tenantId)).settings).toMatchObject({ cells: {} });
  });
});

describe("a refused save", () => {
  it("names each field with its message and writes nothing", async () => {
    const c = await company();
    const before = await storedTenant(c.tenantId);
    const form = await rendered(c);
    form.companyName = "  ";
    form.currency = "ZZZ";
    form.timezone = "Mars/Olympus";
    form.xyzCutoffs.x = "0x10";
    form.cells.AX.serviceLevel = "100";
    (form.cells.BY as Record<string, string>).strategy = "guesswork";
    form.holdingRate = "-1";
    form.deadStockDays = "1,000";
    form.shipping.overShipTolerance = "5.125";
    form.maxCoverDays.A = "0";
    form.maxCoverDays.B = "45.5";
    form.maxCoverDays.C = "3651";
    form.bandDriftThreshold = "0";
    const error = await errorOf(saveCompanySettings(db, c.admin, form));
    expect(error.code).toBe("invalid");
    expect(keysOf(error)).toEqual({
      companyName: ["adminSettings.errors.companyNameRequired"],
      currency: ["adminSettings.errors.currency"],
      timezone: ["adminSettings.errors.timezone"],
      "xyzCutoffs.x": ["adminSettings.errors.number"],
      "cells.AX.serviceLevel": ["adminSettings.errors.percentOpen"],
      "cells.BY.strategy": ["adminSettings.errors.choice"],
      holdingRate: ["adminSettings.errors.percentClosed"],
      deadStockDays: ["adminSettings.errors.separator"],
      "shipping.overShipTolerance": ["adminSettings.errors.twoDecimals"],
      "maxCoverDays.A": ["adminSettings.errors.coverDays"],
      "maxCoverDays.B": ["adminSettings.errors.coverDays"],
      "maxCoverDays.C": ["adminSettings.errors.coverDays"],
      bandDriftThreshold: ["adminSettings.errors.percentPositive"],
    });
    expect(await storedTenant(c.tenantId)).toEqual(before);
    expect(await auditOf(c.tenantId, SETTINGS_AUDIT_ACTION)).toEqual([]);
  });

  it("refuses settings the schema the services read refuses, under the field to correct", async () => {
    const c = await company();
    const form = await rendered(c);
    form.abcCutoffs.a = "96";
    form.xyzCutoffs.y = "0.4";
    form.approval.autoApproveThreshold = "300000";
    const error = await errorOf(saveCompanySettings(db, c.admin, form));
    expect(keysOf(error)).toEqual({
      "abcCutoffs.b": ["adminSettings.errors.abcOrder"],
      "xyzCutoffs.y": ["adminSettings.errors.xyzOrder"],
      "approval.autoApproveThreshold": ["adminSettings.errors.autoAboveManager"],
    });
    expect(await auditOf(c.tenantId, SETTINGS_AUDIT_ACTION)).toEqual([]);
  });

  it("is forbidden to every role but the administrator, who alone may also read them", async () => {
    const c = await company();
    const form = await rendered(c);
    form.companyName = "Taken over";
    for (const scope of [c.manager, c.buyer, c.supplier]) {
      expect((await errorOf(saveCompanySettings(db, scope, form))).code).toBe("forbidden");
      expect((await errorOf(getCompanySettings(db, scope))).code).toBe("forbidden");
    }
    expect((await storedTenant(c.tenantId)).name).toBe("Settings Ltd");
  });
});

describe("the approval route of each cell", () => {
  const line = (abc: "A" | "B" | "C", xyz: "X" | "Y" | "Z") => ({ abc, xyz, value: 1_000, keepsInBand: true });

  it("follows the saved routes, and the defaults route as before", async () => {
    const c = await company();
    const routeOf = async (l: ReturnType<typeof line>) => {
      const s = await withTenant(db, c.buyer, (tx) => getTenantSettings(tx, c.buyer));
      return approvalRoute([l], { ...s.approval, cells: s.cells }).steps;
    };
    expect(await routeOf(line("A", "X"))).toEqual(["buyer", "manager"]);
    expect(await routeOf(line("B", "Y"))).toEqual(["buyer"]);
    expect(await routeOf(line("C", "X"))).toEqual([]);

    const form = await rendered(c);
    form.cells.AX.approval = "buyer";
    form.cells.BY.approval = "auto-if-in-band";
    form.cells.CX.approval = "buyer-then-manager";
    await saveCompanySettings(db, c.admin, form);
    expect(await routeOf(line("A", "X"))).toEqual(["buyer"]);
    expect(await routeOf(line("B", "Y"))).toEqual([]);
    expect(await routeOf(line("C", "X"))).toEqual(["buyer", "manager"]);
  });
});
