import { type APIRequestContext, expect, test } from "@playwright/test";
import { getPage, signedInClient } from "../support";

/**
 * Shipments over HTTP, on the seeded demo: a supplier records an ASN against one of its approved
 * plans and the buyer receives it; another supplier gets 404 for that plan's ASN form and for the
 * shipment, buyer roles get 404 for the ASN form, and a supplier's receipt POST is a 404 that
 * changes nothing. Northwind ships (no other test changes its language, so pages read in English);
 * Contoso is the other supplier, judged by status codes only.
 */
test.describe.configure({ mode: "default" });

const NORTHWIND = "supplier@northwind.example";
const CONTOSO = "supplier@contoso.example";
const BUYER = "buyer@acme.example";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const decode = (s: string) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const textOf = (html: string) => decode(html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").trim();

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

/** The supplier filter's id for a supplier, from the buyer's shipment list. */
async function supplierId(buyer: APIRequestContext, name: string) {
  const page = await html(buyer, "/t/acme/shipments");
  const id = new RegExp(`<option value="(${UUID})">${name}</option>`).exec(page)?.[1];
  expect(id, `${name} is in the supplier filter`).toBeTruthy();
  return id!;
}

/** Approved and partially approved plans of a supplier, as the buyer's plan list shows them. */
async function approvedPlans(buyer: APIRequestContext, supplier: string) {
  const ids: string[] = [];
  for (const status of ["approved", "partially_approved"]) {
    const page = await html(buyer, `/t/acme/plans?status=${status}&supplier=${supplier}`);
    ids.push(...[...page.matchAll(new RegExp(`/t/acme/plans/(${UUID})"`, "g"))].map((m) => m[1]));
  }
  return [...new Set(ids)];
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
  return { path, requestId, shipDate: inputValue(page, "shipDate") ?? "", lines, chosen: lines.findIndex((l) => Number(l.qty) > 0) };
}

/** The form's POST body with only the chosen line ticked, at `qty`. */
function oneLine(form: AsnForm, qty: string) {
  const body: Record<string, string> = { requestId: form.requestId, shipDate: form.shipDate, carrier: "SF Express", tracking: "SF1234567890" };
  form.lines.forEach((l, i) => {
    body[`lines[${i}].lineId`] = l.lineId;
    body[`lines[${i}].qty`] = i === form.chosen ? qty : l.qty;
    body[`lines[${i}].expectedArrival`] = l.expectedArrival;
    if (i === form.chosen) body[`lines[${i}].ship`] = "on";
  });
  return body;
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
  const plans = await approvedPlans(buyer, await supplierId(buyer, "Northwind Components"));
  expect(plans.length, "the demo has approved Northwind plans").toBeGreaterThan(0);
  for (const id of plans) {
    const path = `/t/acme/shipments/new?plan=${id}`;
    const form = parseAsnForm(path, await html(northwind, path));
    if (form.chosen >= 0) {
      asn = form;
      planId = id;
      break;
    }
  }
  expect(asn, "one approved Northwind plan still has a line to ship").toBeTruthy();
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
    expect(response.headers().location).toBe(`/t/acme/plans/${planId}?done=shipped`);
  }
  expect(await shipmentCount(northwind)).toBe(before + 1);

  const list = await html(northwind, "/t/acme/shipments?status=in_transit");
  shipmentId = new RegExp(`data-shipment-id="(${UUID})"`).exec(list)?.[1] ?? "";
  expect(shipmentId).toMatch(new RegExp(`^${UUID}$`));
  const page = textOf(await html(northwind, `/t/acme/shipments/${shipmentId}`));
  expect(page).toContain("SF1234567890");
  expect(page).toContain("In transit");
});

test("another supplier gets 404 for the shipment; a supplier's receipt POST is a 404 that changes nothing", async () => {
  expect((await getPage(contoso, `/t/acme/shipments/${shipmentId}`)).status()).toBe(404);
  expect((await post(contoso, `/t/acme/shipments/${shipmentId}`, { intent: "receive", receivedQty: "1", receivedOn: asn.shipDate })).status()).toBe(404);
  const own = await html(northwind, `/t/acme/shipments/${shipmentId}`);
  expect(own).not.toContain('name="receivedQty"');
  expect((await post(northwind, `/t/acme/shipments/${shipmentId}`, { intent: "receive", receivedQty: "1", receivedOn: asn.shipDate })).status()).toBe(404);
  expect(await html(buyer, `/t/acme/shipments/${shipmentId}`)).toContain('data-shipment-status="in_transit"');
});

test("the buyer receives the shipment once; a second receipt is a conflict", async () => {
  const page = await html(buyer, `/t/acme/shipments/${shipmentId}`);
  const receivedQty = inputValue(page, "receivedQty") ?? "";
  const receivedOn = inputValue(page, "receivedOn") ?? "";
  expect(Number(receivedQty)).toBeGreaterThan(0);
  const bad = await post(buyer, `/t/acme/shipments/${shipmentId}`, { intent: "receive", receivedQty: "-1", receivedOn });
  expect(bad.status()).toBe(400);
  expect(textOf(await bad.text())).toContain("Received quantity: must be 0 or more.");

  const response = await post(buyer, `/t/acme/shipments/${shipmentId}`, { intent: "receive", receivedQty, receivedOn });
  expect(response.status()).toBe(302);
  const after = await html(buyer, `/t/acme/shipments/${shipmentId}`);
  expect(after).toContain('data-shipment-status="received"');
  expect(after).not.toContain('name="receivedQty"');
  const again = await post(buyer, `/t/acme/shipments/${shipmentId}`, { intent: "receive", receivedQty, receivedOn });
  expect(again.status()).toBe(409);
  expect(textOf(await again.text())).toContain("This shipment has changed");
});
