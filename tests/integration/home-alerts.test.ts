import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import type { Role } from "@db/schema";
import type { Membership } from "~/services/auth/guards.server";
import { loadBuyerHome } from "~/services/home/buyer-home.server";
import { HOME_ALERTS, loadSupplierHome } from "~/services/home/supplier-home.server";
import { loadAgreementView } from "~/services/inventory/agreement-view.server";
import { addDays, todayIn } from "~/utils/dates";
import { setDatabase } from "~/utils/db.server";
import { createAlert } from "../support/alert-factories";
import { createAgreement, createLocation, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The places that lead with alerts: a supplier's start page (its own open alerts only, most
 * urgent first), a buyer's and a manager's (those assigned to them first), and the agreement
 * page (the agreement's open alerts). Closed alerts and those snoozed to a later day are left out.
 */

let handle: DatabaseHandle;
const tenantId = randomUUID();
const suppliers = { a: randomUUID(), b: randomUUID() };
const agreements = { a1: randomUUID(), a2: randomUUID(), b1: randomUUID() };
const TZ = "Asia/Shanghai";
const today = todayIn(TZ);
const me = randomUUID();
const supplierUser = randomUUID();
const ids: Record<string, string> = {};

function membership(role: Role, userId: string, supplierId: string | null = null): Membership {
  return {
    tenant: { id: tenantId, slug: "home-alerts", name: "Home alerts", currency: "CNY", timezone: TZ },
    role,
    supplierId,
    supplierAdmin: false,
    dataVersion: randomUUID(),
    counts: { unread: 0, awaiting: 2, alerts: 0 },
    user: { id: userId, email: "x@example.com", name: "X", locale: "en" },
    scope: { tenantId, supplierId, userId, role },
  } as Membership;
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  handle = await openTestDatabase();
  setDatabase(handle);
  const db = handle.db;
  await createTenant(db, { id: tenantId, slugPrefix: "home-alerts", name: "Home alerts", timezone: TZ });
  await createSupplier(db, { tenantId, id: suppliers.a, code: "A", name: "Supplier A" });
  await createSupplier(db, { tenantId, id: suppliers.b, code: "B", name: "Supplier B" });
  const site = await createLocation(db, { tenantId, code: "S1" });
  const terms = { minQty: 10, maxQty: 40, leadTimeDays: 3 };
  for (const [key, supplierId, sku] of [
    ["a1", suppliers.a, "A-1"],
    ["a2", suppliers.a, "A-2"],
    ["b1", suppliers.b, "B-1"],
  ] as const) {
    await createAgreement(db, { tenantId, id: agreements[key], supplierId, locationId: site, item: { sku }, terms });
  }
  await createUser(db, { id: me, label: "buyer" });
  await createUser(db, { id: supplierUser, label: "supplier" });

  const alert = (
    name: string,
    supplierId: string,
    agreementId: string,
    spec: Partial<Parameters<typeof createAlert>[1]> & { openedHoursAgo: number },
  ) => {
    const { openedHoursAgo, ...rest } = spec;
    return createAlert(db, {
      tenantId,
      supplierId,
      agreementId,
      subjectId: randomUUID(),
      ruleName: name,
      openedAt: hoursAgo(openedHoursAgo),
      ...rest,
    }).then((id) => {
      ids[name] = id;
    });
  };
  await alert("a-info", suppliers.a, agreements.a1, {
    severity: "info",
    condition: "no_consumption",
    value: 200,
    limitValue: 180,
    snoozedUntil: today,
    openedHoursAgo: 300,
  });
  await alert("a-todo-later", suppliers.a, agreements.a2, {
    severity: "warning",
    isTodo: true,
    dueDate: addDays(today, 5),
    openedHoursAgo: 100,
  });
  await alert("a-todo-soon", suppliers.a, agreements.a1, {
    severity: "warning",
    isTodo: true,
    dueDate: addDays(today, 1),
    status: "acknowledged",
    openedHoursAgo: 2,
  });
  await alert("a-critical", suppliers.a, agreements.a1, { severity: "critical", value: 2, openedHoursAgo: 5 });
  await alert("a-snoozed", suppliers.a, agreements.a2, {
    severity: "critical",
    snoozedUntil: addDays(today, 1),
    openedHoursAgo: 50,
  });
  await alert("a-closed", suppliers.a, agreements.a1, {
    severity: "critical",
    status: "closed",
    closedAt: new Date(),
    closeReason: "cleared",
    openedHoursAgo: 60,
  });
  await alert("b-mine", suppliers.b, agreements.b1, {
    severity: "warning",
    isTodo: true,
    assigneeUserId: me,
    dueDate: addDays(today, 3),
    openedHoursAgo: 1,
  });
  await alert("b-critical", suppliers.b, agreements.b1, { severity: "critical", openedHoursAgo: 10 });
});

afterAll(async () => {
  await handle?.close();
});

const names = (rows: { id: string }[]) => rows.map((r) => Object.keys(ids).find((k) => ids[k] === r.id));

describe("the supplier's start page", () => {
  it("leads with its own open alerts only, critical first, to-dos by due date", async () => {
    const home = await loadSupplierHome(membership("supplier", supplierUser, suppliers.a));
    expect(names(home.alerts.rows)).toEqual(["a-critical", "a-todo-soon", "a-todo-later", "a-info"]);
    expect(home.alerts).toMatchObject({ total: 4, critical: 1, assignedToMe: 0 });
    const first = home.alerts.rows[0];
    expect(first).toMatchObject({ severity: "critical", sku: "A-1", siteCode: "S1", supplierName: "Supplier A", value: 2 });
    expect(home.alerts.rows[1]).toMatchObject({ acknowledged: true, isTodo: true, dueDate: addDays(today, 1) });

    const other = await loadSupplierHome(membership("supplier", supplierUser, suppliers.b));
    expect(names(other.alerts.rows)).toEqual(["b-critical", "b-mine"]);
  });
});

describe("the buyer's and the manager's start page", () => {
  it("leads with what is assigned to the member, then by urgency, with the approvals waiting", async () => {
    const home = await loadBuyerHome(membership("buyer", me));
    expect(names(home.alerts.rows)).toEqual(["b-mine", "b-critical", "a-critical", "a-todo-soon", "a-todo-later", "a-info"]);
    expect(home.alerts).toMatchObject({ total: 6, critical: 2, assignedToMe: 1 });
    expect(home.alerts.rows[0].assignedToMe).toBe(true);
    expect(home.awaiting).toBe(2);

    // Another member: nothing is theirs, so urgency alone (of two critical, the longer open first).
    const manager = await loadBuyerHome(membership("manager", randomUUID()));
    expect(names(manager.alerts.rows)).toEqual(["b-critical", "a-critical", "a-todo-soon", "b-mine", "a-todo-later", "a-info"]);
  });

  it("is no page of a supplier's or an administrator's", async () => {
    await expect(loadBuyerHome(membership("supplier", supplierUser, suppliers.a))).rejects.toMatchObject({ status: 404 });
    await expect(loadBuyerHome(membership("admin", randomUUID()))).rejects.toMatchObject({ status: 404 });
  });

  it("lists at most ten, counting them all", async () => {
    for (let i = 0; i < HOME_ALERTS; i += 1) {
      await createAlert(handle.db, { tenantId, supplierId: suppliers.b, agreementId: agreements.b1, severity: "info" });
    }
    const home = await loadBuyerHome(membership("buyer", me));
    expect(home.alerts.rows).toHaveLength(HOME_ALERTS);
    expect(home.alerts.total).toBe(6 + HOME_ALERTS);
    expect(names(home.alerts.rows.slice(0, 3))).toEqual(["b-mine", "b-critical", "a-critical"]);
  });
});

describe("the agreement page", () => {
  it("lists the agreement's open alerts, and none to a supplier not its own", async () => {
    const view = await loadAgreementView(membership("buyer", me), agreements.a1);
    expect(names(view!.alerts.rows)).toEqual(["a-critical", "a-todo-soon", "a-info"]);
    const own = await loadAgreementView(membership("supplier", supplierUser, suppliers.a), agreements.a1);
    expect(names(own!.alerts.rows)).toEqual(["a-critical", "a-todo-soon", "a-info"]);
    expect(await loadAgreementView(membership("supplier", supplierUser, suppliers.b), agreements.a1)).toBeNull();
    const quiet = await loadAgreementView(membership("buyer", me), agreements.a2);
    expect(names(quiet!.alerts.rows)).toEqual(["a-todo-later"]);
  });
});
