import { type APIRequestContext, expect, test } from "@playwright/test";
import { createAgreement, createItem, createLocation } from "../../support/factories";
import { type AdminWorld, buildAdminWorld, landing, post, signIn, textOf } from "./admin-world";

/**
 * Creating and ending agreements over HTTP, in a company of the spec's own: the buyer opens "New
 * agreement" from the inventory list, creates one (a duplicate is refused with the field's
 * message) and ends another after confirming it; the ended one leaves the list and its page says
 * so. Suppliers get the 404 of an unknown address for both pages, GET and POST.
 */
test.describe.configure({ mode: "default" });

let world: AdminWorld;
let buyer: APIRequestContext;
let inventory: string;
let site: string;
let toEnd: string;

test.beforeAll(async () => {
  world = await buildAdminWorld("lifecycle-e2e");
  const db = world.db.db;
  site = await createLocation(db, { tenantId: world.tenantId, code: "LE-1", name: "Lifecycle plant" });
  await createItem(db, { tenantId: world.tenantId, sku: "LE-NEW", name: "Lifecycle gear", unitCost: 3 });
  toEnd = (
    await createAgreement(db, {
      tenantId: world.tenantId,
      supplierId: world.suppliers.mine,
      locationId: site,
      item: { sku: "LE-END", name: "Lifecycle spring", unitCost: 1 },
      terms: { minQty: 10, maxQty: 40, leadTimeDays: 3 },
    })
  ).id;
  buyer = await signIn(world, "buyer");
  inventory = `/t/${world.slug}/inventory`;
});

test.afterAll(async () => {
  await buyer?.dispose();
  await world?.db.close();
});

const TERMS = {
  minQty: "20",
  maxQty: "80",
  leadTimeDays: "4",
  leadTimeSdDays: "1",
  moq: "0",
  packSize: "5",
  reviewPeriodDays: "7",
};

test("suppliers get a 404 for the new-agreement and end pages, GET and POST, and nothing is written", async () => {
  const supplier = await signIn(world, "supplier");
  expect((await supplier.get(`${inventory}/new`)).status()).toBe(404);
  const created = await post(supplier, `${inventory}/new`, {
    supplierId: world.suppliers.mine,
    locationId: site,
    sku: "LE-NEW",
    ...TERMS,
  });
  expect(created.status()).toBe(404);
  expect((await supplier.get(`${inventory}/${toEnd}/end`)).status()).toBe(404);
  expect((await post(supplier, `${inventory}/${toEnd}/end`, { version: "1", confirm: "on" })).status()).toBe(404);
  // The supplier's own agreement is still on its list, and its page offers no end.
  const list = await (await supplier.get(inventory)).text();
  expect(list).toContain(`${inventory}/${toEnd}`);
  expect(list).not.toContain(`${inventory}/new`);
  expect(await (await supplier.get(`${inventory}/${toEnd}`)).text()).not.toContain(`${inventory}/${toEnd}/end`);
  await supplier.dispose();
});

test("the buyer creates an agreement from the inventory list; a second one for the same item and site is refused", async () => {
  expect(await (await buyer.get(inventory)).text()).toContain(`href="${inventory}/new"`);
  const page = await buyer.get(`${inventory}/new`);
  expect(page.status()).toBe(200);
  expect(textOf(await page.text())).toContain("Mine Supplies");

  const form = { supplierId: world.suppliers.mine, locationId: site, sku: "LE-NEW", ...TERMS };
  const created = await post(buyer, `${inventory}/new`, form);
  expect(created.headers().location).toMatch(new RegExp(`^${inventory}/[0-9a-f-]{36}$`));
  const text = await landing(buyer, created);
  expect(text).toContain("The agreement was created.");
  expect(text).toContain("Lifecycle gear");
  expect(await (await buyer.get(`${inventory}?q=LE-NEW`)).text()).toContain(created.headers().location);

  const again = await post(buyer, `${inventory}/new`, form);
  expect(again.status()).toBe(400);
  expect(textOf(await again.text())).toContain("This item already has an agreement at this site.");
  const badBand = await post(buyer, `${inventory}/new`, { ...form, sku: "LE-END", minQty: "90" });
  expect(badBand.status()).toBe(400);
});

test("the buyer ends an agreement after confirming it: it leaves the list and its page says it has ended", async () => {
  const agreementPage = await (await buyer.get(`${inventory}/${toEnd}`)).text();
  expect(agreementPage).toContain(`href="${inventory}/${toEnd}/end"`);
  const endPage = await buyer.get(`${inventory}/${toEnd}/end`);
  expect(endPage.status()).toBe(200);
  const version = /name="version" value="(\d+)"/.exec(await endPage.text())?.[1];
  expect(version).toBeTruthy();

  const unconfirmed = await post(buyer, `${inventory}/${toEnd}/end`, { version: version! });
  expect(unconfirmed.status()).toBe(400);
  expect(textOf(await unconfirmed.text())).toContain("Tick the box to confirm that the agreement ends.");
  expect(await (await buyer.get(`${inventory}?q=LE-END`)).text()).toContain(`${inventory}/${toEnd}`);

  const ended = await post(buyer, `${inventory}/${toEnd}/end`, { version: version!, confirm: "on" });
  const text = await landing(buyer, ended);
  expect(text).toContain("The agreement was ended");
  expect(text).toContain("This agreement has ended.");
  expect(await (await buyer.get(`${inventory}?q=LE-END`)).text()).not.toContain(`${inventory}/${toEnd}`);
  expect(textOf(await (await buyer.get(`${inventory}/${toEnd}/end`)).text())).toContain("This agreement has already ended.");
  const late = await post(buyer, `${inventory}/${toEnd}/end`, { version: version!, confirm: "on" });
  expect(late.status()).toBe(409);
});
