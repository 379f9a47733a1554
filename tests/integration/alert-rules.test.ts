import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { deleteAlertRule, insertAlertRule, listAlertRules, updateAlertRule } from "~/models/alert-rules.server";
import { checkRuleForm, ruleFormDefaults } from "~/services/alerts/rule-form";
import type { AlertRule } from "~/services/alerts/rule-schema";
import {
  ALERT_RULE_AUDIT,
  createRule,
  deleteRule,
  getRule,
  listRules,
  setRuleEnabled,
  updateRule,
} from "~/services/alerts/rules.server";
import { type AppError, isAppError } from "~/utils/app-error";
import { BASE_RULE, createAlert, createAlertRule } from "../support/alert-factories";
import { failure } from "../support/errors";
import { createLocation, createMembership, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * The alert rules administration's service: administrators create, edit, enable, disable and
 * delete rules, each checked by the one rule schema (a refused threshold or an unknown field named
 * by its field) and against the company (its suppliers, sites and active members, a name of its
 * own), each write audited; deleting closes the rule's alerts as rule_removed with their events;
 * the buyer's side reads, and row-level security stops anyone else writing or a supplier reading.
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
  supplierId: string;
  otherSupplierId: string;
  siteId: string;
  admin: TenantScope;
  manager: TenantScope;
  buyer: TenantScope;
  supplier: TenantScope;
}

async function company(): Promise<Company> {
  const { id: tenantId } = await createTenant(db, { slugPrefix: "alert-rules", name: "Alert Rules Ltd" });
  const supplierId = await createSupplier(db, { tenantId, code: "S1" });
  const otherSupplierId = await createSupplier(db, { tenantId, code: "S2" });
  const siteId = await createLocation(db, { tenantId, code: "P1" });
  const scope = async (role: schema.Role, supplier: string | null = null): Promise<TenantScope> => {
    const userId = await createUser(db, { label: role });
    await createMembership(db, { tenantId, userId, role, supplierId: supplier });
    return { tenantId, supplierId: supplier, userId, role };
  };
  return {
    tenantId,
    supplierId,
    otherSupplierId,
    siteId,
    admin: await scope("admin"),
    manager: await scope("manager"),
    buyer: await scope("buyer"),
    supplier: await scope("supplier", supplierId),
  };
}

const rule = (patch: Partial<AlertRule> = {}): AlertRule => ({ ...structuredClone(BASE_RULE), name: "Low stock", ...patch });

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

async function auditOf(tenantId: string) {
  return db
    .select({
      action: schema.auditEvents.action,
      entityType: schema.auditEvents.entityType,
      entityId: schema.auditEvents.entityId,
    })
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.tenantId, tenantId), eq(schema.auditEvents.entityType, "alert_rule")))
    .orderBy(asc(schema.auditEvents.occurredAt));
}

async function storedRule(tenantId: string, id: string) {
  const [row] = await db
    .select()
    .from(schema.alertRules)
    .where(and(eq(schema.alertRules.tenantId, tenantId), eq(schema.alertRules.id, id)));
  return row ?? null;
}

describe("an administrator keeps the rules", () => {
  it("creates a rule as the schema reads it, audited, and lists it with its alerts and last evaluation", async () => {
    const c = await company();
    const { id, changed, evaluated } = await createRule(db, c.admin, {
      ...rule({ condition: { kind: "below_safety_stock", percent: 110 }, severity: "warning" }),
      scope: { cells: ["AX", "BX"], supplierIds: [c.supplierId], siteIds: [c.siteId] },
      recipients: { roles: ["buyer", "supplier"], userIds: [c.manager.userId!] },
      channels: { inApp: true, email: "digest" },
      todo: { dueInDays: 2 },
      cooldownMinutes: 120,
      name: "  Low stock  ",
    });
    expect(changed).toBe(true);
    // Evaluated at once, after the commit: its run is recorded like the schedule's.
    expect(evaluated).toBe(true);
    const runs = await db.select().from(schema.alertEvaluations).where(eq(schema.alertEvaluations.ruleId, id));
    expect(runs.map((r) => r.trigger)).toEqual(["rule-change"]);
    await db.delete(schema.alertEvaluations).where(eq(schema.alertEvaluations.ruleId, id));
    const row = await storedRule(c.tenantId, id);
    expect(row).toMatchObject({
      name: "Low stock",
      condition: "below_safety_stock",
      severity: "warning",
      cooldownMinutes: 120,
      enabled: true,
      definition: {
        condition: { kind: "below_safety_stock", percent: 110 },
        scope: { cells: ["AX", "BX"], supplierIds: [c.supplierId], siteIds: [c.siteId] },
        recipients: { roles: ["buyer", "supplier"], userIds: [c.manager.userId] },
        channels: { inApp: true, email: "digest" },
        todo: { dueInDays: 2 },
      },
    });
    expect(await auditOf(c.tenantId)).toEqual([{ action: ALERT_RULE_AUDIT.create, entityType: "alert_rule", entityId: id }]);

    await createAlert(db, { tenantId: c.tenantId, supplierId: c.supplierId, ruleId: id });
    await db.insert(schema.alertEvaluations).values({
      tenantId: c.tenantId,
      ruleId: id,
      trigger: "schedule",
      startedAt: new Date("2030-01-02T03:04:05Z"),
      durationMs: 12.5,
      matched: 3,
      opened: 2,
      reopened: 0,
      kept: 1,
      closed: 1,
    });
    const [listed] = (await listRules(db, c.buyer)).filter((r) => r.id === id);
    expect(listed).toMatchObject({ name: "Low stock", openAlerts: 1, enabled: true });
    expect(listed.lastEvaluation).toEqual({ startedAt: "2030-01-02T03:04:05.000Z", durationMs: 12.5, opened: 2, closed: 1 });
    expect(listed.rule?.condition).toEqual({ kind: "below_safety_stock", percent: 110 });
  });

  it("edits a rule (audited with what changed), and saving it unchanged writes nothing", async () => {
    const c = await company();
    const { id } = await createRule(db, c.admin, rule());
    const edited = rule({ name: "Stockout in two weeks", condition: { kind: "projected_stockout", horizon: 14 } });
    expect((await updateRule(db, c.admin, id, edited)).changed).toBe(true);
    expect(await storedRule(c.tenantId, id)).toMatchObject({
      name: "Stockout in two weeks",
      definition: { condition: { kind: "projected_stockout", horizon: 14 } },
    });
    expect((await updateRule(db, c.admin, id, edited)).changed).toBe(false);
    const [, update] = await db
      .select({ action: schema.auditEvents.action, before: schema.auditEvents.before, after: schema.auditEvents.after })
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.tenantId, c.tenantId), eq(schema.auditEvents.entityId, id)))
      .orderBy(asc(schema.auditEvents.occurredAt));
    expect(update).toEqual({
      action: ALERT_RULE_AUDIT.update,
      before: { name: "Low stock", condition: { kind: "projected_stockout", horizon: "lead_time" } },
      after: { name: "Stockout in two weeks", condition: { kind: "projected_stockout", horizon: 14 } },
    });
    expect((await auditOf(c.tenantId)).map((a) => a.action)).toEqual([ALERT_RULE_AUDIT.create, ALERT_RULE_AUDIT.update]);
    expect((await getRule(db, c.manager, id)).name).toBe("Stockout in two weeks");
  });

  it("disables a rule, closing its open alerts as cleared with their events, and enables it again", async () => {
    const c = await company();
    const { id } = await createRule(db, c.admin, rule());
    const alertId = await createAlert(db, { tenantId: c.tenantId, supplierId: c.supplierId, ruleId: id });
    expect((await setRuleEnabled(db, c.admin, id, false)).changed).toBe(true);
    expect((await setRuleEnabled(db, c.admin, id, false)).changed).toBe(false);
    const [alert] = await db.select().from(schema.alerts).where(eq(schema.alerts.id, alertId));
    expect(alert).toMatchObject({ status: "closed", closeReason: "cleared", ruleId: id });
    expect(alert.closedAt).not.toBeNull();
    const events = await db.select().from(schema.alertEvents).where(eq(schema.alertEvents.alertId, alertId));
    expect(events.map((e) => [e.kind, e.actorUserId])).toEqual([
      ["opened", null],
      ["cleared", c.admin.userId],
    ]);
    expect((await storedRule(c.tenantId, id))?.enabled).toBe(false);
    expect((await setRuleEnabled(db, c.admin, id, true)).changed).toBe(true);
    expect((await storedRule(c.tenantId, id))?.enabled).toBe(true);
    expect((await auditOf(c.tenantId)).map((a) => a.action)).toEqual([
      ALERT_RULE_AUDIT.create,
      ALERT_RULE_AUDIT.disable,
      ALERT_RULE_AUDIT.enable,
    ]);
  });

  it("deletes a rule in one transaction: its open alerts closed as rule_removed, with events, and let go of it", async () => {
    const c = await company();
    const { id } = await createRule(db, c.admin, rule({ name: "To remove" }));
    const open = await createAlert(db, { tenantId: c.tenantId, supplierId: c.supplierId, ruleId: id, ruleName: "To remove" });
    const acknowledged = await createAlert(db, {
      tenantId: c.tenantId,
      supplierId: c.otherSupplierId,
      ruleId: id,
      status: "acknowledged",
      acknowledgedAt: new Date(),
    });
    const closedBefore = await createAlert(db, {
      tenantId: c.tenantId,
      supplierId: c.supplierId,
      ruleId: id,
      dedupeKey: "agreement:closed-before",
      status: "closed",
      closeReason: "resolved",
      closedAt: new Date("2030-01-01T00:00:00Z"),
    });
    const { closedAlerts } = await deleteRule(db, c.admin, id);
    expect(closedAlerts).toBe(2);
    expect(await storedRule(c.tenantId, id)).toBeNull();
    const alerts = await db.select().from(schema.alerts).where(eq(schema.alerts.tenantId, c.tenantId));
    const byId = new Map(alerts.map((a) => [a.id, a]));
    for (const alertId of [open, acknowledged]) {
      expect(byId.get(alertId)).toMatchObject({ status: "closed", closeReason: "rule_removed", ruleId: null });
      expect(byId.get(alertId)?.closedAt).not.toBeNull();
      const events = await db.select().from(schema.alertEvents).where(eq(schema.alertEvents.alertId, alertId));
      expect(events.filter((e) => e.kind === "rule_removed").map((e) => [e.actorUserId, e.detail])).toEqual([
        [c.admin.userId, { ruleId: id }],
      ]);
    }
    expect(byId.get(open)?.ruleName).toBe("To remove");
    // Already closed: left as it was, and still tied to its (now gone) rule's id only by history.
    expect(byId.get(closedBefore)).toMatchObject({ closeReason: "resolved", ruleId: id });
    expect((await auditOf(c.tenantId)).map((a) => a.action)).toEqual([ALERT_RULE_AUDIT.create, ALERT_RULE_AUDIT.delete]);
    expect((await errorOf(deleteRule(db, c.admin, id))).code).toBe("not_found");
  });
});

describe("a rule the schema or the company refuses is not written", () => {
  const refusals: [string, (c: Company) => unknown, string, string][] = [
    [
      "a percent of 0",
      () => rule({ condition: { kind: "below_safety_stock", percent: 0 } }),
      "condition.percent",
      "percentRange",
    ],
    [
      "a horizon of 0 days",
      () => rule({ condition: { kind: "projected_stockout", horizon: 0 } }),
      "condition.horizon",
      "horizonRange",
    ],
    [
      "5000 days without consumption",
      () => rule({ condition: { kind: "no_consumption", days: 5000 } }),
      "condition.days",
      "daysRange",
    ],
    [
      "an unknown field of the condition",
      () => ({ ...rule(), condition: { kind: "below_safety_stock", percent: 50, colour: "red" } }),
      "condition.colour",
      "unknownField",
    ],
    ["an unknown field of the rule", () => ({ ...rule(), foo: 1 }), "foo", "unknownField"],
    [
      "a supplier of no company",
      () => rule({ scope: { ...BASE_RULE.scope, supplierIds: [crypto.randomUUID()] } }),
      "scope.supplierIds",
      "unknownId",
    ],
    [
      "a site of no company",
      () => rule({ scope: { ...BASE_RULE.scope, siteIds: [crypto.randomUUID()] } }),
      "scope.siteIds",
      "unknownId",
    ],
    [
      "a person who is no member",
      () => rule({ recipients: { roles: [], userIds: [crypto.randomUUID()] } }),
      "recipients.userIds",
      "unknownId",
    ],
  ];

  for (const [what, input, field, key] of refusals) {
    it(`refuses ${what} by its field (${field})`, async () => {
      const c = await company();
      const error = await errorOf(createRule(db, c.admin, input(c)));
      expect(error.code).toBe("invalid");
      expect(keysOf(error)).toEqual({ [field]: [`alertRules.errors.${key}`] });
      expect(await db.select().from(schema.alertRules).where(eq(schema.alertRules.tenantId, c.tenantId))).toEqual([]);
      expect(await auditOf(c.tenantId)).toEqual([]);
    });
  }

  it("names the most days of the condition in the days' message", async () => {
    const c = await company();
    const error = await errorOf(createRule(db, c.admin, rule({ condition: { kind: "no_consumption", days: 5000 } })));
    expect(error.fieldErrors["condition.days"]).toEqual([{ key: "alertRules.errors.daysRange", params: { max: 3650 } }]);
  });

  it("refuses another company's supplier and site, and a deactivated member", async () => {
    const c = await company();
    const other = await company();
    const formerUser = await createUser(db, { label: "former" });
    await createMembership(db, { tenantId: c.tenantId, userId: formerUser, role: "buyer", status: "deactivated" });
    const error = await errorOf(
      createRule(db, c.admin, {
        ...rule(),
        scope: { cells: [], supplierIds: [other.supplierId], siteIds: [other.siteId] },
        recipients: { roles: [], userIds: [formerUser, other.buyer.userId!] },
      }),
    );
    expect(keysOf(error)).toEqual({
      "scope.supplierIds": ["alertRules.errors.unknownId"],
      "scope.siteIds": ["alertRules.errors.unknownId"],
      "recipients.userIds": ["alertRules.errors.unknownId"],
    });
  });

  it("takes a named recipient of any role, a supplier's member too", async () => {
    const c = await company();
    const { id } = await createRule(db, c.admin, rule({ recipients: { roles: [], userIds: [c.supplier.userId!] } }));
    expect((await storedRule(c.tenantId, id))?.definition).toMatchObject({ recipients: { userIds: [c.supplier.userId] } });
  });

  it("refuses a name another rule of the company has, on create and on edit; another company may use it", async () => {
    const c = await company();
    await createRule(db, c.admin, rule({ name: "Dead stock" }));
    const { id } = await createRule(db, c.admin, rule({ name: "Late shipments" }));
    expect(keysOf(await errorOf(createRule(db, c.admin, rule({ name: "Dead stock" }))))).toEqual({
      name: ["alertRules.errors.nameTaken"],
    });
    expect(keysOf(await errorOf(updateRule(db, c.admin, id, rule({ name: "Dead stock" }))))).toEqual({
      name: ["alertRules.errors.nameTaken"],
    });
    const other = await company();
    await expect(createRule(db, other.admin, rule({ name: "Dead stock" }))).resolves.toMatchObject({ changed: true });
  });
});

describe("the rule form", () => {
  const form = (patch: Record<string, unknown>) => ({ ...ruleFormDefaults(), name: "Form rule", ...patch });

  it("reads the flat fields into the rule: the horizon's days, the chosen condition's thresholds, the to-do", () => {
    const result = checkRuleForm({
      ...form({}),
      condition: { kind: "projected_below_min", horizon: "days", horizonDays: "21", percent: "5", days: "", hours: "x" },
      todo: { enabled: "on", dueInDays: "0" },
      channels: { inApp: undefined, email: "each" },
    });
    // The hours are no number: refused whatever the condition, as the form sends them.
    expect(result).toEqual({ ok: false, issues: [{ field: "condition.hours", message: "alertRules.errors.number" }] });
    const ok = checkRuleForm({
      ...form({}),
      condition: { kind: "projected_below_min", horizon: "days", horizonDays: "21", percent: "5", days: "", hours: "" },
      todo: { enabled: "on", dueInDays: "0" },
      channels: { inApp: undefined, email: "each" },
    });
    expect(ok).toMatchObject({
      ok: true,
      rule: {
        condition: { kind: "projected_below_min", horizon: 21 },
        todo: { dueInDays: 0 },
        channels: { inApp: false, email: "each" },
      },
    });
  });

  it("puts each refusal beside its form field: a horizon of days beside the days, no channel beside the in-app box", () => {
    const result = checkRuleForm({
      ...form({}),
      condition: { kind: "projected_stockout", horizon: "days", horizonDays: "0" },
      recipients: { roles: [], userIds: [] },
      channels: { inApp: undefined, email: "none" },
      cooldownMinutes: "0x10",
    });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(Object.fromEntries(issues.map((i) => [i.field, i.message]))).toEqual({
      cooldownMinutes: "alertRules.errors.number",
      "condition.horizonDays": "alertRules.errors.horizonRange",
      "recipients.roles": "alertRules.errors.noRecipients",
      "channels.inApp": "alertRules.errors.noChannel",
    });
  });
});

describe("who may read and write rules", () => {
  it("lets buyers and managers read but not write (forbidden), and suppliers do neither", async () => {
    const c = await company();
    const { id } = await createRule(db, c.admin, rule());
    for (const reader of [c.buyer, c.manager]) {
      expect((await listRules(db, reader)).map((r) => r.id)).toEqual([id]);
      expect((await getRule(db, reader, id)).id).toBe(id);
      expect((await errorOf(createRule(db, reader, rule({ name: "Mine" })))).code).toBe("forbidden");
      expect((await errorOf(updateRule(db, reader, id, rule({ name: "Mine" })))).code).toBe("forbidden");
      expect((await errorOf(setRuleEnabled(db, reader, id, false))).code).toBe("forbidden");
      expect((await errorOf(deleteRule(db, reader, id))).code).toBe("forbidden");
    }
    expect((await errorOf(listRules(db, c.supplier))).code).toBe("forbidden");
    expect((await errorOf(getRule(db, c.supplier, id))).code).toBe("forbidden");
    expect((await storedRule(c.tenantId, id))?.name).toBe("Low stock");
  });

  it("row-level security refuses a buyer's direct writes and shows a supplier no rule", async () => {
    const c = await company();
    const id = await createAlertRule(db, { tenantId: c.tenantId, name: "Seeded" });
    const values = {
      name: "Buyer's own",
      condition: "projected_stockout" as const,
      severity: "info" as const,
      definition: {},
      cooldownMinutes: 0,
      enabled: true,
    };
    expect(await failure(withTenant(db, c.buyer, (tx) => insertAlertRule(tx, c.tenantId, values)))).toMatch(/row-level security/);
    expect(await withTenant(db, c.buyer, (tx) => updateAlertRule(tx, c.tenantId, id, { name: "Renamed" }))).toBe(false);
    expect(await withTenant(db, c.buyer, (tx) => deleteAlertRule(tx, c.tenantId, id))).toBe(false);
    expect(await withTenant(db, c.supplier, (tx) => listAlertRules(tx, c.tenantId))).toEqual([]);
    expect((await storedRule(c.tenantId, id))?.name).toBe("Seeded");
    expect((await withTenant(db, c.admin, (tx) => listAlertRules(tx, c.tenantId))).map((r) => r.id)).toEqual([id]);
  });

  it("keeps companies apart: another company's rule is not found", async () => {
    const c = await company();
    const other = await company();
    const { id } = await createRule(db, other.admin, rule());
    expect((await errorOf(getRule(db, c.admin, id))).code).toBe("not_found");
    expect((await errorOf(updateRule(db, c.admin, id, rule()))).code).toBe("not_found");
    expect((await errorOf(setRuleEnabled(db, c.admin, id, false))).code).toBe("not_found");
    expect((await errorOf(deleteRule(db, c.admin, id))).code).toBe("not_found");
    expect(await listRules(db, c.admin)).toEqual([]);
  });
});
