import { type APIRequestContext, expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { fixtures, getPage, signedInClient } from "../support";
import { builderLines, createPlan, decode, type Line, openBuilder, planForm, planIdOf, post, textOf, UUID } from "./plan-forms";

/**
 * The supplier workspace over HTTP: agreements, the CSV export and plans of another supplier or
 * another company are a 404 that confirms nothing; forged and bad builder input is a 400 that
 * names the line and field and writes nothing; the same form posted twice is one plan; and a plan
 * goes through submit → request changes → revise → resubmit.
 *
 * The tests of this file run one after another; each creates the plans it needs, with lines read
 * from the supplier's own plan builder for fixture agreements of class CZ (a buyer decides their
 * plans, none is approved at submission). Pages are read as text in English: plans are written as
 * northwind's supplier, whose language no other test changes (the contoso browser test switches
 * its account to Chinese for a while), and what contoso's supplier is shown is judged by status
 * and content only, never by wording.
 */
test.describe.configure({ mode: "default" });

const SKU = /\b(NW|CT|FB|IN)-[A-Z0-9-]+/g;
const CONTOSO = "supplier@contoso.example";
const NORTHWIND = "supplier@northwind.example";
const FABRIKAM = "supplier@fabrikam.example";
const BUYER = "buyer@acme.example";

/** Ids of every plan in the signed-in member's plans list, page by page. */
async function planIds(client: APIRequestContext, tenant = "acme") {
  const ids = new Set<string>();
  for (let page = 1; page < 1_000; page++) {
    const html = await (await getPage(client, `/t/${tenant}/plans?page=${page}`)).text();
    const found = [...html.matchAll(new RegExp(`href="/t/${tenant}/plans/([0-9a-f-]{36})"`, "g"))].map((m) => m[1]);
    for (const id of found) ids.add(id);
    if (found.length === 0 || !html.includes('rel="next"')) break;
  }
  return ids;
}

/**
 * The plans added to the member's list since `before` whose page shows `token` (posted as their
 * note). Other test files add plans to the same server meanwhile, so a test tells its own plans
 * apart by a token rather than by counting.
 */
async function addedPlansWith(client: APIRequestContext, before: ReadonlySet<string>, token: string) {
  const ours: string[] = [];
  for (const id of await planIds(client)) {
    if (!before.has(id) && (await planPage(client, id)).html.includes(token)) ours.push(id);
  }
  return ours;
}

async function planPage(client: APIRequestContext, planId: string) {
  const response = await getPage(client, `/t/acme/plans/${planId}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  return {
    html,
    status: /data-plan-status="([a-z_]+)"/.exec(html)?.[1],
    lockVersion: /<input type="hidden" name="lockVersion" value="(\d+)"/.exec(html)?.[1],
  };
}

/** The items of the builder's error summary, as text. */
function errorItems(html: string): string[] {
  const summary = /data-testid="plan-errors"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1];
  expect(summary, "a refused form shows the error summary").toBeTruthy();
  return [...summary!.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]));
}

/** An agreement of the buyer's company (of the given supplier, with a SKU prefix), with its SKU and item. */
async function agreementOfSupplier(buyer: APIRequestContext, tenant: string, supplierName?: string, skuPrefix = "[A-Z]{2}-") {
  let query = "";
  if (supplierName) {
    const html = await (await getPage(buyer, `/t/${tenant}/inventory`)).text();
    const supplierId = new RegExp(`<option value="([0-9a-f-]{36})">${supplierName}</option>`).exec(html)?.[1];
    expect(supplierId, supplierName).toMatch(UUID);
    query = `?supplier=${supplierId}`;
  }
  const html = await (await getPage(buyer, `/t/${tenant}/inventory${query}`)).text();
  const row = new RegExp(`href="/t/${tenant}/inventory/([0-9a-f-]{36})">(${skuPrefix}[A-Z0-9-]+)</a></td><td>([^<]+)</td>`).exec(
    html,
  );
  expect(row, `an agreement row in ${tenant}'s inventory`).toBeTruthy();
  return { id: row![1], sku: row![2], item: decode(row![3]) };
}

/** Cells of a CSV document (RFC 4180: quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Agreements and the export

test("another supplier's or another company's agreement is a 404 that names nothing of it", async () => {
  const buyer = await signedInClient(BUYER);
  const northwindAgreement = await agreementOfSupplier(buyer, "acme", "Northwind Components");
  expect(northwindAgreement.sku).toMatch(/^NW-/);
  const globexBuyer = await signedInClient("buyer@globex.example");
  const globexAgreement = await agreementOfSupplier(globexBuyer, "globex");

  // The ids are real: their own side sees them.
  expect((await getPage(buyer, `/t/acme/inventory/${northwindAgreement.id}`)).status()).toBe(200);
  const northwind = await signedInClient(NORTHWIND);
  expect((await getPage(northwind, `/t/acme/inventory/${northwindAgreement.id}`)).status()).toBe(200);
  expect((await getPage(globexBuyer, `/t/globex/inventory/${globexAgreement.id}`)).status()).toBe(200);

  const contoso = await signedInClient(CONTOSO);
  for (const [path, foreign] of [
    [`/t/acme/inventory/${northwindAgreement.id}`, northwindAgreement],
    [`/t/acme/inventory/${globexAgreement.id}`, globexAgreement],
    [`/t/globex/inventory/${globexAgreement.id}`, globexAgreement],
  ] as const) {
    const response = await getPage(contoso, path);
    expect(response.status(), path).toBe(404);
    const html = await response.text();
    expect(html, path).not.toMatch(SKU);
    expect(html, path).not.toContain(foreign.sku);
    expect(html, path).not.toContain(foreign.item);
    expect(html, path).not.toMatch(/Northwind|Globex Retail/);
  }
});

test("a supplier's CSV export holds only its own SKUs, even with another supplier in the URL", async () => {
  const buyer = await signedInClient(BUYER);
  const inventory = await (await getPage(buyer, "/t/acme/inventory")).text();
  const northwindId = /<option value="([0-9a-f-]{36})">Northwind Components<\/option>/.exec(inventory)?.[1];
  expect(northwindId).toMatch(UUID);

  const fabrikam = await signedInClient(FABRIKAM);
  for (const query of ["", `?supplier=${northwindId}`, `?supplier=${northwindId}&q=NW-`]) {
    const response = await getPage(fabrikam, `/t/acme/inventory/export${query}`);
    expect(response.status(), query).toBe(200);
    const headers = response.headers();
    expect(headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(headers["content-disposition"]).toMatch(/^attachment; filename="inventory-acme-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(headers["cache-control"]).toBe("no-store");

    const body = await response.body();
    // UTF-8 byte-order mark, CRLF line ends (no bare LF), a final CRLF.
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString("utf8").slice(1);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    expect(text).not.toMatch(/Northwind|Contoso|Globex/);

    const [header, ...rows] = parseCsv(text);
    expect(header.slice(0, 4)).toEqual(["SKU", "Item", "UoM", "Site"]);
    expect(header, "a supplier's export has no supplier column").not.toContain("Supplier");
    if (query.includes("q=NW-")) {
      // Searching for another supplier's SKUs finds none of them.
      expect(rows, query).toHaveLength(0);
      continue;
    }
    expect(rows.length, query).toBeGreaterThan(20);
    for (const row of rows) {
      expect(row.length, row.join(",")).toBe(header.length);
      expect(row[0], query).toMatch(/^FB-/);
      for (const cell of row) {
        // A text cell never starts a formula; numbers stay numbers (a minus sign is a number's).
        if (/^-?\d+(\.\d+)?$/.test(cell)) continue;
        expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Plans of another supplier, and buyer roles

test("another supplier's plan is a 404: its page, its edit page, withdraw and revise", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const { id } = await createPlan(northwind, [fixtures().agreements.buyerOnly[0].id]);
  const own = await planPage(northwind, id);
  expect(own.status).toBe("submitted");
  const buyer = await signedInClient(BUYER);
  expect((await getPage(buyer, `/t/acme/plans/${id}`)).status(), "the buyer sees the plan").toBe(200);

  const fabrikam = await signedInClient(FABRIKAM);
  for (const path of [`/t/acme/plans/${id}`, `/t/acme/plans/${id}/edit`]) {
    const response = await getPage(fabrikam, path);
    expect(response.status(), path).toBe(404);
    const html = await response.text();
    expect(html, path).not.toMatch(/Northwind|NW-|RP-\d{4}/);
  }
  for (const intent of ["withdraw", "revise", "request-changes"]) {
    const response = await post(fabrikam, `/t/acme/plans/${id}`, { intent, lockVersion: own.lockVersion ?? "0", comment: "no" });
    expect(response.status(), intent).toBe(404);
    expect(await response.text(), intent).not.toMatch(/Northwind|NW-|RP-\d{4}/);
  }
  // Editing it through the builder's POST, with a line of fabrikam's own, is a 404 too.
  const { lines } = await builderLines(fabrikam, [fixtures().agreements.fabrikamBelowMin.id]);
  const edit = await post(
    fabrikam,
    `/t/acme/plans/${id}/edit`,
    planForm(lines, { requestId: randomUUID(), lockVersion: own.lockVersion }),
  );
  expect(edit.status()).toBe(404);

  // Nothing happened to it.
  const after = await planPage(northwind, id);
  expect(after.status).toBe("submitted");
  expect(after.lockVersion).toBe(own.lockVersion);
});

test("buyer roles cannot open or post the plan builder, and nothing is written", async () => {
  // A real supplier line, so that only the role could refuse the form.
  const northwind = await signedInClient(NORTHWIND);
  const { lines } = await builderLines(northwind, [fixtures().agreements.buyerOnly[0].id]);
  const token = `buyer-post-${randomUUID()}`;

  for (const email of ["buyer@acme.example", "manager@acme.example", "admin@acme.example"]) {
    const client = await signedInClient(email);
    const before = await planIds(client);

    const page = await getPage(client, "/t/acme/plans/new");
    expect(page.status(), email).toBe(404);
    expect(await page.text(), email).not.toContain('name="requestId"');

    for (const intent of ["submit", "draft"]) {
      const response = await post(client, "/t/acme/plans/new", planForm(lines, { requestId: randomUUID(), intent, note: token }));
      expect(response.status(), `${email} ${intent}`).toBe(404);
    }

    // No new plan of ours: other tests may add plans meanwhile, so any newcomer is opened and
    // must not be the one just posted.
    expect(await addedPlansWith(client, before, token), email).toEqual([]);
  }
});

// ---------------------------------------------------------------------------------------------
// Bad input in the builder

test("a forged agreement in the builder form is a 400 naming the line and field, and writes nothing", async () => {
  test.setTimeout(60_000); // ten refused posts, each answered with the whole builder again
  const buyer = await signedInClient(BUYER);
  const contosoAgreement = await agreementOfSupplier(buyer, "acme", "Contoso Packaging");
  // Another company's agreement of another supplier (northwind works in globex too).
  const globexAgreement = await agreementOfSupplier(await signedInClient("buyer@globex.example"), "globex", undefined, "IN-");

  const northwind = await signedInClient(NORTHWIND);
  const [good, second] = (
    await builderLines(
      northwind,
      fixtures().agreements.buyerOnly.map((a) => a.id),
    )
  ).lines;
  const before = await planIds(northwind);
  const token = `forged-${randomUUID()}`;

  for (const forged of [contosoAgreement.id, globexAgreement.id, randomUUID(), "not-a-uuid", "' or 1=1 --"]) {
    for (const intent of ["submit", "draft"]) {
      // The forged agreement on line 2, with the quantities and dates of a valid line.
      const lines = [good, { ...second, agreementId: forged }];
      const response = await post(
        northwind,
        "/t/acme/plans/new",
        planForm(lines, { requestId: randomUUID(), intent, note: token }),
      );
      expect(response.status(), `${forged} ${intent}`).toBe(400);
      const html = await response.text();
      expect(errorItems(html), forged).toEqual(["Line 2, Item at site: Not one of your agreements."]);
      expect(html).toContain('href="#lines[1].agreementId"');
      // The answer is the same for every kind of forged id, and names nothing of it.
      expect(html).not.toMatch(/Contoso|CT-\d|IN-\d/);
      expect(html).not.toContain(contosoAgreement.item);
    }
  }
  expect(await addedPlansWith(northwind, before, token)).toEqual([]);
});

test("every form error names its line and field, and a refused form writes nothing", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const { lines: started } = await builderLines(northwind, [fixtures().agreements.buyerOnly[0].id]);
  const before = await planIds(northwind);
  const note = `refused-${randomUUID()}`;
  const withPack = started.find((l) => (l.packSize ?? 0) > 7 && (l.moq ?? 0) > 7);
  expect(withPack, "a line whose pack size and MOQ are above 7").toBeTruthy();
  const base = { ...withPack!, reason: "Test" };

  const lines: Line[] = [
    { ...base, qty: "7" }, // not whole packs, below the MOQ
    { ...base, arrivalDate: "2020-01-01" }, // arrives before it ships
    { ...base, qty: "abc" }, // not a number
    { ...base, shipDate: "2026-02-30" }, // not a calendar date
    { ...base, qty: "0" }, // not positive
    { ...base, arrivalDate: "" }, // missing
    { ...base, shipDate: "2000-01-03", arrivalDate: "2000-01-05" }, // ships in the past
  ];
  const response = await post(northwind, "/t/acme/plans/new", planForm(lines, { requestId: randomUUID(), note }));
  expect(response.status()).toBe(400);
  const html = await response.text();
  const items = errorItems(html);
  const pack = base.packSize!.toLocaleString("en-US");
  expect(items).toContain(`Line 1, Quantity: Must be a multiple of the pack size (${pack}).`);
  expect(items.some((i) => i.startsWith("Line 1, Quantity: Below the MOQ: at least "))).toBe(true);
  expect(items.some((i) => i.startsWith("Line 2, Arrival date: Arrival is before the ship date ("))).toBe(true);
  expect(items).toContain("Line 3, Quantity: Enter a number.");
  expect(items).toContain("Line 4, Ship date: Enter a date as YYYY-MM-DD.");
  expect(items).toContain("Line 5, Quantity: Quantity must be more than 0.");
  expect(items).toContain("Line 6, Arrival date: Enter this.");
  expect(items.some((i) => i.startsWith("Line 7, Ship date: Ship date is before today ("))).toBe(true);
  // Every item names a line and a field, and links to that field.
  for (const item of items) expect(item).toMatch(/^Line \d+, (Item at site|Quantity|Ship date|Arrival date|Reason): \S/);
  const links = [...html.matchAll(/href="#lines\[(\d+)\]\.(agreementId|qty|shipDate|arrivalDate|reason)"/g)].map(
    (m) => `${m[1]}.${m[2]}`,
  );
  expect(new Set(links)).toEqual(
    new Set(["0.qty", "1.arrivalDate", "2.qty", "3.shipDate", "4.qty", "5.arrivalDate", "6.shipDate"]),
  );
  expect(items).toHaveLength(links.length);

  // A draft keeps only what a line cannot be stored with: arrival before ship date, qty ≤ 0.
  const draft = await post(
    northwind,
    "/t/acme/plans/new",
    planForm(lines.slice(0, 2), { requestId: randomUUID(), intent: "draft", note }),
  );
  expect(draft.status()).toBe(400);
  expect(errorItems(await draft.text()).map((i) => i.split(":")[0])).toEqual(["Line 2, Arrival date"]);

  // A reason left out where the plan lifts stock above max is an error of that line's reason.
  const above = { ...base, qty: String(Math.ceil(1e6 / base.packSize!) * base.packSize!), reason: "" };
  const noReason = await post(northwind, "/t/acme/plans/new", planForm([above], { requestId: randomUUID(), note }));
  expect(noReason.status()).toBe(400);
  expect(errorItems(await noReason.text()).some((i) => i.startsWith("Line 1, Reason: This line lifts stock above max"))).toBe(
    true,
  );

  // Submitting no lines at all is a plan-level error.
  const empty = await post(northwind, "/t/acme/plans/new", planForm([], { requestId: randomUUID(), note }));
  expect(empty.status()).toBe(400);
  expect(errorItems(await empty.text())).toEqual(["Add at least one line."]);

  expect(await addedPlansWith(northwind, before, note)).toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// The same form twice

test("the same builder form posted twice, one after the other or at once, creates one plan", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const before = await planIds(northwind);

  // One after the other: the second answer is the first plan.
  const agreements = fixtures().agreements.buyerOnly.map((a) => a.id);
  const first = await builderLines(northwind, agreements);
  const once = `posted-twice-${randomUUID()}`;
  const form = planForm(first.lines, { requestId: first.requestId, note: once });
  const a = await post(northwind, "/t/acme/plans/new", form);
  const b = await post(northwind, "/t/acme/plans/new", form);
  expect(planIdOf(b)).toBe(planIdOf(a));
  expect(b.headers().location).toBe(a.headers().location);
  expect(await addedPlansWith(northwind, before, once)).toEqual([planIdOf(a)]);

  // At once.
  const second = await builderLines(northwind, agreements);
  const atOnce = `posted-at-once-${randomUUID()}`;
  const twin = planForm(second.lines, { requestId: second.requestId, note: atOnce });
  const answers = await Promise.all([1, 2, 3].map(() => post(northwind, "/t/acme/plans/new", twin)));
  const ids = answers.map(planIdOf);
  expect(new Set(ids).size).toBe(1);
  expect(ids[0]).not.toBe(planIdOf(a));
  expect(await addedPlansWith(northwind, before, atOnce)).toEqual([ids[0]]);

  // A plan submitted once has one number and one "Submitted" event.
  const page = await planPage(northwind, ids[0]);
  expect(page.status).toBe("submitted");
  expect(page.html.match(/Submitted by the supplier/g)).toHaveLength(1);
});

// ---------------------------------------------------------------------------------------------
// The whole loop

test("a plan's loop: submit, changes requested, revise, resubmit; a stale withdraw is a 409", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const buyer = await signedInClient(BUYER);

  const note = `Loop test ${randomUUID().slice(0, 8)}`;
  const { id, lines } = await createPlan(
    northwind,
    fixtures().agreements.buyerOnly.map((a) => a.id),
    note,
  );
  let page = await planPage(northwind, id);
  const number = /<h1[^>]*>Plan (RP-\d{4}-\d{5})<\/h1>/.exec(page.html)?.[1];
  expect(number, "the plan page shows the plan's number").toMatch(/^RP-\d{4}-\d{5}$/);
  expect(page.status).toBe("submitted");
  expect(page.html).toMatch(/data-plan-status="submitted"[^>]*>Submitted</);
  expect(page.html).toContain(">v1<");
  expect(page.html).toContain(note);
  const plansList = await (await getPage(northwind, "/t/acme/plans")).text();
  expect(plansList).toContain(`href="/t/acme/plans/${id}">${number}</a>`);

  // The buyer sends it back, with a comment; without one it is a 400.
  const buyerView = await planPage(buyer, id);
  expect(buyerView.html).toContain(number!);
  const noComment = await post(buyer, `/t/acme/plans/${id}`, {
    intent: "request-changes",
    lockVersion: buyerView.lockVersion!,
    comment: "  ",
  });
  expect(noComment.status()).toBe(400);
  const comment = "Please split the first line over two weeks";
  const requested = await post(buyer, `/t/acme/plans/${id}`, {
    intent: "request-changes",
    lockVersion: buyerView.lockVersion!,
    comment,
  });
  expect(requested.status()).toBe(302);
  expect(requested.headers().location).toBe(`/t/acme/plans/${id}`);
  // The buyer's next page says so (a toast, read once).
  const told = textOf(await (await getPage(buyer, `/t/acme/plans/${id}`)).text());
  expect(told).toContain("The plan was sent back to the supplier.");

  page = await planPage(northwind, id);
  expect(page.status).toBe("changes_requested");
  expect(page.html).toContain(comment);
  const staleLock = buyerView.lockVersion!;
  expect(page.lockVersion).not.toBe(staleLock);

  // The supplier revises: version 2 is a draft, edited on the edit page.
  const revised = await post(northwind, `/t/acme/plans/${id}`, { intent: "revise", lockVersion: page.lockVersion! });
  expect(revised.status()).toBe(302);
  expect(revised.headers().location).toBe(`/t/acme/plans/${id}/edit`);
  const edit = await openBuilder(northwind, `/t/acme/plans/${id}/edit`);
  expect(edit.html).toContain(`Revise plan ${number} (version 2)`);
  // The revision says what was asked of it, above the builder.
  expect(edit.html).toContain('data-testid="changes-asked"');
  expect(textOf(edit.html)).toContain("What was asked of version 1");
  expect(textOf(edit.html)).toMatch(new RegExp(`Sent back by a buyer on [^“]+“${comment}”`));
  expect(edit.lockVersion).toMatch(/^\d+$/);
  expect(edit.lines.map((l) => l.agreementId)).toEqual(lines.map((l) => l.agreementId));
  expect(edit.lines.map((l) => l.qty)).toEqual(lines.map((l) => l.qty));

  // Version 2 keeps the first line only, and is submitted again.
  const resubmitted = await post(
    northwind,
    `/t/acme/plans/${id}/edit`,
    planForm([{ ...edit.lines[0], reason: "Split as asked" }], {
      requestId: edit.requestId,
      lockVersion: edit.lockVersion,
      note,
    }),
  );
  expect(planIdOf(resubmitted)).toBe(id);
  expect(resubmitted.headers().location).toBe(`/t/acme/plans/${id}`);

  // The plan page it goes to says it was submitted (a toast, read once).
  page = await planPage(northwind, id);
  expect(textOf(page.html)).toContain(`Plan ${number} was submitted.`);
  expect(page.status).toBe("submitted");
  expect(page.html).toContain(">v2<");
  expect(page.html).toContain(`Plan ${number}`);
  expect(page.html).toContain("Lines (version 2)");
  expect(page.html).toContain("Earlier versions");
  const timeline = textOf(/data-testid="plan-timeline"[^>]*>([\s\S]*?)<\/ol>/.exec(page.html)?.[1] ?? "");
  for (const event of [
    "Submitted by the supplier",
    "Changes requested by a buyer",
    comment,
    "Revised by the supplier",
    "Resubmitted by the supplier",
  ]) {
    expect(timeline).toContain(event);
  }
  expect(timeline).toMatch(/· v1 ·[\s\S]*· v2 ·|· v2 ·[\s\S]*· v1 ·/);

  // Withdrawing with the lock version of an earlier page: 409, nothing changes.
  const stale = await post(northwind, `/t/acme/plans/${id}`, { intent: "withdraw", lockVersion: staleLock });
  expect(stale.status()).toBe(409);
  expect(await stale.text()).toContain("This plan has changed since you opened it. Reload the page to see its current state.");
  expect((await planPage(northwind, id)).status).toBe("submitted");

  // With the current one, it is withdrawn.
  const withdrawn = await post(northwind, `/t/acme/plans/${id}`, { intent: "withdraw", lockVersion: page.lockVersion! });
  expect(withdrawn.status()).toBe(302);
  expect(withdrawn.headers().location).toBe(`/t/acme/plans/${id}`);
  page = await planPage(northwind, id);
  expect(page.status).toBe("withdrawn");
  expect(textOf(page.html)).toContain("The plan was withdrawn.");
});
