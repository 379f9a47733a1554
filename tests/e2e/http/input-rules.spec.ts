import { type APIRequestContext, expect, test } from "@playwright/test";
import { getPage, newClient, signedInClient } from "../support";
import { openBuilder, planForm, post, textOf } from "./plan-forms";

/**
 * What the attack on the portal found, over HTTP: a NUL or another control character in the
 * inventory search or a form field, and quantities written in hexadecimal, binary, octal or with
 * an exponent. Each is a 400 that names the field in its own words (never a 500), and nothing is
 * written: every refusal here happens before a service runs, so the demo data stays as it was.
 * Pages are read in English (the demo users' language unless a test changes it).
 */
test.describe.configure({ mode: "default" });

const BUYER = "buyer@acme.example";
const NORTHWIND = "supplier@northwind.example";

const SEARCH_CONTROL = "Remove the control characters (such as NUL) from the search.";
const TEXT_CONTROL = "Remove the control characters (such as NUL) from this text.";
const SEPARATOR = "Write the number without thousands separators, such as 1000 or 1250.5.";

/** Ids of the agreements on the first page of the member's inventory list. */
async function agreementIds(client: APIRequestContext): Promise<string[]> {
  const html = await (await getPage(client, "/t/acme/inventory")).text();
  const ids = [...new Set([...html.matchAll(/href="\/t\/acme\/inventory\/([0-9a-f-]{36})"/g)].map((m) => m[1]))];
  expect(ids.length, "the inventory lists agreements").toBeGreaterThan(2);
  return ids;
}

test("the inventory search refuses control characters and over-long text with a 400 beside the field, on the page and in the export", async () => {
  const buyer = await signedInClient(BUYER);

  const control = await buyer.get("/t/acme/inventory?q=%01&status=below_min");
  expect(control.status()).toBe(400);
  const html = await control.text();
  expect(html).toMatch(/<input[^>]*id="q"[^>]*aria-invalid="true"[^>]*aria-describedby="q-error"/);
  expect(html).toContain(`<p id="q-error" role="alert"`);
  expect(textOf(html)).toContain(SEARCH_CONTROL);
  // The rest of the view stands: the filters are kept and the list is shown.
  expect(textOf(html)).toMatch(/Agreements: [\d,]+/);

  const long = await buyer.get(`/t/acme/inventory?q=${"x".repeat(101)}`);
  expect(long.status()).toBe(400);
  expect(textOf(await long.text())).toContain("Search for at most 100 characters.");

  const exported = await buyer.get("/t/acme/inventory/export?q=%1b");
  expect(exported.status()).toBe(400);
  expect(await exported.text()).toBe(SEARCH_CONTROL);

  // A NUL is refused the same way (never a database error), on the page and in the export.
  for (const path of ["/t/acme/inventory?q=%00", "/t/acme/inventory/export?q=%00", "/t/acme/inventory?q=a%00b&page=2"]) {
    expect((await buyer.get(path)).status(), path).toBe(400);
  }

  // A plain search still works, and a page number in another base is page 1.
  expect((await buyer.get("/t/acme/inventory?q=%20a%20")).status()).toBe(200);
  const hexPage = await buyer.get("/t/acme/inventory?page=0x2");
  expect(hexPage.status()).toBe(200);
  expect(textOf(await hexPage.text())).toMatch(/Showing 1–/);
});

test("the plan builder refuses a hexadecimal, binary, octal, exponent or grouped quantity and a reason with a control character", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const builder = await openBuilder(northwind);
  expect(builder.lines.length, "the proposal has a line to change").toBeGreaterThan(0);
  const first = { ...builder.lines[0], reason: "Covers forecast demand" };

  for (const [qty, message] of [
    ["0x1c20", "Enter a number."],
    ["0b11", "Enter a number."],
    ["0o17", "Enter a number."],
    ["1e3", "Enter a number."],
    ["Infinity", "Enter a number."],
    ["1,000", SEPARATOR],
  ] as const) {
    const response = await post(northwind, "/t/acme/plans/new", planForm([{ ...first, qty }], { requestId: builder.requestId }));
    expect(response.status(), qty).toBe(400);
    expect(textOf(await response.text()), qty).toContain(`Line 1, Quantity: ${message}`);
  }

  const reason = await post(
    northwind,
    "/t/acme/plans/new",
    planForm([{ ...first, reason: "Promo\u0001week" }], { requestId: builder.requestId }),
  );
  expect(reason.status()).toBe(400);
  expect(textOf(await reason.text())).toContain(`Line 1, Reason: ${TEXT_CONTROL}`);

  const note = await post(
    northwind,
    "/t/acme/plans/new",
    planForm([first], { requestId: builder.requestId, note: "see\u001battached" }),
  );
  expect(note.status()).toBe(400);
  expect(textOf(await note.text())).toContain(TEXT_CONTROL);

  for (const form of [
    planForm([{ ...first, reason: "Promo\u0000week" }], { requestId: builder.requestId }),
    planForm([first], { requestId: builder.requestId, note: "\u0000" }),
  ]) {
    expect((await post(northwind, "/t/acme/plans/new", form)).status()).toBe(400);
  }
});

test("an agreement edit refuses terms in another base, with an exponent or with separators, each with its field's message", async () => {
  const buyer = await signedInClient(BUYER);
  const ids = await agreementIds(buyer);
  const agreementId = ids[ids.length - 1];
  const page = await getPage(buyer, `/t/acme/inventory/${agreementId}/edit`);
  expect(page.status()).toBe(200);
  const terms = {
    minQty: "10",
    maxQty: "50",
    leadTimeDays: "5",
    leadTimeSdDays: "1",
    moq: "0",
    packSize: "1",
    reviewPeriodDays: "7",
    version: "1",
  };

  for (const [field, value, message] of [
    ["minQty", "0x1c20", "Enter the min as a number."],
    ["maxQty", "0b11", "Enter the max as a number."],
    ["moq", "0o17", "Enter the MOQ as a number."],
    ["packSize", "1e3", "Enter the pack size as a number."],
    ["reviewPeriodDays", "0x7", "Enter the review period as a whole number of days."],
    ["maxQty", "1,000", SEPARATOR],
    ["minQty", "10.00001", "The min has at most 4 decimals."],
    ["leadTimeDays", "2.555", "The lead time has at most 2 decimals."],
  ] as const) {
    const response = await post(buyer, `/t/acme/inventory/${agreementId}/edit`, { ...terms, [field]: value });
    expect(response.status(), `${field}=${value}`).toBe(400);
    expect(textOf(await response.text()), `${field}=${value}`).toContain(message);
  }
});

test("a band proposal refuses a hexadecimal band and a reason with a control character", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const [agreementId] = await agreementIds(northwind);
  const response = await post(northwind, `/t/acme/inventory/${agreementId}`, {
    intent: "propose",
    minQty: "0x10",
    maxQty: "20",
    reason: "Seasonal\u0001peak",
  });
  expect(response.status()).toBe(400);
  const text = textOf(await response.text());
  expect(text).toContain("Enter the min as a number.");
  expect(text).toContain("Remove the control characters (such as NUL) from the reason.");
});

test("the sign-in email follows the text rule: a control character is the form's own message, not a 500", async () => {
  const client = await newClient();
  const response = await client.post("/login", {
    form: { email: "buyer@acme.example\u0001", password: "vmi-demo-2026", redirectTo: "" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  expect(textOf(await response.text())).toContain("Enter a valid email address");
});
