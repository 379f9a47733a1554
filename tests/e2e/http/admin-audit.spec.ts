import { type APIRequestContext, expect, test } from "@playwright/test";
import { formsOf, submittedValues } from "../support/forms";
import { type AdminWorld, buildAdminWorld, landing, post, signIn, textOf } from "./admin-world";

/**
 * The audit trail over HTTP, in a company of the spec's own: the administrator's alone (page and
 * export are a 404 for everyone else); it shows the members' sign-ins and the company's changes
 * in words, filters them, and exports them as CSV.
 */
test.describe.configure({ mode: "default" });

let world: AdminWorld;
let admin: APIRequestContext;
let audit: string;

test.beforeAll(async () => {
  world = await buildAdminWorld("audit-e2e");
  admin = await signIn(world, "admin");
  audit = `/t/${world.slug}/admin/audit`;
  // A change of the company's to find in the trail.
  const settings = `/t/${world.slug}/admin/settings`;
  const form = formsOf(await (await admin.get(settings)).text(), settings).find(
    (f) => f.method === "post" && f.action === settings,
  )!;
  const values = Object.fromEntries(submittedValues(form, null));
  await landing(admin, await post(admin, settings, { ...values, deadStockDays: "120" }));
});

test.afterAll(async () => {
  await admin?.dispose();
  await world?.db.close();
});

test("the audit trail and its export are a 404 for every role but the administrator's", async () => {
  for (const who of ["manager", "buyer", "supplier", "teamAdmin"] as const) {
    const client = await signIn(world, who);
    expect((await client.get(audit)).status(), `${who} page`).toBe(404);
    expect((await client.get(`${audit}/export`)).status(), `${who} export`).toBe(404);
    await client.dispose();
  }
});

test("the administrator sees sign-ins and changes in words, and filters them", async () => {
  const page = await admin.get(audit);
  expect(page.status()).toBe(200);
  const html = await page.text();
  const text = textOf(html);
  expect(text).toContain("Changed the policy and settings");
  expect(text).toContain("Signed in");
  expect(text).toContain("deadStockDays");
  expect(html).toContain(`data-audit-action="tenant.settings.update"`);

  const filtered = await (await admin.get(`${audit}?action=auth.sign_in&person=${world.people.manager.userId}`)).text();
  expect(filtered).toContain(`data-audit-action="auth.sign_in"`);
  expect(filtered).not.toContain(`data-audit-action="tenant.settings.update"`);
  expect(textOf(filtered)).toContain(world.people.manager.email);
  expect(filtered).not.toContain(`<div class="text-xs text-slate-500">${world.people.admin.email}</div>`);

  const bad = await admin.get(`${audit}?from=2026-02-30`);
  expect(bad.status()).toBe(400);
  expect(textOf(await bad.text())).toContain("Enter a date as YYYY-MM-DD.");
});

test("the export is a CSV of the filtered trail", async () => {
  const response = await admin.get(`${audit}/export?action=tenant.settings.update`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect(response.headers()["content-disposition"]).toMatch(/attachment; filename="audit-.*\.csv"/);
  const lines = (await response.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toContain("occurred_at_utc");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("tenant.settings.update");
  expect(lines[1]).toContain("Changed the policy and settings");
  expect(lines[1]).toContain(world.people.admin.email);
});
