import { expect, test } from "@playwright/test";
import path from "node:path";
import { type DatabaseHandle, openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import { hashPassword } from "~/services/auth/password.server";
import { addDays, todayIn } from "~/utils/dates";
import {
  createAgreement,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
} from "../../support/factories";
import { dataDir } from "../support";

/**
 * An administrator imports a stock count in the browser, in a company of the spec's own: Imports
 * from the navigation, a file chosen (made in memory, nothing downloaded), checked, its preview's
 * counts, confirmed, the toast, and the history row marked Imported.
 */

const PASSWORD = "imports-browser-2026";
const TIME_ZONE = "Asia/Shanghai";

let db: DatabaseHandle;
let slug: string;
let email: string;

test.beforeAll(async () => {
  db = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  const tenant = await createTenant(db.db, { slugPrefix: "imports-browser", name: "Imports Browser Ltd", timezone: TIME_ZONE });
  slug = tenant.slug;
  const supplierId = await createSupplier(db.db, { tenantId: tenant.id, code: "BRS", name: "Browser Supplies" });
  const locationId = await createLocation(db.db, { tenantId: tenant.id, code: "WH-B", name: "Browser depot" });
  await createAgreement(db.db, {
    tenantId: tenant.id,
    supplierId,
    locationId,
    item: { sku: "IMP-B-1", name: "Browser bolt", unitCost: 2 },
    terms: { minQty: 10, maxQty: 500, leadTimeDays: 5 },
  });
  email = `admin-${Math.random().toString(36).slice(2, 10)}@imports-browser.example`;
  const userId = await createUser(db.db, {
    email,
    name: "Imports Browser Admin",
    passwordHash: await hashPassword(PASSWORD),
    locale: "en",
  });
  await createMembership(db.db, { tenantId: tenant.id, userId, role: "admin" });
});

test.afterAll(async () => {
  await db?.close();
});

test.use({ locale: "en-GB" });

test("an administrator chooses a file, checks it, confirms the preview and sees it imported in the history", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // An administrator starts on the company's inventory.
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/inventory$`));

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Imports" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/imports$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Imports");
  await expect(page.getByText("Nothing has been imported yet.")).toBeVisible();

  const yesterday = addDays(todayIn(TIME_ZONE), -1);
  const fileName = "stock-count.csv";
  await page.getByLabel("What the file holds").selectOption("stock");
  await page.getByLabel("File", { exact: true }).setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: Buffer.from(`SKU,Site code,Date,On hand\r\nIMP-B-1,WH-B,${yesterday},240\r\n`),
  });
  await page.getByRole("button", { name: "Check the file" }).click();

  await expect(page).toHaveURL(new RegExp(`/t/${slug}/imports/[0-9a-f-]{36}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(fileName);
  // The file is checked in the background; the page asks again until its preview is there.
  const counts = page.getByTestId("import-counts");
  await expect(counts).toBeVisible({ timeout: 30_000 });
  await expect(counts.locator("[data-count=toInsert] dd")).toHaveText("1");
  await expect(counts.locator("[data-count=toUpdate] dd")).toHaveText("0");
  await expect(counts.locator("[data-count=errors] dd")).toHaveText("0");

  await page.getByRole("button", { name: "Confirm the import" }).click();
  await expect(page.getByTestId("toast")).toContainText("Imported: 1 added, 0 changed, 0 unchanged.");
  await expect(counts.locator("[data-count=inserted] dd")).toHaveText("1");
  await expect(page.getByRole("button", { name: "Confirm the import" })).toHaveCount(0);

  await page.getByRole("link", { name: "← Imports" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${slug}/imports$`));
  const row = page.getByTestId("import-history").locator("tbody tr", { hasText: fileName });
  await expect(row).toHaveCount(1);
  await expect(row.locator("[data-status]")).toHaveText("Imported");
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "committed");
});
