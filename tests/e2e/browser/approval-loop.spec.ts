import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_PASSWORD, fixtures } from "../support";

/**
 * The whole loop in Chromium: a supplier submits a plan for an A-class item; a buyer changes one
 * line's quantity and records the step; a manager approves the second step; the supplier sees the
 * decision and records the shipment; the buyer records the receipt; the line shows its on-time
 * delivery. Northwind's plan is for one fixture agreement of class AX (the tenant's top seller,
 * whatever day the demo was seeded for), which no other test plans or ships.
 */
const numberOf = (text: string) => Number(text.replace(/[^\d.]/g, ""));

async function signIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in hashes the password and opens the home page: slow on a busy machine.
  await expect(page).toHaveURL(/\/t\/acme/, { timeout: 15_000 });
  return page;
}

test("submit → buyer changes a quantity → manager approves → supplier ships → buyer receives → on time", async ({ browser }) => {
  test.slow();

  // The supplier plans one A-class agreement: policy sends it to a buyer, then a manager.
  const supplier = await signIn(browser, "supplier@northwind.example");
  const agreementId = fixtures().agreements.buyerThenManager[1].id;
  await supplier.goto(`/t/acme/plans/new?agreement=${agreementId}`);
  const lines = supplier.getByTestId("plan-line");
  await expect(lines).toHaveCount(1);
  const missingReason = supplier.locator('input[name$=".reason"][aria-invalid="true"]');
  await expect(async () => {
    if ((await missingReason.count()) > 0) await missingReason.first().fill("Covers the A-class item's forecast");
    await expect(missingReason).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await supplier.getByRole("button", { name: "Submit plan" }).click();
  await expect(supplier).toHaveURL(/\/plans\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(supplier.getByTestId("toast")).toContainText(/Plan RP-\d{4}-\d{5} was submitted\./);
  const planUrl = supplier.url().replace(/\?.*$/, "");
  // The URL changes a moment before the plan page renders: wait for its heading, not the builder's.
  const heading = supplier.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^Plan RP-\d{4}-\d{5}$/);
  const number = (await heading.innerText()).replace("Plan ", "");
  const route = supplier.getByTestId("plan-route");
  await expect(route).toContainText("Buyer · waiting");
  await expect(route).toContainText("Manager");
  await expect(route).toContainText("Line 1 is an A-class item.");

  // The buyer finds it in the approval queue and changes its quantity by one pack.
  const buyer = await signIn(browser, "buyer@acme.example");
  await buyer
    .getByRole("navigation", { name: "Main navigation" })
    .getByRole("link", { name: /Approvals/ })
    .click();
  await buyer.getByRole("link", { name: number }).click();
  await expect(buyer.getByRole("heading", { level: 1 })).toHaveText(`Plan ${number}`);
  const review = buyer.getByTestId("review-line-1");
  await expect(review).toContainText(/Holding cost CN¥[\d,.]+ \(held about [\d,.]+ days\)/);
  const pack = numberOf(/pack ([\d,.]+)/.exec(await review.innerText())![1]);
  const qty = review.getByLabel("Accepted quantity");
  const submitted = numberOf(await qty.inputValue());
  const changed = submitted + pack;
  await expect(async () => {
    // Typed until the page has hydrated: the decision follows the quantity (IQ).
    await qty.fill(String(changed));
    await expect(review.getByLabel("Decision for line 1")).toHaveValue("IQ", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await review.getByLabel("Reason").fill("One more pack before the holidays");
  // The projection's text alternative is in the page.
  await review.getByText("Projection", { exact: true }).click();
  await expect(review.locator("figcaption")).toContainText("Projected stock with and without line 1");
  await buyer.getByRole("button", { name: "Record decisions" }).click();
  await expect(buyer.getByTestId("toast")).toContainText("Your step is done; the plan now waits for a manager.");
  // The outcome is also at the top of the page, where the focus goes after the long review.
  await expect(buyer.getByTestId("plan-outcome")).toContainText("Your step is done");
  await expect(buyer.getByTestId("plan-outcome")).toBeFocused();
  await expect(buyer.locator("[data-plan-status]")).toHaveText("In review");

  // The manager's queue now holds it; the buyer's decision is prefilled, and the manager approves.
  const manager = await signIn(browser, "manager@acme.example");
  await manager.goto("/t/acme/approvals");
  await manager.getByRole("link", { name: number }).click();
  const managerReview = manager.getByTestId("review-line-1");
  await expect(managerReview).toContainText("Buyer's decision: Accept with quantity change (IQ)");
  await expect(managerReview.getByLabel("Decision for line 1")).toHaveValue("IQ");
  await expect(managerReview.getByLabel("Accepted quantity")).toHaveValue(String(changed));
  await manager.getByRole("button", { name: "Record decisions" }).click();
  await expect(manager.getByTestId("toast")).toContainText("Your decisions were recorded.");
  await expect(manager.locator("[data-plan-status]")).toHaveText("Approved");
  await expect(manager.getByTestId("plan-decision-code")).toHaveText("Accepted with changes (AC)");

  // The supplier sees the decision, and records the shipment of the approved quantity.
  await supplier.goto(planUrl);
  await expect(supplier.locator("[data-plan-status]")).toHaveText("Approved");
  await expect(supplier.getByTestId("line-decision-1")).toContainText("IQ");
  await expect(supplier.getByTestId("line-decision-1")).toContainText(changed.toLocaleString("en-US"));
  await supplier.getByRole("link", { name: "Record shipment" }).click();
  await expect(supplier.getByLabel("Quantity of line 1")).toHaveValue(String(changed));
  await supplier.getByLabel("Carrier").fill("SF Express");
  await supplier.getByLabel("Tracking number").fill("SF1234567890");
  await supplier.getByRole("button", { name: "Record shipment" }).click();
  await expect(supplier).toHaveURL(planUrl);
  await expect(supplier.getByTestId("toast")).toContainText(/The shipment was recorded as ASN-\d{4}-\d{5}\./);
  await expect(supplier.getByTestId("plan-lines").locator("tbody tr").first()).toContainText("Shipped");

  // The buyer opens the notice from the shipments list (one row per notice) and receives its line.
  await buyer.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Shipments" }).click();
  const row = buyer.locator("tbody tr", { has: buyer.getByRole("link", { name: number }) }).first();
  await row.locator("a[href*='/shipments/']").click();
  await expect(buyer.getByRole("heading", { level: 1 })).toContainText(/Shipping notice ASN-\d{4}-\d{5}/);
  await expect(buyer.getByLabel("Received quantity of line 1")).toHaveValue(String(changed));
  await expect(buyer.getByLabel("Receive line 1")).toBeChecked();
  await buyer.getByRole("button", { name: "Record receipt" }).click();
  await expect(buyer).toHaveURL(/\/shipments\/[0-9a-f-]{36}$/);
  await expect(buyer.getByTestId("toast")).toContainText("The receipt was recorded.");

  // On-time delivery shows on the line, for the buyer and the supplier.
  for (const page of [buyer, supplier]) {
    await page.goto(planUrl);
    const fulfilment = page.getByTestId("line-fulfilment-1");
    await expect(fulfilment).toContainText("On time");
    await expect(fulfilment).toContainText("Fill rate 100%");
  }
  await expect(supplier.getByTestId("plan-lines").locator("tbody tr").first()).toContainText("Received");
});
