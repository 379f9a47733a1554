import { expect, test } from "@playwright/test";
import { getPage, signedInClient } from "../support";

const SKU = /\b(NW|CT|FB)-[A-Z0-9-]+/g;

/** Walks every page of the inventory list, with the given filters, and returns the SKUs seen. */
async function allInventorySkus(email: string, tenant: string, query = "") {
  const client = await signedInClient(email);
  const seen = new Set<string>();
  const bodies: string[] = [];
  for (let page = 1; page < 100; page++) {
    const response = await getPage(client, `/t/${tenant}/inventory?${query}&page=${page}`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    bodies.push(html);
    const rows = html.match(/<tr><td class="nowrap font-mono text-xs">/g)?.length ?? 0;
    for (const sku of html.match(SKU) ?? []) seen.add(sku);
    if (rows === 0 || !html.includes('rel="next"')) break;
  }
  return { seen, bodies, client };
}

test("contoso's supplier sees only CT- SKUs on every page of its inventory", async () => {
  const { seen, bodies } = await allInventorySkus("supplier@contoso.example", "acme");
  expect(seen.size).toBeGreaterThan(20);
  for (const sku of seen) expect(sku.startsWith("CT-"), sku).toBe(true);
  for (const html of bodies) {
    expect(html).not.toMatch(/Northwind|Fabrikam|Globex/);
  }
});

test("a supplier filter in the URL cannot widen a supplier's view", async () => {
  const buyer = await signedInClient("buyer@acme.example");
  const html = await (await getPage(buyer, "/t/acme/inventory")).text();
  const northwindId = /<option value="([0-9a-f-]{36})">Northwind Components<\/option>/.exec(html)?.[1];
  expect(northwindId).toBeTruthy();
  const { seen } = await allInventorySkus("supplier@contoso.example", "acme", `supplier=${northwindId}`);
  expect(seen.size).toBeGreaterThan(0);
  for (const sku of seen) expect(sku.startsWith("CT-"), sku).toBe(true);
});

test("buyers see every supplier of their own company, with a supplier column", async () => {
  const { seen, bodies } = await allInventorySkus("buyer@acme.example", "acme");
  const prefixes = new Set([...seen].map((sku) => sku.slice(0, 3)));
  expect([...prefixes].sort()).toEqual(["CT-", "FB-", "NW-"]);
  expect(bodies[0]).toMatch(/<th scope="col" aria-sort="none" class="px-3 py-2 "><a [^>]*title="Sort by Supplier"/);
  expect(bodies.join("")).not.toContain("Globex");
});

test("another company, or one that does not exist, is a 404 — never a 403", async () => {
  const contoso = await signedInClient("supplier@contoso.example");
  for (const path of ["/t/globex", "/t/globex/inventory", "/t/no-such-company/inventory", "/t/acme/nowhere"]) {
    const response = await getPage(contoso, path);
    expect(response.status(), path).toBe(404);
    const html = await response.text();
    expect(html, path).not.toMatch(SKU);
    expect(html, path).not.toContain("Globex Retail");
  }
});

test("the northwind supplier works in both of its companies and sees only its own items there", async () => {
  const acme = await allInventorySkus("supplier@northwind.example", "acme");
  const globex = await allInventorySkus("supplier@northwind.example", "globex");
  expect(acme.seen.size).toBeGreaterThan(0);
  expect(globex.seen.size).toBeGreaterThan(0);
  for (const sku of [...acme.seen, ...globex.seen]) expect(sku.startsWith("NW-"), sku).toBe(true);
  // Different companies, different agreements: the lists are not the same view.
  expect(acme.bodies[0]).toContain("Acme Manufacturing");
  expect(globex.bodies[0]).toContain("Globex Retail");
});
