import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import type { TenantScope } from "@db/scope";
import { hasValidGs1CheckDigit } from "~/core/gs1-check-digit";
import { ItemSchema, SiteSchema, SupplierSchema } from "~/services/admin/catalog-rules";
import { createItem, listItems, updateItemDetails } from "~/services/admin/items.server";
import { createSite, updateSiteDetails } from "~/services/admin/sites.server";
import { createSupplier, listSuppliers, setSupplierStatus, updateSupplierDetails } from "~/services/admin/suppliers.server";
import { saveDraft } from "~/services/plans/save.server";
import { type AppError, isAppError } from "~/utils/app-error";
import { createItem as createItemRow, createMembership, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * Master data through its services: suppliers, sites and items are created and edited with
 * field-level messages (codes and SKUs unique per company, GS1 numbers checked), each change
 * audited before and after; an inactive supplier takes no new plans; only administrators write.
 */

let handle: DatabaseHandle;
let tenantId: string;
let admin: TenantScope;
let manager: TenantScope;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenantId = (await createTenant(handle.db, { slugPrefix: "catalog" })).id;
  const adminId = await createUser(handle.db, { label: "catalog-admin" });
  const managerId = await createUser(handle.db, { label: "catalog-manager" });
  await createMembership(handle.db, { tenantId, userId: adminId, role: "admin" });
  await createMembership(handle.db, { tenantId, userId: managerId, role: "manager" });
  admin = { tenantId, supplierId: null, userId: adminId, role: "admin" };
  manager = { tenantId, supplierId: null, userId: managerId, role: "manager" };
});

afterAll(async () => {
  await handle?.close();
});

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}
const keys = (error: AppError) =>
  Object.fromEntries(Object.entries(error.fieldErrors).map(([name, messages]) => [name, messages.map((m) => m.key)]));
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

async function auditOf(entityId: string) {
  return handle.db
    .select({ action: schema.auditEvents.action, before: schema.auditEvents.before, after: schema.auditEvents.after })
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.tenantId, tenantId), eq(schema.auditEvents.entityId, entityId)))
    .orderBy(schema.auditEvents.occurredAt);
}

describe("GS1 numbers", () => {
  it("checks the check digit of GTINs and GLNs", () => {
    expect(hasValidGs1CheckDigit("4006381333931")).toBe(true);
    expect(hasValidGs1CheckDigit("4006381333932")).toBe(false);
    expect(hasValidGs1CheckDigit("96385074")).toBe(true);
    expect(hasValidGs1CheckDigit("036000291452")).toBe(true);
    expect(hasValidGs1CheckDigit("10614141000415")).toBe(true);
    expect(hasValidGs1CheckDigit("0614141000012")).toBe(true);
  });
});

describe("the forms' rules", () => {
  it("names the field of each mistake", () => {
    expect(issues(SupplierSchema.safeParse({ code: "", name: "x", contactEmails: "a@b.example\nnot-an-address" }))).toEqual({
      code: "adminCatalog.errors.codeRequired",
      contactEmails: "adminCatalog.errors.contactEmailInvalid",
    });
    expect(
      SupplierSchema.parse({ code: "S", name: "S", contactEmails: "A@B.example, c@d.example;a@b.example" }).contactEmails,
    ).toEqual(["a@b.example", "c@d.example"]);
    expect(issues(SiteSchema.safeParse({ code: "A", name: "B", gln: "123" }))).toEqual({ gln: "adminCatalog.errors.glnLength" });
    expect(issues(SiteSchema.safeParse({ code: "A", name: "B", gln: "0614141000013" }))).toEqual({
      gln: "adminCatalog.errors.glnCheckDigit",
    });
    expect(issues(SiteSchema.safeParse({ code: "A\u0001", name: "B", gln: "12a" }))).toEqual({
      code: "adminCatalog.errors.controlCharacter",
      gln: "adminCatalog.errors.gln",
    });
    const item = { sku: "X", name: "Y", uom: "EA" };
    expect(issues(ItemSchema.safeParse({ ...item, unitCost: "0x10", gtin: "96385075" }))).toEqual({
      unitCost: "adminCatalog.errors.unitCost",
      gtin: "adminCatalog.errors.gtinCheckDigit",
    });
    expect(issues(ItemSchema.safeParse({ ...item, unitCost: "-1", gtin: "123456789" }))).toEqual({
      unitCost: "adminCatalog.errors.unitCostNegative",
      gtin: "adminCatalog.errors.gtinLength",
    });
    expect(ItemSchema.parse({ ...item, unitCost: "12.5", gtin: "" })).toMatchObject({ unitCost: 12.5, gtin: "" });
  });
});

describe("suppliers", () => {
  it("creates, edits (audited, unchanged writes nothing), refuses a code taken, and only for administrators", async () => {
    const input = {
      code: `SUP-${randomUUID().slice(0, 6)}`,
      name: "Acme Parts",
      contactEmails: ["sales@acme.example"],
      locale: "zh-CN" as const,
    };
    const id = await createSupplier(handle.db, admin, input);
    const taken = await refusal(createSupplier(handle.db, admin, { ...input, name: "Other" }));
    expect(keys(taken)).toEqual({ code: ["adminCatalog.errors.codeTaken"] });
    expect(await updateSupplierDetails(handle.db, admin, id, input)).toEqual({ changed: false });
    expect(await updateSupplierDetails(handle.db, admin, id, { ...input, name: "Acme Parts Ltd", locale: undefined })).toEqual({
      changed: true,
    });
    const audit = await auditOf(id);
    expect(audit.map((a) => a.action)).toEqual(["supplier.create", "supplier.update"]);
    expect(audit[1]).toMatchObject({
      before: { name: "Acme Parts", locale: "zh-CN" },
      after: { name: "Acme Parts Ltd", locale: null },
    });
    expect((await refusal(createSupplier(handle.db, manager, { ...input, code: "M" }))).code).toBe("forbidden");
    expect((await refusal(updateSupplierDetails(handle.db, admin, randomUUID(), input))).code).toBe("not_found");
  });

  it("an inactive supplier's people can write no plan; reactivated, they can again", async () => {
    const id = await createSupplier(handle.db, admin, {
      code: `INA-${randomUUID().slice(0, 6)}`,
      name: "Sleepy",
      contactEmails: [],
    });
    const personId = await createUser(handle.db, { label: "sleepy" });
    await createMembership(handle.db, { tenantId, userId: personId, role: "supplier", supplierId: id });
    const scope: TenantScope = { tenantId, supplierId: id, userId: personId, role: "supplier" };
    await setSupplierStatus(handle.db, admin, id, "inactive");
    expect((await listSuppliers(handle.db, admin)).find((s) => s.id === id)?.status).toBe("inactive");
    const refused = await refusal(saveDraft(handle.db, scope, { requestId: randomUUID(), lines: [] }));
    expect(refused).toMatchObject({ code: "conflict", reason: "supplier_inactive" });
    expect(refused.userMessage.key).toBe("adminCatalog.errors.supplierInactivePlans");
    await setSupplierStatus(handle.db, admin, id, "active");
    // Active again: the same draft is taken.
    expect((await saveDraft(handle.db, scope, { requestId: randomUUID(), lines: [] })).plan.id).toBeTruthy();
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["supplier.create", "supplier.status", "supplier.status"]);
  });
});

describe("sites", () => {
  it("creates and edits with a GLN and an address, audited; a code taken is the field's message", async () => {
    const code = `SITE-${randomUUID().slice(0, 6)}`;
    const id = await createSite(handle.db, admin, { code, name: "North plant", gln: "0614141000012", address: "1 Main St" });
    expect(keys(await refusal(createSite(handle.db, admin, { code, name: "Again" })))).toEqual({
      code: ["adminCatalog.errors.codeTaken"],
    });
    expect(await updateSiteDetails(handle.db, admin, id, { code, name: "North plant", gln: "", address: "1 Main St" })).toEqual({
      changed: true,
    });
    const [row] = await handle.db.select().from(schema.locations).where(eq(schema.locations.id, id));
    expect(row).toMatchObject({ gln: null, address: "1 Main St" });
    expect((await auditOf(id)).at(-1)).toMatchObject({
      action: "site.update",
      before: { gln: "0614141000012" },
      after: { gln: null },
    });
    expect((await refusal(createSite(handle.db, manager, { code: "Z", name: "Z" }))).code).toBe("forbidden");
  });
});

describe("items", () => {
  it("creates and edits, audited; a SKU taken is the field's message", async () => {
    const sku = `ITM-${randomUUID().slice(0, 6)}`;
    const input = {
      sku,
      name: "Bolt M8",
      uom: "EA",
      unitCost: 0.125,
      category: "Fasteners",
      gtin: "4006381333931",
      supplierPartNumber: "B-8",
    };
    const id = await createItem(handle.db, admin, input);
    expect(keys(await refusal(createItem(handle.db, admin, { ...input, name: "Other" })))).toEqual({
      sku: ["adminCatalog.errors.skuTaken"],
    });
    const other = await createItem(handle.db, admin, { ...input, sku: `${sku}-2` });
    expect(keys(await refusal(updateItemDetails(handle.db, admin, other, input)))).toEqual({
      sku: ["adminCatalog.errors.skuTaken"],
    });
    expect(await updateItemDetails(handle.db, admin, id, { ...input, unitCost: 0.13 })).toEqual({ changed: true });
    expect((await auditOf(id)).map((a) => [a.action, a.after])).toEqual([
      ["item.create", expect.objectContaining({ sku, unitCost: 0.125 })],
      ["item.update", { unitCost: 0.13 }],
    ]);
  });

  it("searches by SKU prefix or name and pages by SKU keyset", async () => {
    const tenant = (await createTenant(handle.db, { slugPrefix: "catalog-list" })).id;
    const scope: TenantScope = { tenantId: tenant, supplierId: null, userId: null, role: "admin" };
    for (let n = 1; n <= 7; n++)
      await createItemRow(handle.db, { tenantId: tenant, sku: `K-${n}`, name: n === 5 ? "Special washer" : `Part ${n}` });
    await createItemRow(handle.db, { tenantId: tenant, sku: "X_1", name: "Underscore" });
    const first = await listItems(handle.db, scope, {}, 3);
    expect(first.items.map((i) => i.sku)).toEqual(["K-1", "K-2", "K-3"]);
    expect(first.total).toBe(8);
    const second = await listItems(handle.db, scope, { after: first.nextAfter! }, 3);
    expect(second.items.map((i) => i.sku)).toEqual(["K-4", "K-5", "K-6"]);
    const last = await listItems(handle.db, scope, { after: second.nextAfter! }, 3);
    expect(last).toMatchObject({ nextAfter: null });
    expect(last.items.map((i) => i.sku)).toEqual(["K-7", "X_1"]);
    expect((await listItems(handle.db, scope, { q: "WASHER" })).items.map((i) => i.sku)).toEqual(["K-5"]);
    expect((await listItems(handle.db, scope, { q: "K-" })).total).toBe(7);
    // `_` and `%` are characters, not wildcards.
    expect((await listItems(handle.db, scope, { q: "X_" })).items.map((i) => i.sku)).toEqual(["X_1"]);
    expect((await listItems(handle.db, scope, { q: "K_" })).items).toEqual([]);
  });
});
