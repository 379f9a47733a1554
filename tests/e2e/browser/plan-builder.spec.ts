import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, fixtures } from "../support";

/**
 * A supplier builds a plan in Chromium. Fabrikam's supplier is used here only (the other browser
 * tests sign in as contoso and northwind), so the plan created does not change what they see.
 * Whatever the demo proposes on the day, the proposal opens on the fixture agreement with
 * fabrikam's lowest SKU, below min but not running out (so its line's effect changes only as the
 * quantity is typed); it is of class CZ, so the plan goes to a buyer and is never approved at
 * submission.
 */
const numberOf = (text: string) => Number(text.replace(/,/g, ""));

test("a supplier edits the proposed plan with live feedback, gives reasons, submits it and finds it listed", async ({ page }) => {
  // About a hundred proposed lines, each checked and projected again as the supplier types, and
  // a reason typed into each line that asks for one: minutes on a slow 2-core machine.
  test.setTimeout(240_000);
  await page.goto("/login");
  await page.getByLabel("Email").fill("supplier@fabrikam.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/t\/acme$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Needs attention");

  // The start page leads to the builder, which opens on the proposal.
  await page.getByRole("link", { name: "New plan", exact: true }).click();
  await expect(page).toHaveURL(/\/t\/acme\/plans\/new$/);
  // The URL changes before the builder renders its hundred-odd lines, slowly on a busy machine.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New replenishment plan", { timeout: 20_000 });
  const lines = page.getByTestId("plan-line");
  await expect(lines.first()).toBeVisible();
  expect(await lines.count()).toBeGreaterThan(0);
  await expect(page.locator("body")).not.toContainText(/NW-|CT-|Northwind|Contoso/);

  const line = lines.first();
  await expect(line.locator('select[name="lines[0].agreementId"]')).toHaveValue(fixtures().agreements.fabrikamBelowMin.id);
  const qty = line.getByLabel("Quantity", { exact: true });
  const effect = line.getByTestId("line-effect");
  const terms = await line.getByText(/· pack [\d,]+ ·/).innerText();
  const pack = numberOf(/pack ([\d,]+)/.exec(terms)![1]);
  const proposed = numberOf(await qty.inputValue());
  await expect(effect).toContainText(/On arrival: [\d,]+ → [\d,]+/);
  const before = await effect.innerText();
  const afterOf = (text: string) => numberOf(/On arrival: [\d,]+ → ([\d,]+)/.exec(text)![1]);

  // More whole packs: the line's effect follows as it is typed, without loading a page.
  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
  const requested = proposed + 5 * pack;
  await expect(async () => {
    // Typed again until the page has hydrated and reacts to the input.
    await qty.fill(String(requested));
    await expect(effect).not.toHaveText(before, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  // The checks and effects run deferred behind the typing: wait for the line's final effect.
  const settledAfter = async () => {
    const match = /On arrival: [\d,]+ → ([\d,]+)/.exec(await effect.innerText());
    return match ? numberOf(match[1]) : Number.NaN;
  };
  await expect.poll(settledAfter, { timeout: 10_000 }).toBe(afterOf(before) + 5 * pack);
  await expect(page).toHaveURL(/\/t\/acme\/plans\/new$/);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  // A reason wherever the builder asks for one.
  const missingReason = page.locator('input[name$=".reason"][aria-invalid="true"]');
  const lineCount = await lines.count();
  // The checks run deferred behind the typing, so the lines that ask for a reason are read, all
  // given one, and read again once the checks have caught up, until none asks any more.
  await expect(async () => {
    const asking = await missingReason.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).name));
    for (const name of asking) await page.locator(`input[name="${name}"]`).fill(`Planned by the e2e test (${name})`);
    await expect(missingReason).toHaveCount(0, { timeout: 15_000 });
  }).toPass({ timeout: 150_000 });
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Submit plan" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/plans\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^Plan RP-\d{4}-\d{5}$/);
  const number = (await heading.innerText()).replace("Plan ", "");
  await expect(page.locator("[data-plan-status]")).toHaveText("Submitted");
  await expect(page.getByTestId("toast")).toContainText(`Plan ${number} was submitted.`);
  const planLines = page.getByTestId("plan-lines").locator("tbody tr");
  await expect(planLines).toHaveCount(lineCount);
  await expect(planLines.first().locator("td").nth(4)).toContainText(requested.toLocaleString("en-US"));

  // The plans list shows it.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Plans" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/plans$/);
  const row = page.getByTestId("plans-table").locator("tbody tr", { has: page.getByRole("link", { name: number }) });
  await expect(row).toHaveCount(1);
  await expect(row.locator("[data-plan-status]")).toHaveText("Submitted");
});

test("a refused submission shows the server's errors by line and field, keeps what was typed, and a draft is saved", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto("/login");
  await page.getByLabel("Email").fill("supplier@fabrikam.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/t\/acme$/);
  await page.goto(`/t/acme/plans/new?agreement=${fixtures().agreements.fabrikamBelowMin.id}`);
  const line = page.getByTestId("plan-line").first();
  await expect(line).toBeVisible();
  const qty = line.getByLabel("Quantity", { exact: true });
  await expect(async () => {
    // Typed again until the page has hydrated and the live checks run.
    await qty.fill("0x10");
    await expect(qty).toHaveAttribute("aria-invalid", "true", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(line).toContainText("Enter a number.");
  await page.getByLabel("Note for the buyer").fill("Refused first");

  // The server refuses it too: the summary names the line and field, the page keeps what was typed.
  await page.getByRole("button", { name: "Submit plan" }).click();
  await expect(page.getByTestId("plan-errors")).toContainText("Line 1, Quantity: Enter a number.", { timeout: 20_000 });
  await expect(page).toHaveURL(/\/plans\/new\?agreement=/);
  await expect(qty).toHaveValue("0x10");
  await expect(page.getByLabel("Note for the buyer")).toHaveValue("Refused first");

  // A day in a message is in the reader's words, not as stored.
  await line.getByLabel("Ship date").fill("2020-01-02");
  await qty.fill("1000000");
  await expect(line).toContainText("Ship date is before today (");
  await expect(line).not.toContainText("2020-01-02)");

  // A draft may ship in the past: it is saved, and the plan's page says so.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/plans\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByTestId("toast")).toContainText("The draft was saved.");
  await page.getByRole("link", { name: "Edit draft" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByTestId("plan-line").first().getByLabel("Quantity", { exact: true })).toHaveValue("1000000");
});
