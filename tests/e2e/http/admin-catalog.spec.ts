import { type APIRequestContext, expect, test } from "@playwright/test";
import { createItem } from "../../support/factories";
import { type AdminWorld, buildAdminWorld, landing, post, signIn, textOf } from "./admin-world";

/**
 * Master data over HTTP, in a company of the spec's own: the suppliers, sites and items pages
 * are the administrator's alone (everyone else gets the 404 of an unknown address, GET and POST);
 * the administrator adds and edits each, with the field's message for a code taken or a GS1
 * number whose check digit is wrong, deactivates and reactivates a supplier, and searches and
 * pages the items.
 */
test.describe.configure({ mode: "default" });

let world: AdminWorld;
let admin: APIRequestContext;
const path = (section: string) => `/t/${world.slug}/admin/${section}`;

test.beforeAll(async () => {
  world = await buildAdminWorld("catalog-e2e");
  admin = await signIn(world, "admin");
});

test.afterAll(async () => {
  await admin?.dispose();
  await world?.db.close();
});

test("every master-data page is a 404 for every role but the administrator's, GET and POST", async () => {
  for (const who of ["manager", "buyer", "supplier", "teamAdmin"] as const) {
    const client = await signIn(world, who);
    for (const section of ["suppliers", "sites", "items"]) {
      expect((await client.get(path(section))).status(), `${who} GET ${section}`).toBe(404);
      const forged = await post(client, path(section), {
        intent: "create",
        code: "X1",
        sku: "X1",
        name: "Forged",
        uom: "EA",
        unitCost: "1",
      });
      expect(forged.status(), `${who} POST ${section}`).toBe(404);
    }
    const deactivate = await post(client, path("suppliers"), { intent: "deactivate", supplierId: world.suppliers.other });
    expect(deactivate.status()).toBe(404);
    await client.dispose();
  }
  expect(textOf(await (await admin.get(path("suppliers"))).text())).not.toContain("Forged");
});

test("the administrator adds, edits, deactivates and reactivates a supplier; a code taken is the field's message", async () => {
  const created = await post(admin, path("suppliers"), {
    intent: "create",
    code: "NEW-1",
    name: "New Partner",
    contactEmails: "sales@new.example\nops@new.example",
    locale: "zh-CN",
  });
  expect(await landing(admin, created)).toContain("Supplier added.");
  const html = await (await admin.get(path("suppliers"))).text();
  const id = /data-supplier="NEW-1"[\s\S]*?name="supplierId" value="([0-9a-f-]{36})"/.exec(html)?.[1];
  expect(id).toBeTruthy();
  expect(textOf(html)).toContain("ops@new.example");

  const taken = await post(admin, path("suppliers"), { intent: "create", code: "MINE", name: "Duplicate" });
  expect(taken.status()).toBe(400);
  expect(textOf(await taken.text())).toContain("Another record of the company already has this code.");
  const badMail = await post(admin, path("suppliers"), { intent: "create", code: "NEW-2", name: "X", contactEmails: "nope" });
  expect(badMail.status()).toBe(400);
  expect(textOf(await badMail.text())).toContain("Each contact must be a valid e-mail address");

  const edited = await post(admin, path("suppliers"), {
    intent: "update",
    supplierId: id!,
    code: "NEW-1",
    name: "New Partner Ltd",
  });
  expect(await landing(admin, edited)).toContain("Changes saved.");
  const off = await landing(admin, await post(admin, path("suppliers"), { intent: "deactivate", supplierId: id! }));
  expect(off).toContain("Supplier deactivated");
  expect(await (await admin.get(path("suppliers"))).text()).toMatch(/data-supplier="NEW-1" data-status="inactive"/);
  expect(await landing(admin, await post(admin, path("suppliers"), { intent: "reactivate", supplierId: id! }))).toContain(
    "Supplier reactivated.",
  );
});

test("the administrator adds and edits a site; a GLN with a wrong check digit is the field's message", async () => {
  const bad = await post(admin, path("sites"), { intent: "create", code: "DC-1", name: "Depot", gln: "0614141000013" });
  expect(bad.status()).toBe(400);
  expect(textOf(await bad.text())).toContain("This GLN's check digit is wrong");
  const created = await post(admin, path("sites"), {
    intent: "create",
    code: "DC-1",
    name: "Depot",
    gln: "0614141000012",
    address: "9 Dock Rd",
  });
  expect(await landing(admin, created)).toContain("Site added.");
  const html = await (await admin.get(path("sites"))).text();
  const id = /data-site="DC-1"[\s\S]*?\?edit=([0-9a-f-]{36})"/.exec(html)?.[1];
  expect(textOf(html)).toContain("0614141000012");
  const edited = await post(admin, path("sites"), { intent: "update", siteId: id!, code: "DC-1", name: "Depot East", gln: "" });
  expect(await landing(admin, edited)).toContain("Changes saved.");
  const again = await post(admin, path("sites"), { intent: "create", code: "DC-1", name: "Twin" });
  expect(again.status()).toBe(400);
  expect(textOf(await again.text())).toContain("Another record of the company already has this code.");
});

test("the administrator adds and edits items, searches by SKU prefix or name, and pages by SKU", async () => {
  for (let n = 1; n <= 55; n++) {
    await createItem(world.db.db, { tenantId: world.tenantId, sku: `P-${String(n).padStart(3, "0")}`, name: `Pump part ${n}` });
  }
  const created = await post(admin, path("items"), {
    intent: "create",
    sku: "BOLT-8",
    name: "Hex bolt M8",
    uom: "EA",
    unitCost: "0.125",
    gtin: "4006381333931",
    supplierPartNumber: "HB-8",
  });
  expect(await landing(admin, created)).toContain("Item added.");
  const bad = await post(admin, path("items"), {
    intent: "create",
    sku: "BOLT-8",
    name: "X",
    uom: "EA",
    unitCost: "1,5",
    gtin: "12",
  });
  expect(bad.status()).toBe(400);
  const refused = textOf(await bad.text());
  expect(refused).toContain("without thousands separators");
  expect(refused).toContain("A GTIN has 8, 12, 13 or 14 digits.");

  const first = await (await admin.get(path("items"))).text();
  expect(first).toContain('data-item="BOLT-8"');
  const nextLink = /<a[^>]*rel="next"[^>]*>/.exec(first)?.[0] ?? "";
  const next = /\?after=([^"&]+)"/.exec(nextLink)?.[1];
  expect(next, "a next page").toBeTruthy();
  const second = await (await admin.get(`${path("items")}?after=${next}`)).text();
  expect(second).toContain('data-item="P-055"');
  expect(second).not.toContain('data-item="BOLT-8"');

  const byPrefix = await (await admin.get(`${path("items")}?q=P-05`)).text();
  expect([...byPrefix.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1])).toEqual([
    "P-050",
    "P-051",
    "P-052",
    "P-053",
    "P-054",
    "P-055",
  ]);
  const byName = await (await admin.get(`${path("items")}?q=hex%20BOLT`)).text();
  expect([...byName.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1])).toEqual(["BOLT-8"]);

  const id = /data-item="BOLT-8"[\s\S]*?edit=([0-9a-f-]{36})"/.exec(first)?.[1];
  const form = await (await admin.get(`${path("items")}?edit=${id}`)).text();
  expect(form).toContain('name="itemId"');
  expect(form).toContain('value="Hex bolt M8"');
  const editPage = `${path("items")}?edit=${id}`;
  const edited = await post(admin, editPage, {
    intent: "update",
    itemId: id!,
    sku: "BOLT-8",
    name: "Hex bolt M8",
    uom: "BOX",
    unitCost: "12.5",
  });
  expect(await landing(admin, edited)).toContain("Changes saved.");
  const taken = await post(admin, editPage, {
    intent: "update",
    itemId: id!,
    sku: "P-001",
    name: "x",
    uom: "EA",
    unitCost: "1",
  });
  expect(taken.status()).toBe(400);
  expect(textOf(await taken.text())).toContain("Another item already has this SKU.");
});
