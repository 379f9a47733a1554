import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "../support";
import { type EmptyInstallation, startEmptyInstallation } from "../support/empty-installation";

/**
 * A company starts on its own, in the browser, from an empty installation without the demo: the
 * set-up link the server prints → the company and its administrator → suppliers, a site and items
 * → invitations to a buyer and a supplier, each accepted through the link in its e-mail (the .eml
 * the outbox relay writes without SMTP) → the buyer creates agreements → the supplier sees its own
 * agreement and nothing else. A server of its own, on a fresh data directory.
 */

const port = Number(process.env.E2E_PORT ?? 3100) + 2;
const origin = `http://127.0.0.1:${port}`;
const dataDir = path.resolve(`.cache/e2e-company-${port}`);
const outbox = path.join(dataDir, "outbox");
const PASSWORD = "harbour-2026-start";

let installation: EmptyInstallation | undefined;
let setupLink = "";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

test.beforeAll(async () => {
  test.setTimeout(150_000);
  installation = await startEmptyInstallation({
    port,
    dataDir,
    env: { SMTP_URL: "", OUTBOX_RELAY: "on" },
    timeoutMs: 140_000,
  });
  setupLink = installation.setupPath;
});

test.afterAll(async () => {
  await installation?.stop();
});

/** The e-mails the relay wrote, decoded from quoted-printable. */
function emails(): string[] {
  if (!existsSync(outbox)) return [];
  return readdirSync(outbox)
    .filter((name) => name.endsWith(".eml"))
    .map((name) =>
      Buffer.from(
        readFileSync(path.join(outbox, name), "latin1")
          .replace(/=\r?\n/g, "")
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        "latin1",
      ).toString("utf8"),
    );
}

/** The invitation link in the e-mail to `address`, once the relay has written it. */
async function invitationLinkFor(address: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        const mail = emails().find((text) => text.includes(`To: ${address}`));
        link = /(http\S+\/invite\/[A-Za-z0-9_-]{43})/.exec(mail ?? "")?.[1] ?? "";
        return link;
      },
      { timeout: 30_000, message: `the invitation e-mail to ${address}` },
    )
    .not.toBe("");
  return link;
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin });
  return { context, page: await context.newPage() };
}

async function expectToast(page: Page, text: string | RegExp) {
  await expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();
}

test("a company sets itself up, invites a buyer and a supplier, and the supplier sees its own agreement only", async ({
  browser,
}) => {
  expect(installation?.output()).not.toContain("Demo sign-ins");

  // The administrator sets up the company through the printed link.
  const admin = await newPage(browser);
  await admin.page.goto(setupLink);
  await expect(admin.page.getByRole("heading", { level: 1 })).toHaveText("Set up your company");
  await admin.page.getByLabel("Company name").fill("Harbour Trading");
  await admin.page.getByLabel("Web address name").fill("harbour");
  await admin.page.getByLabel("Currency").fill("CNY");
  await admin.page.getByLabel("Time zone").fill("Asia/Shanghai");
  await admin.page.getByLabel("Default language").selectOption("en");
  await admin.page.getByLabel("Your name").fill("Hana Harbour");
  await admin.page.getByLabel("Your email").fill("hana@harbour.example");
  await admin.page.getByLabel("Password").fill(PASSWORD);
  await admin.page.getByRole("button", { name: "Create the company" }).click();
  await expect(admin.page).toHaveURL(/\/t\/harbour\/admin\/users$/);
  await expect(admin.page.getByTestId("tenant-name")).toHaveText("Harbour Trading");

  // Two suppliers, a site and two items.
  await admin.page.goto("/t/harbour/admin/suppliers");
  for (const [code, name] of [
    ["OCEAN", "Ocean Parts"],
    ["RIVER", "River Supply"],
  ]) {
    await admin.page.getByLabel("Code").fill(code);
    await admin.page.getByLabel("Name", { exact: true }).fill(name);
    await admin.page.getByRole("button", { name: "Add a supplier" }).click();
    await expect(admin.page.getByRole("cell", { name, exact: true })).toBeVisible();
  }
  await admin.page.goto("/t/harbour/admin/sites");
  await admin.page.getByLabel("Code").fill("SH1");
  await admin.page.getByLabel("Name", { exact: true }).fill("Shanghai Plant");
  await admin.page.getByRole("button", { name: "Add a site" }).click();
  await expect(admin.page.getByRole("cell", { name: "Shanghai Plant", exact: true })).toBeVisible();
  await admin.page.goto("/t/harbour/admin/items");
  for (const [sku, name] of [
    ["HB-100", "Hex bolt M8"],
    ["HB-200", "Hex nut M8"],
  ]) {
    await admin.page.getByLabel("SKU", { exact: true }).fill(sku);
    await admin.page.getByLabel("Name", { exact: true }).fill(name);
    await admin.page.getByLabel("Unit of measure").fill("EA");
    await admin.page.getByLabel("Unit cost").fill("0.85");
    await admin.page.getByRole("button", { name: "Add an item" }).click();
    await expect(admin.page.getByRole("cell", { name, exact: true })).toBeVisible();
  }

  // Invitations to a buyer and to Ocean's account manager.
  await admin.page.goto("/t/harbour/admin/users");
  const inviteForm = admin.page.getByRole("region", { name: "Invite someone" });
  await inviteForm.getByLabel("E-mail address").fill("bo@harbour.example");
  await inviteForm.getByLabel("Role").selectOption("buyer");
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expectToast(admin.page, "Invitation sent to bo@harbour.example");
  await inviteForm.getByLabel("E-mail address").fill("sam@ocean.example");
  await inviteForm.getByLabel("Role").selectOption("supplier");
  await inviteForm.getByLabel("Supplier", { exact: true }).selectOption({ label: "Ocean Parts (OCEAN)" });
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expectToast(admin.page, "Invitation sent to sam@ocean.example");
  await expect(admin.page.getByRole("cell", { name: "sam@ocean.example", exact: true })).toBeVisible();

  // The buyer accepts through the e-mail's link and creates the agreements.
  const buyer = await newPage(browser);
  await buyer.page.goto(await invitationLinkFor("bo@harbour.example"));
  await expect(buyer.page.getByRole("heading", { level: 1 })).toHaveText("Join Harbour Trading");
  await buyer.page.getByLabel("Your name").fill("Bo Buyer");
  await buyer.page.getByLabel("Choose a password").fill(PASSWORD);
  await buyer.page.getByRole("button", { name: "Create login and join" }).click();
  // A buyer starts on the alerts and approvals (none yet in a new company), then opens the inventory.
  await expect(buyer.page).toHaveURL(/\/t\/harbour$/);
  await expect(buyer.page.getByText("No open alerts: nothing the alert rules watch needs you now.")).toBeVisible();
  await buyer.page.getByRole("link", { name: "Open the inventory" }).click();
  await expect(buyer.page).toHaveURL(/\/t\/harbour\/inventory$/);
  for (const [supplier, sku] of [
    ["Ocean Parts (OCEAN)", "HB-100"],
    ["River Supply (RIVER)", "HB-200"],
  ]) {
    await buyer.page.getByRole("link", { name: "New agreement" }).click();
    await expect(buyer.page).toHaveURL(/\/t\/harbour\/inventory\/new$/);
    await buyer.page.getByLabel("Supplier", { exact: true }).selectOption({ label: supplier });
    await buyer.page.getByLabel("Site", { exact: true }).selectOption({ label: "Shanghai Plant (SH1)" });
    await buyer.page.getByLabel("Item (SKU)").fill(sku);
    await buyer.page.getByLabel("Min", { exact: true }).fill("100");
    await buyer.page.getByLabel("Max", { exact: true }).fill("400");
    await buyer.page.getByLabel("Lead time (days)").fill("7");
    await buyer.page.getByRole("button", { name: "Create agreement" }).click();
    await expect(buyer.page).toHaveURL(/\/t\/harbour\/inventory\/[0-9a-f-]{36}$/);
    await buyer.page.goto("/t/harbour/inventory");
  }
  const buyerTable = buyer.page.getByTestId("inventory-table");
  await expect(buyerTable).toContainText("HB-100");
  await expect(buyerTable).toContainText("HB-200");
  // A buyer has no administration.
  expect((await buyer.page.request.get("/t/harbour/admin/users")).status()).toBe(404);

  // The supplier accepts and sees Ocean's agreement, and nothing of River's.
  const supplier = await newPage(browser);
  await supplier.page.goto(await invitationLinkFor("sam@ocean.example"));
  await expect(supplier.page.getByText(/Ocean Parts/).first()).toBeVisible();
  await supplier.page.getByLabel("Your name").fill("Sam Ocean");
  await supplier.page.getByLabel("Choose a password").fill(PASSWORD);
  await supplier.page.getByRole("button", { name: "Create login and join" }).click();
  await expect(supplier.page).toHaveURL(/\/t\/harbour$/);
  await supplier.page.goto("/t/harbour/inventory");
  const supplierTable = supplier.page.getByTestId("inventory-table");
  await expect(supplierTable).toContainText("HB-100");
  await expect(supplier.page.locator("body")).not.toContainText(/HB-200|River Supply|Hex nut/);

  // The demo's people do not exist here.
  const demo = await supplier.page.request.post("/login", {
    form: { email: "buyer@acme.example", password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  expect(demo.status()).not.toBe(302);

  for (const { context } of [admin, buyer, supplier]) await context.close();
});
