import { type APIRequestContext, expect, test } from "@playwright/test";
import { fixtures, getPage, signedInClient } from "../support";

/**
 * Shipments over HTTP: a supplier records an ASN against its approved plan (the fixture plan that
 * the test server's preparation had the buyer approve, its one line not shipped yet), corrects it,
 * and the buyer receives it; another supplier gets 404 for that plan's ASN form and for the
 * notice, buyer roles get 404 for the ASN form and the correction, a supplier's receipt POST is a
 * 404 that changes nothing, and a notice received is no longer corrected or cancelled. Northwind
 * ships (no other test changes its language, so pages read in English); Contoso is the other
 * supplier, judged by status codes only.
 */
test.describe.configure({ mode: "default" });

const NORTHWIND = "supplier@northwind.example";
const CONTOSO = "supplier@contoso.example";
const BUYER = "buyer@acme.example";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
const textOf = (html: string) =>
  decode(html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();

function inputValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name.replace(/[[\]().]/g, "\\$&")}"[^>]*>`).exec(html)?.[0];
  return input ? decode(/ value="([^"]*)"/.exec(input)?.[1] ?? "") : undefined;
}

async function html(client: APIRequestContext, path: string) {
  const response = await getPage(client, path);
  expect(response.status(), path).toBe(200);
  return response.text();
}

function post(client: APIRequestContext, path: string, form: Record<string, string>) {
  return client.post(path, { form, maxRedirects: 0 });
}

interface AsnForm {
  path: string;
  requestId: string;
  shipDate: string;
  lines: { lineId: string; qty: string; expectedArrival: string }[];
  /** The first line with a quantity left to ship (prefilled), or -1. */
  chosen: number;
}

function parseAsnForm(path: string, page: string): AsnForm {
  const count = page.split('data-testid="asn-line"').length - 1;
  // A plan with nothing left to ship shows no form at all.
  const requestId = inputValue(page, "requestId") ?? "";
  if (count > 0) expect(requestId).toMatch(new RegExp(`^${UUID}$`));
  const lines = Array.from({ length: count }, (_, i) => ({
    lineId: inputValue(page, `lines[${i}].lineId`) ?? "",
    qty: inputValue(page, `lines[${i}].qty`) ?? "",
    expectedArrival: inputValue(page, `lines[${i}].expectedArrival`) ?? "",
  }));
  return {
    path,
    requestId,
    shipDate: inputValue(page, "shipDate") ?? "",
    lines,
    chosen: lines.findIndex((l) => Number(l.qty) > 0),
  };
}

/** The form's POST body with only the chosen line ticked, at `qty`. */
function oneLine(form: AsnForm, qty: string) {
  const body: Record<string, string> = {
    requestId: form.requestId,
    shipDate: form.shipDate,
    carrier: "SF Express",
    tracking: "SF1234567890",
  };
  form.lines.forEach((l, i) => {
    body[`lines[${i}].lineId`] = l.lineId;
    body[`lines[${i}].qty`] = i === form.chosen ? qty : l.qty;
    body[`lines[${i}].expectedArrival`] = l.expectedArrival;
    if (i === form.chosen) body[`lines[${i}].ship`] = "on";
  });
  return body;
}

/** The shipment in transit of a plan, from the member's shipment list (newest ship date first). */
async function inTransitShipmentOf(client: APIRequestContext, plan: string) {
  for (let page = 1; page < 100; page++) {
    const list = await html(client, `/t/acme/shipments?status=in_transit&page=${page}`);
    const rows = list.split("<tr ").filter((row) => row.includes("data-shipment-id="));
    const row = rows.find((r) => r.includes(`href="/t/acme/plans/${plan}"`));
    if (row) return new RegExp(`data-shipment-id="(${UUID})"`).exec(row)?.[1] ?? "";
    if (rows.length === 0 || !list.includes('rel="next"')) break;
  }
  return "";
}

const shipmentCount = async (client: APIRequestContext, query = "") =>
  Number(/Shipments: ([\d,]+)/.exec(textOf(await html(client, `/t/acme/shipments${query}`)))?.[1].replace(/,/g, "") ?? NaN);

let northwind: APIRequestContext;
let contoso: APIRequestContext;
let buyer: APIRequestContext;
let asn: AsnForm;
let planId: string;
let shipmentId: string;

test.beforeAll(async () => {
  [northwind, contoso, buyer] = await Promise.all([signedInClient(NORTHWIND), signedInClient(CONTOSO), signedInClient(BUYER)]);
});

test.afterAll(async () => {
  await Promise.all([northwind?.dispose(), contoso?.dispose(), buyer?.dispose()]);
});

test("a supplier opens the ASN form of its own approved plan, prefilled with what remains to ship", async () => {
  const plan = fixtures().plans.toShip;
  planId = plan.id;
  expect(await html(northwind, `/t/acme/plans/${planId}`), "the fixture plan is approved").toContain(
    'data-plan-status="approved"',
  );
  const path = `/t/acme/shipments/new?plan=${planId}`;
  asn = parseAsnForm(path, await html(northwind, path));
  // Its one line, approved as submitted and not shipped yet: all of it remains to ship.
  expect(asn.lines).toHaveLength(1);
  expect(asn.chosen, "the approved plan still has a line to ship").toBe(0);
  expect(Number(asn.lines[0].qty)).toBe(plan.qty);
  expect(asn.shipDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(asn.lines[asn.chosen].lineId).toMatch(new RegExp(`^${UUID}$`));
  expect(asn.lines[asn.chosen].expectedArrival).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test("another supplier and buyer roles get 404 for the ASN form, and their POST writes nothing", async () => {
  const before = await shipmentCount(buyer);
  for (const client of [contoso, buyer]) {
    expect((await getPage(client, asn.path)).status()).toBe(404);
    expect((await post(client, asn.path, oneLine(asn, "1"))).status()).toBe(404);
  }
  expect((await getPage(northwind, "/t/acme/shipments/new?plan=not-a-plan")).status()).toBe(404);
  expect(await shipmentCount(buyer)).toBe(before);
});

test("an ASN above the allowed quantity is refused naming the line and field; a double submit records one ASN", async () => {
  const before = await shipmentCount(northwind);
  const refused = await post(northwind, asn.path, oneLine(asn, "999999999"));
  expect(refused.status()).toBe(400);
  expect(textOf(await refused.text())).toMatch(/Line \d+, Quantity: at most [\d,.]+ more can be shipped/);
  expect(await shipmentCount(northwind)).toBe(before);

  for (let i = 0; i < 2; i++) {
    const response = await post(northwind, asn.path, oneLine(asn, asn.lines[asn.chosen].qty));
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe(`/t/acme/plans/${planId}`);
    // The plan page it goes to says the shipment was recorded (a toast, read once).
    const plan = textOf(await html(northwind, response.headers().location));
    expect(plan).toMatch(/The shipment was recorded as ASN-\d{4}-\d{5}\./);
  }
  expect(await shipmentCount(northwind)).toBe(before + 1);

  shipmentId = await inTransitShipmentOf(northwind, planId);
  expect(shipmentId).toMatch(new RegExp(`^${UUID}$`));
  const page = textOf(await html(northwind, `/t/acme/shipments/${shipmentId}`));
  expect(page).toContain("SF1234567890");
  expect(page).toContain("In transit");
});

/** The receipt form's body for the notice's one line, as rendered, with `qty` when given. */
function receipt(page: string, qty?: string) {
  return {
    intent: "receive",
    "lines[0].shipmentId": inputValue(page, "lines[0].shipmentId") ?? "",
    "lines[0].receive": "on",
    "lines[0].receivedQty": qty ?? inputValue(page, "lines[0].receivedQty") ?? "",
    "lines[0].receivedOn": inputValue(page, "lines[0].receivedOn") ?? "",
  };
}

/** The correction form's body as rendered, with the changes given. */
function correction(page: string, changes: Record<string, string>) {
  return {
    intent: "correct",
    carrier: inputValue(page, "carrier") ?? "",
    tracking: inputValue(page, "tracking") ?? "",
    "lines[0].shipmentId": inputValue(page, "lines[0].shipmentId") ?? "",
    "lines[0].qty": inputValue(page, "lines[0].qty") ?? "",
    "lines[0].expectedArrival": inputValue(page, "lines[0].expectedArrival") ?? "",
    ...changes,
  };
}

test("another supplier gets 404 for the notice; a supplier's receipt POST and a buyer's correction are 404s that change nothing", async () => {
  const buyerPage = await html(buyer, `/t/acme/shipments/${shipmentId}`);
  expect(buyerPage).toContain('data-shipment-status="in_transit"');
  expect((await getPage(contoso, `/t/acme/shipments/${shipmentId}`)).status()).toBe(404);
  expect((await post(contoso, `/t/acme/shipments/${shipmentId}`, receipt(buyerPage, "1"))).status()).toBe(404);
  const own = await html(northwind, `/t/acme/shipments/${shipmentId}`);
  expect(own).not.toContain('name="lines[0].receivedQty"');
  expect(own).toContain('name="lines[0].qty"');
  expect((await post(northwind, `/t/acme/shipments/${shipmentId}`, receipt(buyerPage, "1"))).status()).toBe(404);
  expect((await post(contoso, `/t/acme/shipments/${shipmentId}`, correction(own, { tracking: "X" }))).status()).toBe(404);
  expect((await post(buyer, `/t/acme/shipments/${shipmentId}`, correction(own, { tracking: "X" }))).status()).toBe(404);
  expect(buyerPage).not.toContain('name="lines[0].qty"');
  expect(textOf(await html(buyer, `/t/acme/shipments/${shipmentId}`))).toContain("SF1234567890");
});

test("the supplier corrects its notice before any of it is received: refused with the line named, then saved", async () => {
  const page = await html(northwind, `/t/acme/shipments/${shipmentId}`);
  const refused = await post(northwind, `/t/acme/shipments/${shipmentId}`, correction(page, { "lines[0].qty": "0" }));
  expect(refused.status()).toBe(400);
  expect(textOf(await refused.text())).toMatch(/Line \d+, Quantity: must be more than 0\./);

  const saved = await post(northwind, `/t/acme/shipments/${shipmentId}`, correction(page, { tracking: "SF-CORRECTED-1" }));
  expect(saved.status()).toBe(302);
  expect(saved.headers().location).toBe(`/t/acme/shipments/${shipmentId}`);
  expect(textOf(await html(northwind, saved.headers().location))).toMatch(/Notice ASN-\d{4}-\d{5} was corrected/);
  expect(textOf(await html(buyer, `/t/acme/shipments/${shipmentId}`))).toContain("SF-CORRECTED-1");
});

test("the buyer receives the notice once; a second receipt is a conflict, and the supplier can no longer cancel it", async () => {
  const page = await html(buyer, `/t/acme/shipments/${shipmentId}`);
  expect(Number(inputValue(page, "lines[0].receivedQty"))).toBeGreaterThan(0);
  const bad = await post(buyer, `/t/acme/shipments/${shipmentId}`, receipt(page, "-1"));
  expect(bad.status()).toBe(400);
  expect(textOf(await bad.text())).toMatch(/Line \d+, Received quantity: must be 0 or more\./);

  const response = await post(buyer, `/t/acme/shipments/${shipmentId}`, receipt(page));
  expect(response.status()).toBe(302);
  expect(response.headers().location).toBe(`/t/acme/shipments/${shipmentId}`);
  const after = await html(buyer, response.headers().location);
  expect(after).toContain('data-shipment-status="received"');
  expect(textOf(after)).toContain("The receipt was recorded.");
  // Said once: the page opened again shows it no more.
  expect(textOf(await html(buyer, `/t/acme/shipments/${shipmentId}`))).not.toContain("The receipt was recorded.");
  expect(after).not.toContain('name="lines[0].receivedQty"');
  const again = await post(buyer, `/t/acme/shipments/${shipmentId}`, receipt(page));
  expect(again.status()).toBe(409);
  expect(textOf(await again.text())).toContain("This shipment has changed");

  expect(await html(northwind, `/t/acme/shipments/${shipmentId}`)).not.toContain('value="cancel"');
  const cancel = await post(northwind, `/t/acme/shipments/${shipmentId}`, { intent: "cancel", confirm: "on" });
  expect(cancel.status()).toBe(409);
  expect(textOf(await cancel.text())).toContain("Part of this notice has been received");
});
