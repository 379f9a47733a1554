import { expect, type Page, test } from "@playwright/test";
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

const signIn = async (page: Page) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("supplier@fabrikam.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/t\/acme$/);
};
/** "3 of 116 lines in the plan; 50 shown" → 3, 116, 50. */
const selectionOf = async (page: Page) => {
  const [selected, total, shown] = (await page.getByTestId("plan-selection").innerText()).match(/[\d,]+/g)!.map(numberOf);
  return { selected, total, shown };
};

test("a supplier edits the proposed plan with live feedback, submits it without being asked for reasons and finds it listed", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Needs attention");

  // The start page leads to the builder, which opens on what must be decided now.
  await page.getByRole("link", { name: "New plan", exact: true }).click();
  await expect(page).toHaveURL(/\/t\/acme\/plans\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New replenishment plan", { timeout: 20_000 });
  await expect(
    page.getByRole("navigation", { name: "Proposal covers" }).getByRole("link", { name: "Decide now" }),
  ).toHaveAttribute("aria-current", "page");
  const lines = page.getByTestId("plan-line");
  await expect(lines.first()).toBeVisible();
  expect(await lines.count()).toBeGreaterThan(0);
  await expect(page.locator("body")).not.toContainText(/NW-|CT-|Northwind|Contoso/);
  // The proposal passes its own checks: no line asks for a reason (a line that breaks a rule
  // comes with its reason written).
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);

  const line = lines.first();
  await expect(line.locator('input[name="lines[0].agreementId"]')).toHaveValue(fixtures().agreements.fabrikamBelowMin.id);
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
  const settledAfter = async () => {
    const match = /On arrival: [\d,]+ → ([\d,]+)/.exec(await effect.innerText());
    return match ? numberOf(match[1]) : Number.NaN;
  };
  await expect.poll(settledAfter, { timeout: 10_000 }).toBe(afterOf(before) + 5 * pack);
  await expect(page).toHaveURL(/\/t\/acme\/plans\/new$/);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  // More than the proposal may lift stock above max: then that line, and only it, asks why.
  const missingReason = page.locator('input[name$=".reason"][aria-invalid="true"]');
  if ((await missingReason.count()) > 0) {
    await expect(missingReason).toHaveCount(1);
    await expect(missingReason).toHaveAttribute("name", "lines[0].reason");
    await missingReason.fill("Planned by the e2e test");
  }
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  const lineCount = (await selectionOf(page)).selected;

  await page.getByRole("button", { name: "Submit plan" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/plans\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^Plan RP-\d{4}-\d{5}$/);
  const number = (await heading.innerText()).replace("Plan ", "");
  await expect(page.locator("[data-plan-status]")).toHaveText("Submitted");
  await expect(page.getByTestId("toast")).toContainText(`Plan ${number} was submitted.`);
  const planLines = page.getByTestId("plan-lines").locator("tbody tr");
  // The plan's page may show its lines a page at a time.
  await expect(planLines.first()).toBeVisible();
  expect(await planLines.count()).toBeLessThanOrEqual(lineCount);
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
  await signIn(page);
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

  // The server refuses it too: the summary at the top takes the focus and names the line and
  // field, its entry leads to the field, the page keeps what was typed.
  await page.getByRole("button", { name: "Submit plan" }).click();
  const summary = page.getByTestId("plan-errors");
  await expect(summary).toContainText("Line 1, Quantity: Enter a number.", { timeout: 20_000 });
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: "Line 1, Quantity: Enter a number." }).click();
  await expect(qty).toBeFocused();
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

test("a long proposal is filtered, paged and selected a group at a time, without loading a page", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await page.goto("/t/acme/plans/new?horizon=8w");
  await expect(page.getByRole("navigation", { name: "Proposal covers" }).getByRole("link", { name: "8 weeks" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const lines = page.getByTestId("plan-line");
  await expect(lines.first()).toBeVisible();
  const { total } = await selectionOf(page);
  // A page at a time: the rest of the plan is posted as it is, off screen.
  expect(await lines.count()).toBe(Math.min(total, 50));
  if (total > 50) await expect(page.getByTestId("plan-page").first()).toHaveText(`Page 1 of ${Math.ceil(total / 50)}`);

  await page.evaluate(() => ((window as unknown as { __samePage: boolean }).__samePage = true));
  const deselect = page.getByRole("button", { name: /^Deselect all shown/ });
  await expect(async () => {
    // Clicked again until the page has hydrated.
    await deselect.click();
    await expect(page.getByTestId("plan-selection")).toContainText(`0 of ${total.toLocaleString("en-US")} lines`, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  await expect(lines.first().getByRole("checkbox", { name: "Include line in the plan" })).not.toBeChecked();
  await expect(lines.first().getByLabel("Quantity", { exact: true })).toBeDisabled();

  // One site's lines, all of them in the plan at once.
  const filters = page.getByTestId("plan-filters");
  const site = filters.getByLabel("Site");
  const firstSite = await site.locator("option").nth(1).getAttribute("value");
  await site.selectOption(firstSite!);
  const { shown } = await selectionOf(page);
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThanOrEqual(total);
  await page.getByRole("button", { name: `Select all shown (${shown})`, exact: true }).click();
  await expect(page.getByTestId("plan-selection")).toContainText(`${shown} of ${total.toLocaleString("en-US")} lines`);
  await expect(lines.first().getByRole("checkbox", { name: "Include line in the plan" })).toBeChecked();
  await expect(lines.first()).toHaveAttribute("data-line", "1");

  // The lines shipping by today only: the class and urgency filters narrow the same way.
  await filters.getByLabel("Ships by").fill(fixtures().today);
  const byToday = await selectionOf(page);
  expect(byToday.shown).toBeLessThanOrEqual(shown);
  await filters.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("plan-selection")).toContainText(`; ${total.toLocaleString("en-US")} shown`);
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);

  // Only the selected lines are posted: the draft has them all.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/t\/acme\/plans\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByTestId("toast")).toContainText("The draft was saved.");
  await page.getByRole("link", { name: "Edit draft" }).click();
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByTestId("plan-selection")).toContainText(`${shown} of ${shown} lines`);
});
