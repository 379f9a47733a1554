import { type APIRequestContext, expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { rowsOf } from "@db/rows";
import { todayIn } from "~/utils/dates";
import { createAlert } from "../../support/alert-factories";
import { createAgreement, createLocation } from "../../support/factories";
import { type AdminWorld, buildAdminWorld, landing, post, signIn, textOf } from "./admin-world";

/**
 * Alerts over HTTP, in a company of the spec's own with two suppliers: a supplier lists and opens
 * its own supplier's alerts only; another supplier's alert is the 404 of an unknown address, GET
 * and POST, naming nothing and changing nothing; the buyer's side sees both and acts on them, the
 * assignee being told.
 */
test.describe.configure({ mode: "default" });

const TIME_ZONE = "Asia/Shanghai";

let world: AdminWorld;
const clients: APIRequestContext[] = [];
const mine = { sku: "", rule: "", alertId: "" };
const theirs = { sku: "", rule: "", alertId: "" };

async function client(who: Parameters<typeof signIn>[1]) {
  const c = await signIn(world, who);
  clients.push(c);
  return c;
}

async function alertState(alertId: string) {
  const [row] = rowsOf<{ status: string; snoozed_until: string | null; assignee_user_id: string | null; events: number }>(
    await world.db.db.execute(sql`
      select a.status, a.snoozed_until::text as snoozed_until, a.assignee_user_id,
             (select count(*)::int from alert_events e where e.tenant_id = a.tenant_id and e.alert_id = a.id) as events
      from alerts a where a.id = ${alertId}::uuid`),
  );
  return row;
}

test.beforeAll(async () => {
  world = await buildAdminWorld("alerts-e2e");
  const db = world.db.db;
  const tenantId = world.tenantId;
  await db.execute(sql`update tenants set timezone = ${TIME_ZONE} where id = ${tenantId}::uuid`);
  const site = await createLocation(db, { tenantId, code: "AL-01", name: "Alert plant" });
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
  for (const [target, supplierId, code] of [
    [mine, world.suppliers.mine, "MINE"],
    [theirs, world.suppliers.other, "OTHER"],
  ] as const) {
    target.sku = `${code}-${tag}`;
    target.rule = `${code} rule ${tag}`;
    const { id: agreementId } = await createAgreement(db, {
      tenantId,
      supplierId,
      locationId: site,
      item: { sku: target.sku, name: `${code} part ${tag}` },
      terms: { minQty: 10, maxQty: 100, leadTimeDays: 5 },
    });
    target.alertId = await createAlert(db, {
      tenantId,
      supplierId,
      agreementId,
      ruleName: target.rule,
      value: 3,
      limitValue: 5,
    });
  }
});

test.afterAll(async () => {
  for (const c of clients) await c.dispose();
  await world?.db.close();
});

test("a supplier lists and opens its own supplier's alerts only; the buyer sees both", async () => {
  const supplier = await client("supplier");
  const list = await supplier.get(`/t/${world.slug}/alerts`);
  expect(list.status()).toBe(200);
  const html = await list.text();
  expect(html).toContain('data-testid="alerts-table"');
  expect(html).toContain(mine.sku);
  expect(html).toContain(mine.rule);
  expect(html).not.toContain(theirs.sku);
  expect(html).not.toContain(theirs.rule);
  expect(html).not.toContain(theirs.alertId);
  expect(textOf(html)).toContain("Projected to run out in 3 days (lead time 5 days)");
  // Asking for the other supplier's alerts by the filter changes nothing.
  const filtered = await (await supplier.get(`/t/${world.slug}/alerts?supplier=${world.suppliers.other}&status=all`)).text();
  expect(filtered).not.toContain(theirs.sku);

  const own = await supplier.get(`/t/${world.slug}/alerts/${mine.alertId}`);
  expect(own.status()).toBe(200);
  const page = textOf(await own.text());
  expect(page).toContain(mine.rule);
  expect(page).toContain(mine.sku);

  const buyer = await client("buyer");
  const all = await (await buyer.get(`/t/${world.slug}/alerts`)).text();
  for (const name of [mine.sku, theirs.sku, mine.rule, theirs.rule]) expect(all).toContain(name);
  expect((await buyer.get(`/t/${world.slug}/alerts/${theirs.alertId}`)).status()).toBe(200);
});

test("another supplier's alert is a 404 to GET and to every action, naming nothing and changing nothing", async () => {
  const supplier = await client("supplier");
  const url = `/t/${world.slug}/alerts/${theirs.alertId}`;
  const before = await alertState(theirs.alertId);
  const get = await supplier.get(url);
  expect(get.status()).toBe(404);
  const body = await get.text();
  expect(body).not.toContain(theirs.sku);
  expect(body).not.toContain(theirs.rule);
  const tomorrow = new Date(Date.parse(`${todayIn(TIME_ZONE)}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const forms: Record<string, string>[] = [
    { intent: "acknowledge" },
    { intent: "snooze", until: tomorrow },
    { intent: "assign", assignee: world.people.colleague.userId, dueDate: tomorrow },
    { intent: "resolve", resolution: "Not mine to close" },
    { intent: "comment", comment: "Not mine to note" },
  ];
  for (const form of forms) {
    const answer = await post(supplier, url, form);
    expect(answer.status(), form.intent).toBe(404);
    const text = await answer.text();
    expect(text).not.toContain(theirs.sku);
    expect(text).not.toContain(theirs.rule);
  }
  expect(await alertState(theirs.alertId)).toEqual(before);
  // The other supplier's own people find it, as the buyer does.
  const outsider = await client("outsider");
  expect((await outsider.get(url)).status()).toBe(200);
  expect((await outsider.get(`/t/${world.slug}/alerts/${mine.alertId}`)).status()).toBe(404);
});

test("a supplier acts on its own alert, and the buyer assigns one to the supplier's people, who are told", async () => {
  const supplier = await client("supplier");
  const url = `/t/${world.slug}/alerts/${mine.alertId}`;
  const acknowledged = await landing(supplier, await post(supplier, url, { intent: "acknowledge" }));
  expect(acknowledged).toContain("Alert acknowledged.");
  expect((await alertState(mine.alertId)).status).toBe("acknowledged");

  // A refusal stays on the page, under its field, and writes nothing.
  const before = await alertState(mine.alertId);
  const refused = await post(supplier, url, { intent: "resolve", resolution: "" });
  expect(refused.status()).toBe(400);
  expect(textOf(await refused.text())).toContain("Write what was done.");
  expect(await alertState(mine.alertId)).toEqual(before);

  const buyer = await client("buyer");
  const due = todayIn(TIME_ZONE);
  const assigned = await landing(
    buyer,
    await post(buyer, url, { intent: "assign", assignee: world.people.colleague.userId, dueDate: due }),
  );
  expect(assigned).toContain("Alert assigned.");
  expect(assigned).toContain(world.people.colleague.name);
  expect((await alertState(mine.alertId)).assignee_user_id).toBe(world.people.colleague.userId);
  const [told] = rowsOf<{ n: number }>(
    await world.db.db.execute(sql`
      select count(*)::int as n from notifications
      where tenant_id = ${world.tenantId}::uuid and user_id = ${world.people.colleague.userId}::uuid and kind = 'alert.assigned'`),
  );
  expect(told.n).toBe(1);
  // Someone of another supplier is no one to assign it to.
  const outside = await post(buyer, url, { intent: "assign", assignee: world.people.outsider.userId, dueDate: due });
  expect(outside.status()).toBe(400);
  expect(textOf(await outside.text())).toContain("Choose a person who may see this alert.");

  const resolved = await landing(supplier, await post(supplier, url, { intent: "resolve", resolution: "Counted and corrected" }));
  expect(resolved).toContain("Alert resolved and closed.");
  expect(resolved).toContain("Counted and corrected");
  const again = await post(supplier, url, { intent: "comment", comment: "Too late" });
  expect(again.status()).toBe(409);
  expect(textOf(await again.text())).toContain("This alert is closed: it takes no more actions.");
});
