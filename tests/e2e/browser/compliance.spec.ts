import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../support";

/**
 * A manager opens the compliance dashboard, reads a KPI's explanation from the keyboard, changes
 * the period, and drills from a cell of the ABC-XYZ matrix into the inventory list filtered to it.
 */
test("a manager opens the dashboard, changes the period and drills from a matrix cell into the inventory", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("manager@acme.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/t\/acme(\/|$)/);

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Compliance" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/compliance$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("VMI compliance");
  await expect(page.getByTestId("period-range")).toContainText("(13 weeks, facts to");
  const compliance = page.getByTestId("kpi-bandCompliance");
  await expect(compliance.getByTestId("kpi-value")).toHaveText(/^\d{1,3}\.\d%$/);
  await expect(compliance).toContainText(/Previous: \d{1,3}\.\d%/);

  // The explanation shows on keyboard focus and is the card's description.
  const help = page.locator("#kpi-bandCompliance-help");
  await expect(help).toBeHidden();
  await compliance.focus();
  await expect(help).toBeVisible();
  await expect(help).toHaveText("Share of agreement-days with min ≤ on hand ≤ max, from the daily stock snapshots.");
  await expect(compliance).toHaveAccessibleDescription(/Share of agreement-days with min ≤ on hand ≤ max/);
  // The trend's text alternative is in the page.
  await expect(page.getByRole("figure", { name: "Weekly band compliance" })).toContainText(
    /Over 13 weeks, band compliance went from/,
  );

  // Change the period to the last 4 weeks: the URL, the dates and the figures follow.
  const previousOf13Weeks = await page.getByTestId("period-previous").innerText();
  await page.getByLabel("Period", { exact: true }).selectOption("4");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/compliance\?weeks=4/);
  await expect(page.getByTestId("period-range")).toContainText("(4 weeks, facts to");
  await expect(page.getByRole("figure", { name: "Weekly band compliance" })).toContainText(/Over 4 weeks/);
  await expect(page.getByTestId("weekly-kpis").locator("tbody tr")).toHaveCount(4);
  // The comparison moved with it: the 4 weeks before, not the 13.
  await expect(page.getByTestId("period-previous")).not.toHaveText(previousOf13Weeks);

  // The matrix keeps the period; a cell opens the inventory list filtered to it.
  await page.getByRole("navigation", { name: "Compliance sections" }).getByRole("link", { name: "ABC-XYZ matrix" }).click();
  await expect(page).toHaveURL(/\/compliance\/matrix\?weeks=4$/);
  await expect(page.getByTestId("period-range")).toContainText("(4 weeks");
  const cell = page.getByTestId("cell-AX");
  const count = Number(/(\d+) agreements/.exec(await cell.innerText())![1]);
  expect(count).toBeGreaterThan(0);
  await page.getByRole("link", { name: "Open the AX agreements in the inventory list" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/inventory\?class=AX$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inventory");
  await expect(page.getByLabel("Class")).toHaveValue("AX");
  await expect(page.getByText(`Agreements: ${count}`)).toBeVisible();
  const classes = await page.getByTestId("inventory-table").locator("tbody tr td:nth-child(5)").allInnerTexts();
  expect(classes.length).toBe(Math.min(count, 50));
  for (const text of classes) expect(text).toBe("AX");
});
