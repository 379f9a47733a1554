import { expect, test } from "@playwright/test";
import { getPage, signedInClient } from "../support";

/**
 * The compliance pages over HTTP: who may open what, and what a supplier can never see. A
 * supplier's scorecard is its own: another supplier's id in the URL is a 404 naming nothing, and
 * the buyer-side pages are 404 for suppliers. Pages are read in English.
 */

const MANAGER = "manager@acme.example";
const NORTHWIND = "supplier@northwind.example";
const CONTOSO = "supplier@contoso.example";
const GLOBEX_BUYER = "buyer@globex.example";

/** The supplier ids of acme, as the manager's ranking links them. */
async function supplierIds() {
  const manager = await signedInClient(MANAGER);
  const html = await (await getPage(manager, "/t/acme/compliance/suppliers")).text();
  const id = (name: string) => new RegExp(`/compliance/suppliers/([0-9a-f-]{36})\\?[^"]*">${name}<`).exec(html)?.[1];
  const ids = { northwind: id("Northwind Components"), contoso: id("Contoso Packaging"), fabrikam: id("Fabrikam Chemicals") };
  for (const [name, value] of Object.entries(ids)) expect(value, `the ranking links ${name}`).toBeTruthy();
  return ids as Record<keyof typeof ids, string>;
}

test("the manager's dashboard shows every KPI beside the previous period, and the ranking every supplier", async () => {
  const manager = await signedInClient(MANAGER);
  const dashboard = await getPage(manager, "/t/acme/compliance");
  expect(dashboard.status()).toBe(200);
  const html = await dashboard.text();
  for (const label of [
    "Band compliance",
    "Below min",
    "Stockout rate",
    "Above max",
    "On-time delivery",
    "Fill rate",
    "Inventory turnover",
    "Days inventory outstanding",
    "Dead stock",
    "Holding cost",
    "Plan decision time (median)",
    "Plan decision time (p90)",
  ]) {
    expect(html, label).toContain(`>${label}</p>`);
  }
  expect(html).toMatch(/13 weeks, facts to /);
  // Each card is described by its definition.
  expect(html).toContain("Share of agreement-days with min ≤ on hand ≤ max");
  expect(html).toMatch(/aria-describedby="kpi-bandCompliance-help"/);

  const ranking = await (await getPage(manager, "/t/acme/compliance/suppliers?weeks=4")).text();
  expect(ranking).toContain("3 suppliers");
  for (const name of ["Northwind Components", "Contoso Packaging", "Fabrikam Chemicals"]) expect(ranking).toContain(name);
  expect(ranking).toMatch(/4 weeks, facts to /);
});

test("a custom period names the field that is wrong and keeps the page usable", async () => {
  const manager = await signedInClient(MANAGER);
  const reversed = await (await getPage(manager, "/t/acme/compliance?weeks=custom&from=2026-06-30&to=2026-06-01")).text();
  expect(reversed).toContain("The start must not be after the end.");
  expect(reversed).toMatch(/id="period-to"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="period-to"/);
  expect(reversed).toMatch(/13 weeks, facts to /);
  const garbage = await (await getPage(manager, "/t/acme/compliance?weeks=custom&from=yesterday&to=")).text();
  expect(garbage).toContain("Enter a date as YYYY-MM-DD.");
  expect(garbage).toContain("Enter both dates for a custom period.");
  // A Wednesday about nine weeks ago to the Saturday of the week after next: three whole weeks.
  const day = 86_400_000;
  const back = new Date(Date.now() - 63 * day);
  const monday = new Date(
    Date.UTC(back.getUTCFullYear(), back.getUTCMonth(), back.getUTCDate()) - ((back.getUTCDay() + 6) % 7) * day,
  );
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  const label = (date: Date) =>
    new Intl.DateTimeFormat("en", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(date);
  const from = new Date(monday.getTime() + 2 * day);
  const to = new Date(monday.getTime() + 19 * day);
  const custom = await (await getPage(manager, `/t/acme/compliance?weeks=custom&from=${iso(from)}&to=${iso(to)}`)).text();
  expect(custom).toContain(`${label(monday)} – ${label(new Date(monday.getTime() + 20 * day))} (3 weeks`);
});

test("a supplier sees its own scorecard and gets 404 for another's, and for the buyer-side pages", async () => {
  const ids = await supplierIds();
  const northwind = await signedInClient(NORTHWIND);
  const own = await getPage(northwind, "/t/acme/scorecard");
  expect(own.status()).toBe(200);
  const html = await own.text();
  expect(html).toContain("How Northwind Components keeps the stock it manages at Acme Manufacturing");
  expect(html).toMatch(/NW-\d+/);
  expect(html).not.toMatch(/\bCT-\d+|\bFB-\d+|Contoso|Fabrikam/);

  for (const path of [
    `/t/acme/compliance/suppliers/${ids.contoso}`,
    `/t/acme/compliance/suppliers/${ids.northwind}`,
    "/t/acme/compliance",
    "/t/acme/compliance/suppliers",
  ]) {
    const response = await getPage(northwind, path);
    expect(response.status(), path).toBe(404);
    expect(await response.text(), path).not.toMatch(/Contoso|Fabrikam|Band compliance/);
  }
  // The scorecard takes the supplier from the membership: a query cannot change it.
  const contoso = await signedInClient(CONTOSO);
  const contosoHtml = await (
    await getPage(contoso, `/t/acme/scorecard?supplier=${ids.northwind}&supplierId=${ids.northwind}`)
  ).text();
  expect(contosoHtml).toContain("How Contoso Packaging keeps the stock");
  expect(contosoHtml).not.toMatch(/\bNW-\d+|Northwind/);
});

test("buyer roles open any supplier's scorecard; an unknown or another company's supplier is a 404", async () => {
  const ids = await supplierIds();
  const manager = await signedInClient(MANAGER);
  const scorecard = await getPage(manager, `/t/acme/compliance/suppliers/${ids.contoso}?weeks=52`);
  expect(scorecard.status()).toBe(200);
  const html = await scorecard.text();
  expect(html).toContain("Scorecard: Contoso Packaging");
  expect(html).toContain("Agreements furthest from their bands");
  expect(html).toMatch(/CT-\d+/);
  expect(html).not.toMatch(/\bNW-\d+|\bFB-\d+/);
  for (const path of [
    "/t/acme/compliance/suppliers/00000000-0000-4000-8000-000000000000",
    "/t/acme/compliance/suppliers/not-a-uuid",
    "/t/acme/scorecard",
  ]) {
    expect((await getPage(manager, path)).status(), path).toBe(404);
  }
  // Globex's buyer: acme's pages and acme's supplier ids do not exist for it.
  const globex = await signedInClient(GLOBEX_BUYER);
  expect((await getPage(globex, `/t/acme/compliance/suppliers/${ids.contoso}`)).status()).toBe(404);
  expect((await getPage(globex, `/t/globex/compliance/suppliers/${ids.contoso}`)).status()).toBe(404);
});

test("every compliance table downloads as CSV and as Excel for buyer roles", async () => {
  const ids = await supplierIds();
  const manager = await signedInClient(MANAGER);
  const csv = await getPage(manager, "/t/acme/compliance/export?table=suppliers&format=csv&weeks=4");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(csv.headers()["content-disposition"]).toMatch(
    /^attachment; filename="suppliers-acme-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const text = await csv.text();
  expect(text.startsWith("\uFEFFSupplier code,Supplier,Agreements,Band compliance (%)")).toBe(true);
  const lines = text.trim().split("\r\n");
  expect(lines).toHaveLength(4);
  expect(
    lines
      .slice(1)
      .map((line) => line.split(",")[0])
      .sort(),
  ).toEqual(["contoso", "fabrikam", "northwind"]);

  const xlsx = await getPage(manager, "/t/acme/compliance/export?table=suppliers&format=xlsx&weeks=4");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(xlsx.headers()["content-disposition"]).toMatch(/\.xlsx"$/);
  const bytes = await xlsx.body();
  expect(bytes.subarray(0, 2).toString()).toBe("PK");

  for (const table of ["kpis", "weekly", "cells", "transitions", "movers", "dead", "overstock", "at-risk"]) {
    for (const format of ["csv", "xlsx"]) {
      const response = await getPage(manager, `/t/acme/compliance/export?table=${table}&format=${format}`);
      expect(response.status(), `${table}.${format}`).toBe(200);
    }
  }
  const worst = await (await getPage(manager, `/t/acme/compliance/export?table=worst&supplier=${ids.contoso}`)).text();
  expect(worst).toMatch(/\r\nCT-\d+/);
  expect(worst).not.toMatch(/NW-\d+|FB-\d+/);
  expect((await getPage(manager, "/t/acme/compliance/export?table=secrets")).status()).toBe(404);
  expect((await getPage(manager, "/t/acme/compliance/export?table=worst")).status()).toBe(404);
  // A wrong period is named, not exported as another one.
  const wrong = await getPage(manager, "/t/acme/compliance/export?table=kpis&weeks=custom&from=2026-06-30&to=2026-06-01");
  expect(wrong.status()).toBe(400);
  expect(await wrong.text()).toBe("The start must not be after the end.");
});

test("a supplier exports only its own scorecard's tables", async () => {
  const ids = await supplierIds();
  const northwind = await signedInClient(NORTHWIND);
  for (const table of ["suppliers", "cells", "transitions", "movers", "dead", "overstock", "at-risk"]) {
    expect((await getPage(northwind, `/t/acme/compliance/export?table=${table}`)).status(), table).toBe(404);
  }
  const own = await getPage(northwind, `/t/acme/compliance/export?table=worst&supplier=${ids.contoso}`);
  expect(own.status()).toBe(200);
  expect(own.headers()["content-disposition"]).toMatch(/filename="scorecard-northwind-agreements-/);
  const text = await own.text();
  expect(text).toMatch(/\r\nNW-\d+/);
  expect(text).not.toMatch(/CT-\d+|FB-\d+|Contoso/);
  const kpis = await getPage(northwind, `/t/acme/compliance/export?table=kpis&supplier=${ids.fabrikam}&format=xlsx`);
  expect(kpis.status()).toBe(200);
  expect(kpis.headers()["content-disposition"]).toMatch(/filename="scorecard-northwind-kpis-/);
});

test("inventory health counts what the inventory list filters: at risk and above max", async () => {
  const manager = await signedInClient(MANAGER);
  const health = await getPage(manager, "/t/acme/compliance/health");
  expect(health.status()).toBe(200);
  const html = await health.text();
  const atRisk = Number(/(\d+) agreements are projected to run out within their lead time/.exec(html)?.[1]);
  const overstock = Number(/(\d+) agreements are above max/.exec(html)?.[1]);
  expect(/(\d+) agreements hold [^<]+ of stock without consumption for 180 days or more/.test(html)).toBe(true);
  expect(atRisk).toBeGreaterThan(0);
  const listed = async (query: string) => {
    const page = await (await getPage(manager, `/t/acme/inventory?${query}`)).text();
    return Number(/Agreements: ([\d,]+)/.exec(page)?.[1].replace(/,/g, ""));
  };
  expect(await listed("risk=lead-time")).toBe(atRisk);
  expect(await listed("status=above_max")).toBe(overstock);
  // Suppliers have no health page.
  const northwind = await signedInClient(NORTHWIND);
  expect((await getPage(northwind, "/t/acme/compliance/health")).status()).toBe(404);
  expect((await getPage(northwind, "/t/acme/compliance/matrix")).status()).toBe(404);
});
