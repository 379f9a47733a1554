import { expect, type Page, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { rowsOf } from "@db/rows";
import { createAlertRule } from "../../support/alert-factories";
import { type AdminWorld, buildAdminWorld, PASSWORD, type Person } from "../http/admin-world";

/**
 * The alert rules administration in a browser, in a company of its own (no agreements, so no
 * evaluation opens an alert anyone else sees): an administrator creates a rule through the form,
 * is refused a threshold out of range beside its field, edits, disables and deletes the rule; a
 * buyer reads the rules without a way to change them; a supplier gets the 404.
 */
test.describe.configure({ mode: "serial" });

let world: AdminWorld;

test.beforeAll(async () => {
  world = await buildAdminWorld("alert-rules");
});

test.afterAll(async () => {
  await world?.db.close();
});

async function signIn(page: Page, who: Person) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(world.people[who].email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${world.slug}(/|$)`));
}

async function auditActions(ruleId: string): Promise<string[]> {
  const rows = rowsOf<{ action: string }>(
    await world.db.db.execute(
      sql`select action from audit_events where entity_type = 'alert_rule' and entity_id = ${ruleId} order by occurred_at`,
    ),
  );
  return rows.map((r) => r.action);
}

test("an administrator creates, is refused a bad threshold beside it, edits, disables and deletes a rule", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto(`/t/${world.slug}/admin/alert-rules`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alert rules");
  await expect(page.getByText("No alert rules yet.")).toBeVisible();
  await page.getByRole("link", { name: "New rule" }).click();
  await expect(page).toHaveURL(/\/admin\/alert-rules\/new$/);

  // Once hydrated, only the chosen condition's thresholds show: a projected stockout has no hours.
  const hours = page.getByLabel("Hours waiting");
  await expect(hours).toBeHidden();
  await page.getByLabel("Name", { exact: true }).fill("Plans waiting too long");
  await page.getByRole("combobox", { name: "Condition" }).selectOption("plan_waiting");
  await expect(hours).toBeVisible();
  await hours.fill("0");
  await page.getByRole("checkbox", { name: "Managers" }).check();
  await page.getByRole("button", { name: "Create rule" }).click();
  // Refused beside the field, nothing created.
  await expect(hours).toHaveAttribute("aria-invalid", "true");
  await expect(hours).toHaveAccessibleDescription(/Enter a whole number of hours from 1 to 8,760/);
  await expect(page).toHaveURL(/\/admin\/alert-rules\/new$/);

  await hours.fill("8760");
  await page.getByRole("button", { name: "Create rule" }).click();
  await expect(page).toHaveURL(/\/admin\/alert-rules\/[0-9a-f-]{36}$/);
  const ruleId = /([0-9a-f-]{36})$/.exec(page.url())![1];
  await expect(page.getByTestId("toast")).toContainText("Rule “Plans waiting too long” created.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alert rule: Plans waiting too long");
  await expect(page.getByLabel("Hours waiting")).toHaveValue("8760");
  await expect(page.getByRole("checkbox", { name: "Managers" })).toBeChecked();

  // Edit: a new name, another severity, a to-do due in two days.
  await page.getByLabel("Name", { exact: true }).fill("Plans waiting a year");
  await page.getByRole("combobox", { name: "Severity" }).selectOption("critical");
  await page.getByRole("checkbox", { name: "Open each alert as a to-do" }).check();
  await page.getByLabel("Due in (days)").fill("2");
  await page.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByTestId("toast")).toContainText("Rule “Plans waiting a year” saved.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alert rule: Plans waiting a year");
  await expect(page.getByRole("combobox", { name: "Severity" })).toHaveValue("critical");

  await page.getByRole("button", { name: "Disable rule" }).click();
  await expect(page.getByTestId("toast")).toContainText("Rule “Plans waiting a year” disabled");
  await expect(page.getByRole("button", { name: "Enable rule" })).toBeVisible();

  // The list says the rule in words.
  await page.getByRole("link", { name: "All alert rules" }).click();
  const row = page.getByTestId("alert-rule-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Plan waiting for a decision for more than 8,760 hours");
  await expect(row).toContainText("Critical");
  await expect(row).toContainText("Managers");
  await expect(row).toContainText("Due in 2 days");
  await expect(row).toContainText("Disabled");

  // Deleting asks for its box first.
  await row.getByRole("link", { name: "Plans waiting a year" }).click();
  await page.getByRole("button", { name: "Delete rule" }).click();
  await expect(page.getByRole("checkbox", { name: "Yes, delete this rule" })).toHaveAccessibleDescription(
    "Tick the box to confirm.",
  );
  await page.getByRole("checkbox", { name: "Yes, delete this rule" }).check();
  await page.getByRole("button", { name: "Delete rule" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${world.slug}/admin/alert-rules$`));
  await expect(page.getByTestId("toast")).toContainText("Rule “Plans waiting a year” deleted; 0 open alerts were closed.");
  await expect(page.getByText("No alert rules yet.")).toBeVisible();

  expect(await auditActions(ruleId)).toEqual([
    "alert_rule.create",
    "alert_rule.update",
    "alert_rule.disable",
    "alert_rule.delete",
  ]);
});

test("a buyer reads the rules without a way to change them, and a supplier gets the 404", async ({ browser }) => {
  const ruleId = await createAlertRule(world.db.db, {
    tenantId: world.tenantId,
    name: "Low stock at the plant",
    condition: { kind: "below_safety_stock", percent: 110 },
    recipients: { roles: ["buyer"], userIds: [world.people.manager.userId] },
  });

  const buyer = await browser.newPage();
  await signIn(buyer, "buyer");
  await buyer.goto(`/t/${world.slug}/admin/alert-rules`);
  const row = buyer.getByTestId("alert-rule-row");
  await expect(row).toContainText("On hand below 110 % of safety stock");
  await expect(row).toContainText("1 named person");
  await expect(buyer.getByRole("link", { name: "New rule" })).toHaveCount(0);
  await row.getByRole("link", { name: "Low stock at the plant" }).click();
  await expect(buyer).toHaveURL(new RegExp(`/admin/alert-rules/${ruleId}$`));
  await expect(buyer.getByText("You can read this rule; only administrators change it.")).toBeVisible();
  await expect(buyer.getByRole("button", { name: "Save rule" })).toHaveCount(0);
  await expect(buyer.getByRole("button", { name: /Delete rule|Disable rule/ })).toHaveCount(0);
  expect((await buyer.goto(`/t/${world.slug}/admin/alert-rules/new`))?.status()).toBe(404);
  await buyer.close();

  const supplier = await browser.newPage();
  await signIn(supplier, "supplier");
  expect((await supplier.goto(`/t/${world.slug}/admin/alert-rules`))?.status()).toBe(404);
  expect((await supplier.goto(`/t/${world.slug}/admin/alert-rules/${ruleId}`))?.status()).toBe(404);
  await supplier.close();
});
