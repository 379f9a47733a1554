import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../support";

test("a supplier signs in with the form, sees only its own items, switches language and signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2F/);
  await page.getByLabel("Email").fill("supplier@contoso.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  // A supplier starts on what needs attention, then opens the inventory from the navigation.
  await expect(page).toHaveURL(/\/t\/acme$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Needs attention");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Inventory" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/inventory$/);
  await expect(page.getByTestId("tenant-name")).toHaveText("Acme Manufacturing");
  await expect(page).toHaveTitle("Acme Manufacturing · VMI Portal");
  const table = page.getByTestId("inventory-table");
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const skus = await table.locator("tbody tr td:first-child").allInnerTexts();
  expect(skus.length).toBeGreaterThan(0);
  for (const sku of skus) expect(sku).toMatch(/^CT-/);
  // A supplier has no supplier column or filter.
  await expect(page.getByRole("columnheader", { name: "Supplier" })).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(/NW-|FB-|Northwind|Fabrikam/);

  // Filter by status through the URL-backed form, using the keyboard.
  await page.getByLabel("Status").selectOption("in_band");
  await page.getByRole("button", { name: "Filter" }).press("Enter");
  await expect(page).toHaveURL(/status=in_band/);
  for (const badge of await table.locator("[data-status]").all()) {
    await expect(badge).toHaveAttribute("data-status", "in_band");
  }

  // Switch to Chinese from the account menu; the choice sticks to the account.
  await page.locator("summary[aria-label^='Account menu']").click();
  await page.getByLabel("Language").selectOption("zh-CN");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("库存");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveTitle("Acme Manufacturing · VMI 协同门户");

  // The language's navigation has ended when it has closed the menu (menus close on navigation):
  // a sign-out clicked before that would be cut short by it.
  const signOut = page.getByRole("button", { name: "退出登录" });
  await expect(signOut).toBeHidden();
  await page.locator("summary[aria-label$='账户菜单']").click();
  await expect(signOut).toBeVisible();
  await signOut.click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "登录" })).toBeVisible();

  // Put the account back to English for the other tests.
  await page.getByLabel("邮箱").fill("supplier@contoso.example");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.locator("summary[aria-label$='账户菜单']").click();
  await page.getByLabel("语言").selectOption("en");
  await page.getByRole("button", { name: "应用" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Needs attention");
});

test("a supplier of two companies switches between them", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("supplier@northwind.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("tenant-name")).toHaveText("Acme Manufacturing");
  await page.getByText("Switch company").click();
  await page.getByRole("link", { name: /Globex Retail/ }).click();
  await expect(page).toHaveURL(/\/t\/globex$/);
  await expect(page.getByTestId("tenant-name")).toHaveText("Globex Retail");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Inventory" }).click();
  await expect(page).toHaveURL(/\/t\/globex\/inventory$/);
  const skus = await page.getByTestId("inventory-table").locator("tbody tr td:first-child").allInnerTexts();
  expect(skus.length).toBeGreaterThan(0);
  for (const sku of skus) expect(sku).toMatch(/^NW-/);
});

test("a wrong password shows the message next to the form, and the page stays usable", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("buyer@acme.example");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email or password is incorrect.");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A buyer starts on its alerts and approvals; the inventory is one link away.
  await expect(page).toHaveURL(/\/t\/acme$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your alerts and approvals");
  await page.getByRole("link", { name: "Open the inventory" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/inventory$/);
  await expect(page.getByRole("columnheader", { name: "Supplier" })).toBeVisible();
});
