import { type APIRequestContext, expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { formsOf, submittedValues } from "../support/forms";
import { type AdminWorld, buildAdminWorld, landing, post, signIn, textOf } from "./admin-world";

/**
 * The policy and settings page over HTTP, in a company of the spec's own: the administrator's
 * alone (everyone else gets the 404 of an unknown address, GET and POST, and nothing changes); a
 * change is saved and shown with the effective values; a bad value is refused with the field's
 * own message, and nothing is written.
 */
test.describe.configure({ mode: "default" });

let world: AdminWorld;
let admin: APIRequestContext;
let settings: string;

test.beforeAll(async () => {
  world = await buildAdminWorld("settings-e2e");
  admin = await signIn(world, "admin");
  settings = `/t/${world.slug}/admin/settings`;
});

test.afterAll(async () => {
  await admin?.dispose();
  await world?.db.close();
});

/** The settings form's values as the page renders them for the administrator. */
async function renderedForm(): Promise<Record<string, string>> {
  const page = await admin.get(settings);
  expect(page.status()).toBe(200);
  const form = formsOf(await page.text(), settings).find((f) => f.method === "post" && f.action === settings);
  expect(form, "the settings form").toBeDefined();
  return Object.fromEntries(submittedValues(form!, null));
}

async function stored(): Promise<{ name: string; settings: Record<string, unknown> }> {
  const result = await world.db.db.execute(sql`select name, settings from tenants where id = ${world.tenantId}::uuid`);
  const rows = Array.isArray(result) ? result : ((result as { rows: unknown[] }).rows ?? []);
  return rows[0] as { name: string; settings: Record<string, unknown> };
}

/** The message the page ties to a field (aria-describedby). */
function messageOf(html: string, name: string): string {
  const input = new RegExp(`<(?:input|select)[^>]*name="${name.replace(/\./g, "\\.")}"[^>]*>`).exec(html)?.[0] ?? "";
  const describedBy = /aria-describedby="([^"]+)"/.exec(input)?.[1] ?? "";
  return describedBy
    .split(/\s+/)
    .map((id) => textOf(new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</p>`).exec(html)?.[1] ?? ""))
    .join(" ");
}

test("the settings page is a 404 for the manager, the buyer and suppliers, GET and POST, and a POST changes nothing", async () => {
  const before = await stored();
  const values = await renderedForm();
  for (const who of ["manager", "buyer", "supplier", "teamAdmin"] as const) {
    const client = await signIn(world, who);
    expect((await client.get(settings)).status(), `${who} GET`).toBe(404);
    const forged = await post(client, settings, { ...values, companyName: `Taken by ${who}`, "approval.managerThreshold": "1" });
    expect(forged.status(), `${who} POST`).toBe(404);
    await client.dispose();
  }
  expect(await stored()).toEqual(before);
});

test("the administrator sees the effective values, saves a change and sees it", async () => {
  const values = await renderedForm();
  expect(values).toMatchObject({
    companyName: "settings-e2e Ltd",
    currency: "CNY",
    timezone: "Asia/Shanghai",
    "abcCutoffs.a": "80",
    "abcCutoffs.b": "95",
    "cells.AX.serviceLevel": "98",
    "cells.AX.approval": "buyer-then-manager",
    "cells.CX.approval": "auto-if-in-band",
    "cells.CZ.serviceLevel": "",
    holdingRate: "25",
    deadStockDays: "180",
    "maxCoverDays.A": "30",
    "maxCoverDays.B": "60",
    "maxCoverDays.C": "120",
    bandDriftThreshold: "25",
  });

  const saved = await post(admin, settings, {
    ...values,
    companyName: "Settings Test Co",
    "abcCutoffs.a": "75",
    "cells.CX.approval": "buyer",
    "shipping.overShipTolerance": "7.5",
    "maxCoverDays.B": "45",
  });
  const text = await landing(admin, saved);
  expect(text).toContain("Settings saved and the planning figures recomputed.");

  const after = await renderedForm();
  expect(after).toMatchObject({
    companyName: "Settings Test Co",
    "abcCutoffs.a": "75",
    "cells.CX.approval": "buyer",
    "shipping.overShipTolerance": "7.5",
  });
  expect((await stored()).settings).toMatchObject({
    abcCutoffs: { a: 0.75, b: 0.95 },
    cells: { CX: { approval: "buyer" } },
    shipping: { overShipTolerance: 0.075 },
    maxCoverDays: { A: 30, B: 45, C: 120 },
  });

  // The same form again changes nothing, and says so.
  expect(await landing(admin, await post(admin, settings, after))).toContain("Nothing changed.");
});

test("a bad value is refused with the field's own message, and nothing is written", async () => {
  const before = await stored();
  const values = await renderedForm();
  const refused = await post(admin, settings, { ...values, "cells.BZ.serviceLevel": "100", "abcCutoffs.b": "1,000" });
  expect(refused.status()).toBe(400);
  const html = await refused.text();
  expect(messageOf(html, "cells.BZ.serviceLevel")).toContain("Enter a percentage more than 0 and less than 100.");
  expect(messageOf(html, "abcCutoffs.b")).toContain("without thousands separators");

  // A rule of the settings as a whole, under the field to correct.
  const crossed = await post(admin, settings, { ...values, "approval.autoApproveThreshold": "900000" });
  expect(crossed.status()).toBe(400);
  expect(messageOf(await crossed.text(), "approval.autoApproveThreshold")).toContain(
    "The automatic approval threshold may not exceed the manager threshold.",
  );
  expect(await stored()).toEqual(before);
});
