import { type APIRequestContext, expect, test } from "@playwright/test";
import { getPage, signedInClient } from "../support";

/**
 * Agreement editing and band proposals over HTTP, as the demo's buyer and suppliers: the buyer
 * edits an agreement and the agreement page shows the new band; a stale form is a 409 that writes
 * nothing; suppliers get 404 for the edit page and its POST, and for another supplier's agreement;
 * a supplier proposes a band, the buyer accepts it and the band changes.
 *
 * The tests run one after another and put every band they change back as it was, so that other
 * files' tests of the same server see the demo's bands. Pages are read in English (the demo
 * users' language unless a test changes it; the texts checked here are the forms' own).
 */
test.describe.configure({ mode: "default" });

const BUYER = "buyer@acme.example";
const NORTHWIND = "supplier@northwind.example";
const CONTOSO = "supplier@contoso.example";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
const num = (text: string) => Number(text.replace(/,/g, ""));

/** Ids of the agreements on the first page of the member's inventory list. */
async function agreementIds(client: APIRequestContext): Promise<string[]> {
  const html = await (await getPage(client, "/t/acme/inventory")).text();
  const ids = [...new Set([...html.matchAll(/href="\/t\/acme\/inventory\/([0-9a-f-]{36})"/g)].map((m) => m[1]))];
  expect(ids.length, "the inventory lists agreements").toBeGreaterThan(2);
  return ids;
}

/** The agreed band the agreement page shows. */
async function agreedBand(client: APIRequestContext, agreementId: string) {
  const response = await getPage(client, `/t/acme/inventory/${agreementId}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  const band = /data-testid="agreed-band"[^>]*>([^<]*(?:<!-- -->[^<]*)*)<\/span>/.exec(html)?.[1];
  expect(band, "the agreement page shows the agreed band").toBeTruthy();
  const [min, max] = textOf(band!)
    .split("–")
    .map((part) => num(part.trim()));
  return { min, max, html };
}

function inputValue(html: string, name: string): string {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  expect(input, `the form has a ${name} field`).toBeTruthy();
  return decode(/ value="([^"]*)"/.exec(input!)?.[1] ?? "");
}

const FIELDS = ["minQty", "maxQty", "leadTimeDays", "leadTimeSdDays", "moq", "packSize", "reviewPeriodDays"] as const;

/** The edit form as the server renders it: the version and every term's value. */
async function editForm(client: APIRequestContext, agreementId: string) {
  const response = await getPage(client, `/t/acme/inventory/${agreementId}/edit`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  const values = Object.fromEntries(FIELDS.map((f) => [f, inputValue(html, f)])) as Record<(typeof FIELDS)[number], string>;
  return { version: inputValue(html, "version"), values, html };
}

function post(client: APIRequestContext, path: string, form: Record<string, string>) {
  return client.post(path, { form, maxRedirects: 0 });
}

/** Puts an agreement's band back through the edit form. */
async function restoreBand(buyer: APIRequestContext, agreementId: string, band: { min: number; max: number }) {
  const form = await editForm(buyer, agreementId);
  const response = await post(buyer, `/t/acme/inventory/${agreementId}/edit`, {
    ...form.values,
    minQty: String(band.min),
    maxQty: String(band.max),
    version: form.version,
  });
  expect(response.status()).toBe(302);
  const restored = await agreedBand(buyer, agreementId);
  expect([restored.min, restored.max]).toEqual([band.min, band.max]);
}

test("a buyer edits an agreement and the agreement page shows the new band; a stale form is a 409", async () => {
  const buyer = await signedInClient(BUYER);
  const [agreementId] = await agreementIds(buyer);
  const original = await agreedBand(buyer, agreementId);
  const form = await editForm(buyer, agreementId);
  expect(form.html).toContain("Recommended");
  expect(num(form.values.minQty)).toBe(original.min);

  const newBand = { min: original.min + 7, max: Math.max(original.max, original.min + 7) + 11 };
  const saved = await post(buyer, `/t/acme/inventory/${agreementId}/edit`, {
    ...form.values,
    minQty: String(newBand.min),
    maxQty: String(newBand.max),
    version: form.version,
  });
  expect(saved.status()).toBe(302);
  expect(saved.headers().location).toBe(`/t/acme/inventory/${agreementId}`);
  // The agreement page it goes to shows the new band and says it was saved (a toast, read once).
  const after = await agreedBand(buyer, agreementId);
  expect([after.min, after.max]).toEqual([newBand.min, newBand.max]);
  expect(textOf(after.html)).toContain("The agreement was saved.");
  expect(textOf((await agreedBand(buyer, agreementId)).html)).not.toContain("The agreement was saved.");
  expect(Number((await editForm(buyer, agreementId)).version)).toBe(Number(form.version) + 1);

  // The form loaded before the save is stale now: 409, and the band stays as saved.
  const stale = await post(buyer, `/t/acme/inventory/${agreementId}/edit`, {
    ...form.values,
    maxQty: String(newBand.max + 100),
    version: form.version,
  });
  expect(stale.status()).toBe(409);
  expect(textOf(await stale.text())).toContain("This agreement has changed since you opened it — reload");
  expect((await agreedBand(buyer, agreementId)).max).toBe(newBand.max);

  // A form without its version is refused like a stale one.
  const noVersion = await post(buyer, `/t/acme/inventory/${agreementId}/edit`, {
    ...form.values,
    maxQty: String(newBand.max + 100),
  });
  expect(noVersion.status()).toBe(409);
  expect((await agreedBand(buyer, agreementId)).max).toBe(newBand.max);

  // A max below the min is refused, naming the field, and nothing is written.
  const current = await editForm(buyer, agreementId);
  const invalid = await post(buyer, `/t/acme/inventory/${agreementId}/edit`, {
    ...current.values,
    minQty: "50",
    maxQty: "10",
    version: current.version,
  });
  expect(invalid.status()).toBe(400);
  const invalidHtml = await invalid.text();
  expect(textOf(invalidHtml)).toContain("The max must be at least the min.");
  expect(invalidHtml).toMatch(/name="maxQty"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="maxQty"/);
  expect((await editForm(buyer, agreementId)).version).toBe(current.version);

  await restoreBand(buyer, agreementId, original);
});

test("suppliers get 404 for the edit page and its POST, and for another supplier's agreement", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const contoso = await signedInClient(CONTOSO);
  const buyer = await signedInClient(BUYER);
  const [own] = await agreementIds(northwind);
  const [contosos] = await agreementIds(contoso);
  const before = await agreedBand(buyer, own);

  expect((await getPage(northwind, `/t/acme/inventory/${own}/edit`)).status()).toBe(404);
  const posted = await post(northwind, `/t/acme/inventory/${own}/edit`, {
    minQty: "1",
    maxQty: "2",
    leadTimeDays: "1",
    leadTimeSdDays: "0",
    moq: "0",
    packSize: "1",
    reviewPeriodDays: "7",
    version: "1",
  });
  expect(posted.status()).toBe(404);
  const after = await agreedBand(buyer, own);
  expect([after.min, after.max]).toEqual([before.min, before.max]);

  // Another supplier's agreement: its page, its edit page and a proposal for it are all 404.
  expect((await getPage(northwind, `/t/acme/inventory/${contosos}`)).status()).toBe(404);
  expect((await getPage(northwind, `/t/acme/inventory/${contosos}/edit`)).status()).toBe(404);
  const proposed = await post(northwind, `/t/acme/inventory/${contosos}`, {
    intent: "propose",
    minQty: "1",
    maxQty: "2",
    reason: "not mine",
  });
  expect(proposed.status()).toBe(404);
  // The supplier's own agreement page offers no edit link.
  const ownPage = await (await getPage(northwind, `/t/acme/inventory/${own}`)).text();
  expect(ownPage).not.toContain(`/t/acme/inventory/${own}/edit`);
});

test("a supplier proposes a band, the buyer accepts it and the band changes", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const buyer = await signedInClient(BUYER);
  // An agreement without a pending proposal (the demo may hold some): its page offers the form.
  let agreementId: string | undefined;
  for (const id of await agreementIds(northwind)) {
    const html = await (await getPage(northwind, `/t/acme/inventory/${id}`)).text();
    if (html.includes('data-testid="propose-form"')) {
      agreementId = id;
      break;
    }
  }
  expect(agreementId, "an agreement of northwind's without a pending proposal").toMatch(UUID);
  const original = await agreedBand(buyer, agreementId!);
  const proposedBand = { min: original.min + 5, max: Math.max(original.max, original.min + 5) + 20 };

  // A reason is required, and the error names it.
  const noReason = await post(northwind, `/t/acme/inventory/${agreementId}`, {
    intent: "propose",
    minQty: String(proposedBand.min),
    maxQty: String(proposedBand.max),
    reason: " ",
  });
  expect(noReason.status()).toBe(400);
  expect(textOf(await noReason.text())).toContain("Give a reason for the proposed band.");

  const proposed = await post(northwind, `/t/acme/inventory/${agreementId}`, {
    intent: "propose",
    minQty: String(proposedBand.min),
    maxQty: String(proposedBand.max),
    reason: "Demand grew after the new line started",
  });
  expect(proposed.status()).toBe(302);
  expect(proposed.headers().location).toBe(`/t/acme/inventory/${agreementId}`);
  expect(textOf(await (await getPage(northwind, proposed.headers().location!)).text())).toContain(
    "Your proposal was sent to the buyer.",
  );

  // Only one pending proposal per agreement.
  const second = await post(northwind, `/t/acme/inventory/${agreementId}`, {
    intent: "propose",
    minQty: "1",
    maxQty: "2",
    reason: "again",
  });
  expect(second.status()).toBe(409);
  expect(textOf(await second.text())).toContain("already has a pending proposal");

  // The buyer finds it in the proposals list and on the agreement page, with the decision form;
  // another supplier's list does not show it.
  const list = await getPage(buyer, "/t/acme/proposals");
  expect(list.status()).toBe(200);
  expect(await list.text()).toContain(`href="/t/acme/inventory/${agreementId}"`);
  const contoso = await signedInClient(CONTOSO);
  const contosoList = await getPage(contoso, "/t/acme/proposals");
  expect(contosoList.status()).toBe(200);
  expect(await contosoList.text()).not.toContain(agreementId!);
  const page = await (await getPage(buyer, `/t/acme/inventory/${agreementId}`)).text();
  expect(textOf(page)).toContain("Demand grew after the new line started");
  const proposalId = /data-testid="decision-form"[\s\S]*?name="proposalId" value="([0-9a-f-]{36})"/.exec(page)?.[1];
  expect(proposalId, "the decision form names the proposal").toMatch(UUID);
  // The supplier may not decide its own proposal.
  expect(
    (await post(northwind, `/t/acme/inventory/${agreementId}`, { intent: "accept", proposalId: proposalId! })).status(),
  ).toBe(404);

  const accepted = await post(buyer, `/t/acme/inventory/${agreementId}`, {
    intent: "accept",
    proposalId: proposalId!,
    comment: "",
  });
  expect(accepted.status()).toBe(302);
  expect(accepted.headers().location).toBe(`/t/acme/inventory/${agreementId}`);
  const after = await agreedBand(buyer, agreementId!);
  expect([after.min, after.max]).toEqual([proposedBand.min, proposedBand.max]);
  expect(textOf(after.html)).toContain("The proposal was accepted: the agreement has the new band.");
  const supplierView = await agreedBand(northwind, agreementId!);
  expect([supplierView.min, supplierView.max]).toEqual([proposedBand.min, proposedBand.max]);
  expect(supplierView.html).toContain('data-status="accepted"');

  // Decided once: deciding again is a 409.
  const again = await post(buyer, `/t/acme/inventory/${agreementId}`, {
    intent: "reject",
    proposalId: proposalId!,
    comment: "too late",
  });
  expect(again.status()).toBe(409);

  await restoreBand(buyer, agreementId!, original);
});
