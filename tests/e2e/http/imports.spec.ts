import { type APIRequestContext, expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { type DatabaseHandle, openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import { rowsOf } from "@db/rows";
import { createApiKeyForCompany } from "~/services/api/manage-keys.server";
import { hashPassword } from "~/services/auth/password.server";
import { openImportFile } from "~/services/imports/read/index.server";
import { addDays, todayIn } from "~/utils/dates";
import {
  createAgreement,
  createLocation,
  createMembership,
  createSupplier,
  createTenant,
  createUser,
} from "../../support/factories";
import { x12 } from "../../support/edi-interchanges";
import { textOf } from "./admin-world";
import { baseURL, dataDir, newClient, postLogin } from "../support";
import { findAll, formsOf, messageFor, parseHtml, textContent, type UploadFile } from "../support/forms";

/**
 * Imports as people send files, over HTTP, in a company of the spec's own: a stock count saved by
 * Chinese Excel (GB18030 bytes, Chinese headers) is previewed with its counts, confirmed, and its
 * on-hand shows on the inventory list; the same file again changes nothing; a file with bad rows
 * names each by its row and its column as the file names it, offers no confirmation and refuses a
 * forged one, and its report lists every refused row; templates come in the reader's language in
 * both formats; an upload past the general 1 MiB body limit is taken at the import address only,
 * and one declared over the import limit is refused before it is read; a buyer may not import
 * master data; a manager and a supplier reach none of it.
 */
test.describe.configure({ mode: "default" });

const PASSWORD = "imports-e2e-2026";
const TIME_ZONE = "Asia/Shanghai";
const SKU = "IMP-E2E-1";
const SITE = "WH-E2E";
/** The general limit of a request body (the front door's), and the import addresses' own. */
const GENERAL_LIMIT = 1024 * 1024;
const IMPORT_LIMIT = 100 * 1024 * 1024;

type Who = "admin" | "adminZh" | "buyer" | "manager" | "supplier";

let db: DatabaseHandle;
let slug: string;
let tenantId: string;
/** The tenant's yesterday: the day a stock count is of. */
let yesterday: string;
const clients = new Map<Who, APIRequestContext>();

test.beforeAll(async () => {
  test.setTimeout(120_000);
  db = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  const tenant = await createTenant(db.db, { slugPrefix: "imports-e2e", name: "Imports E2E Ltd", timezone: TIME_ZONE });
  slug = tenant.slug;
  tenantId = tenant.id;
  yesterday = addDays(todayIn(TIME_ZONE), -1);
  const supplierId = await createSupplier(db.db, { tenantId, code: "IMPS", name: "Import Supplies" });
  const locationId = await createLocation(db.db, { tenantId, code: SITE, name: "Import depot" });
  await createAgreement(db.db, {
    tenantId,
    supplierId,
    locationId,
    item: { sku: SKU, name: "Imported bolt", unitCost: 2 },
    terms: { minQty: 10, maxQty: 9000, leadTimeDays: 5 },
  });
  const passwordHash = await hashPassword(PASSWORD);
  const people: Record<Who, { role: "admin" | "buyer" | "manager" | "supplier"; locale: "en" | "zh-CN" }> = {
    admin: { role: "admin", locale: "en" },
    adminZh: { role: "admin", locale: "zh-CN" },
    buyer: { role: "buyer", locale: "en" },
    manager: { role: "manager", locale: "en" },
    supplier: { role: "supplier", locale: "en" },
  };
  for (const [who, { role, locale }] of Object.entries(people) as [Who, (typeof people)[Who]][]) {
    const email = `${who.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}@imports-e2e.example`;
    const userId = await createUser(db.db, { email, name: `Imports ${who}`, passwordHash, locale });
    await createMembership(db.db, { tenantId, userId, role, supplierId: role === "supplier" ? supplierId : null });
    const client = await newClient();
    const response = await postLogin(client, email, PASSWORD);
    if (response.status() !== 302) throw new Error(`${who} cannot sign in (${response.status()})`);
    clients.set(who, client);
  }
});

test.afterAll(async () => {
  for (const client of clients.values()) await client.dispose();
  await db?.close();
});

// ---------------------------------------------------------------------------------------------
// Files as people's programs save them

let gbkTable: Map<string, number[]> | undefined;

/**
 * Text in GB18030 bytes, as Chinese Excel saves a CSV: ASCII as it is, every other character by
 * its two-byte code, found by decoding the code space once (Node decodes GB18030 but does not
 * encode it).
 */
function gb18030(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const character = decoder.decode(new Uint8Array([lead, trail]));
        if (!gbkTable.has(character)) gbkTable.set(character, [lead, trail]);
      }
    }
  }
  const bytes: number[] = [];
  for (const character of text) {
    if (character.charCodeAt(0) < 0x80) bytes.push(character.charCodeAt(0));
    else {
      const code = gbkTable.get(character);
      if (!code) throw new Error(`no two-byte GB18030 code for ${character}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

const csv = (name: string, text: string): UploadFile => ({ name, mimeType: "text/csv", buffer: Buffer.from(text) });

/** The stock count of the spec's one agreement, as Chinese Excel saves it: GB18030, Chinese headers and dates. */
function chineseStockCount(onHand: number): UploadFile {
  const [y, m, d] = yesterday.split("-").map(Number);
  const text = `物料编码,仓库编码,日期,现存量\r\n${SKU},${SITE},${y}年${m}月${d}日,${onHand}\r\n`;
  return { name: "库存盘点.csv", mimeType: "text/csv", buffer: gb18030(text) };
}

// ---------------------------------------------------------------------------------------------
// Speaking HTTP

const importsPath = () => `/t/${slug}/imports`;

function multipart(fields: Record<string, string>, file?: UploadFile): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append("file", new Blob([new Uint8Array(file.buffer)], { type: file.mimeType }), file.name);
  return form;
}

/** Uploads as the page's form does: the kind ("" lets the headers decide) and the file. */
function upload(who: Who, file: UploadFile, kind = "") {
  return clients.get(who)!.post(importsPath(), { multipart: multipart({ kind }, file), maxRedirects: 0 });
}

/**
 * Waits until the import is no longer being checked or written: the server does that work in the
 * background, and answers once it is done or after a moment, whichever comes first.
 */
async function settled(importId: string): Promise<string> {
  await expect
    .poll(() => statusOf(importId), { message: `import ${importId} settles`, timeout: 60_000 })
    .not.toMatch(/^(checking|committing)$/);
  return statusOf(importId);
}

/** Uploads a file that must be previewed; returns the import's id once its preview is stored. */
async function preview(who: Who, file: UploadFile): Promise<string> {
  const response = await upload(who, file);
  expect(response.status(), `the upload of ${file.name} is previewed: ${textOf(await response.text()).slice(0, 300)}`).toBe(302);
  const id = new RegExp(`^/t/${slug}/imports/([0-9a-f-]{36})$`).exec(response.headers().location)?.[1];
  expect(id, `the upload goes to its preview, not ${response.headers().location}`).toBeTruthy();
  expect(await settled(id!)).toBe("previewed");
  return id!;
}

async function page(who: Who, target: string) {
  const response = await clients.get(who)!.get(target, { maxRedirects: 5 });
  expect(response.status(), `${who} opens ${target}`).toBe(200);
  return response.text();
}

/** The preview's counts by their data-count key (toInsert, inserted, toUpdate, updated, unchanged, errors). */
function countsOf(html: string): Record<string, number> {
  const cells = findAll(parseHtml(html), (e) => e.attrs["data-count"] !== undefined);
  return Object.fromEntries(
    cells.map((cell) => {
      const value = findAll(cell, (e) => e.tag === "dd")[0];
      return [cell.attrs["data-count"], Number(textContent(value).replace(/,/g, ""))];
    }),
  );
}

/** The intents the preview's buttons offer. */
function buttonsOf(html: string): string[] {
  return findAll(parseHtml(html), (e) => e.tag === "button" && e.attrs.name === "intent").map((e) => e.attrs.value);
}

/** The refused rows the preview shows: row, column, value. */
function refusedRowsOf(html: string): string[][] {
  const table = findAll(parseHtml(html), (e) => e.attrs["data-testid"] === "import-errors")[0];
  if (!table) return [];
  return findAll(table, (e) => e.tag === "tr")
    .slice(1)
    .map((tr) =>
      findAll(tr, (e) => e.tag === "td")
        .slice(0, 3)
        .map(textContent),
    );
}

/** The on-hand the inventory list shows for the spec's SKU. */
async function listedOnHand(): Promise<string> {
  const html = await page("admin", `/t/${slug}/inventory?q=${SKU}`);
  const table = findAll(parseHtml(html), (e) => e.attrs["data-testid"] === "inventory-table")[0];
  const row = findAll(table, (e) => e.tag === "tr").find((tr) => textContent(tr).startsWith(SKU));
  expect(row, `the inventory list has a row of ${SKU}`).toBeDefined();
  // SKU, item, site, supplier, class, on hand.
  return textContent(findAll(row!, (e) => e.tag === "td")[5]);
}

/** The company's records an import writes. */
const RECORDS = ["stock_snapshots", "consumption", "items", "suppliers", "locations", "agreements"];
/** The imports themselves, with their refused rows. */
const IMPORTS = ["imports", "import_errors"];

/** Every row of the tenant's `tables`, as one text: equal before and after means nothing was written there. */
async function written(tables: readonly string[] = [...RECORDS, ...IMPORTS]): Promise<string> {
  const parts = tables.map(
    (name) =>
      sql`select ${name} as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.identifier(name)} x where x.tenant_id = ${tenantId}::uuid`,
  );
  const rows = rowsOf<{ t: string; h: string }>(await db.db.execute(sql.join(parts, sql` union all `)));
  return rows.map((r) => `${r.t}:${r.h}`).join(",");
}

async function statusOf(importId: string): Promise<string> {
  const [row] = rowsOf<{ status: string }>(
    await db.db.execute(sql`select status from imports where tenant_id = ${tenantId}::uuid and id = ${importId}::uuid`),
  );
  return row.status;
}

function commit(who: Who, importId: string, intent = "commit") {
  return clients.get(who)!.post(`${importsPath()}/${importId}`, { form: { intent }, maxRedirects: 0 });
}

// ---------------------------------------------------------------------------------------------
// The flow

test("a stock count saved by Chinese Excel is previewed, confirmed, and its on-hand shows on the inventory list", async () => {
  const id = await preview("admin", chineseStockCount(4321));
  const html = await page("admin", `${importsPath()}/${id}`);
  expect(countsOf(html)).toEqual({ toInsert: 1, toUpdate: 0, unchanged: 0, errors: 0 });
  expect(textOf(html)).toContain("GB18030");
  expect(buttonsOf(html)).toEqual(["commit", "discard"]);

  const confirmed = await commit("admin", id);
  expect(confirmed.status()).toBe(302);
  // A one-row file is written within the moment the confirmation waits: the page says so at once.
  expect(await statusOf(id)).toBe("committed");
  const after = await page("admin", confirmed.headers().location);
  expect(textOf(after)).toContain("Imported: 1 added, 0 changed, 0 unchanged.");
  expect(countsOf(after)).toEqual({ inserted: 1, updated: 0, unchanged: 0, errors: 0 });
  expect(buttonsOf(after)).toEqual([]);
  expect(await listedOnHand()).toMatch(/^4,321\b/);

  // The history lists it as imported.
  const history = findAll(parseHtml(await page("admin", importsPath())), (e) => e.attrs["data-testid"] === "import-history")[0];
  const row = findAll(history, (e) => e.tag === "tr").find((tr) => textContent(tr).includes("库存盘点.csv"));
  expect(row && textContent(row)).toContain("Imported");
});

test("the same file again previews as all unchanged, and confirming it changes nothing", async () => {
  const id = await preview("admin", chineseStockCount(4321));
  expect(countsOf(await page("admin", `${importsPath()}/${id}`))).toEqual({ toInsert: 0, toUpdate: 0, unchanged: 1, errors: 0 });
  const before = await written(RECORDS);
  const confirmed = await commit("admin", id);
  expect(confirmed.status()).toBe(302);
  expect(textOf(await page("admin", confirmed.headers().location))).toContain("Imported: 0 added, 0 changed, 1 unchanged.");
  expect(await written(RECORDS), "the company's records").toBe(before);
  expect(await listedOnHand()).toMatch(/^4,321\b/);
});

test("bad rows are named by row and by the file's own column; nothing can be confirmed, not even by a forged button", async () => {
  const file = csv(
    "stock-with-errors.csv",
    `物料编码,仓库编码,日期,现存量\n${SKU},${SITE},${addDays(yesterday, -3)},77\n${SKU},${SITE},${addDays(yesterday, -1)},abc\n${SKU},${SITE},${addDays(yesterday, -2)},-5\n`,
  );
  const id = await preview("admin", file);
  const html = await page("admin", `${importsPath()}/${id}`);
  expect(countsOf(html)).toEqual({ toInsert: 1, toUpdate: 0, unchanged: 0, errors: 2 });
  expect(refusedRowsOf(html)).toEqual([
    ["3", "现存量", "abc"],
    ["4", "现存量", "-5"],
  ]);
  expect(textOf(html)).toContain("Nothing can be written while rows are in error");
  expect(buttonsOf(html), "no confirm button").toEqual(["discard"]);

  const before = await written();
  const forged = await commit("admin", id);
  expect(forged.status(), "a forged confirmation is refused").toBe(409);
  expect(textOf(await forged.text())).toContain("Rows are in error: nothing can be written.");
  expect(await written(), "nothing written").toBe(before);
  expect(await statusOf(id)).toBe("previewed");
  expect(await listedOnHand()).toMatch(/^4,321\b/);

  // The report has every refused row, with the file's column and what is wrong, in the reader's language.
  const report = await clients.get("admin")!.get(`${importsPath()}/${id}/errors`);
  expect(report.status()).toBe(200);
  expect(report.headers()["content-type"]).toMatch(/^text\/csv/);
  expect(report.headers()["content-disposition"]).toMatch(/^attachment; filename="import-errors-stock-with-errors-/);
  const lines = (await report.text())
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r\n/);
  expect(lines[0]).toBe("Row,Column,Value,What is wrong");
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^3,现存量,abc,"?Not a number/),
    expect.stringMatching(/^4,现存量,'-5,Cannot be negative\.$/),
  ]);

  // Discarded, it leaves the list of waiting imports and can no longer be confirmed.
  const discarded = await commit("admin", id, "discard");
  expect(discarded.status()).toBe(302);
  expect(textOf(await page("admin", discarded.headers().location))).toContain("The import was discarded; nothing was written.");
  expect(await statusOf(id)).toBe("discarded");
});

test("templates come in both formats with the headers of the reader's language", async () => {
  const expected = { admin: ["SKU", "Site code", "Date", "On hand"], adminZh: ["物料编码", "仓库编码", "日期", "现存量"] };
  const directory = mkdtempSync(path.join(os.tmpdir(), "imports-e2e-"));
  for (const who of ["admin", "adminZh"] as const) {
    const csvFile = await clients.get(who)!.get(`${importsPath()}/template?kind=stock&format=csv`);
    expect(csvFile.status()).toBe(200);
    expect(csvFile.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(csvFile.headers()["content-disposition"]).toBe('attachment; filename="stock-template.csv"');
    expect((await csvFile.text()).replace(/^\uFEFF/, "")).toBe(`${expected[who].join(",")}\r\n`);

    const xlsx = await clients.get(who)!.get(`${importsPath()}/template?kind=stock&format=xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.headers()["content-disposition"]).toBe('attachment; filename="stock-template.xlsx"');
    // Read back as the importer reads an uploaded workbook.
    const saved = path.join(directory, `${who}.xlsx`);
    writeFileSync(saved, await xlsx.body());
    const opened = await openImportFile(saved, { fileName: "stock-template.xlsx", kind: "stock" });
    expect(opened.format).toBe("xlsx");
    expect(opened.headers).toEqual(expected[who]);
  }
  // A kind the reader may not import has no template: a buyer's items are the 404.
  expect((await clients.get("buyer")!.get(`${importsPath()}/template?kind=items&format=csv`)).status()).toBe(404);
});

test("an upload past the general body limit is taken at the import address only; one declared over the import limit is refused unread", async () => {
  test.setTimeout(90_000);
  // About 3 MB: a year's counts a row a day, each with a long note in a column the kind ignores.
  const note = "n".repeat(160);
  const lines = ["SKU,Site code,Date,On hand,Note"];
  for (let d = 0; d < 18_000; d++) lines.push(`${SKU},${SITE},${addDays("1970-01-01", d)},5,${note}`);
  const big = csv("big-stock.csv", `${lines.join("\n")}\n`);
  expect(big.buffer.byteLength).toBeGreaterThan(3 * GENERAL_LIMIT);

  const id = await preview("admin", big);
  const html = await page("admin", `${importsPath()}/${id}`);
  expect(countsOf(html)).toEqual({ toInsert: 18_000, toUpdate: 0, unchanged: 0, errors: 0 });
  expect(textOf(html)).toContain("Ignored columns (not part of this kind): Note");
  expect((await commit("admin", id, "discard")).status()).toBe(302);

  // The same body to any other address is over the general limit.
  const elsewhere = await clients.get("admin")!.post(`/t/${slug}/admin/items`, {
    multipart: multipart({ kind: "" }, big),
    maxRedirects: 0,
  });
  expect(elsewhere.status()).toBe(413);

  // Declared over the import limit: refused on its headers, before a byte of the body is sent.
  const before = await written();
  expect(await declaredUpload(IMPORT_LIMIT + 1)).toBe(413);
  expect(await written()).toBe(before);
});

/** Sends only the head of an upload declaring `length` bytes, as the signed-in administrator; the answer's status. */
async function declaredUpload(length: number): Promise<number> {
  const { cookies } = await clients.get("admin")!.storageState();
  const target = new URL(importsPath(), baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(target, {
      method: "POST",
      headers: {
        "Content-Type": "multipart/form-data; boundary=declared-only",
        "Content-Length": String(length),
        Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
        Origin: baseURL,
        "X-Forwarded-For": "10.9.9.9",
      },
    });
    request.on("response", (response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      request.destroy();
    });
    request.on("error", reject);
    request.flushHeaders();
  });
}

test("a buyer may not import master data: the kind's own message, and nothing written", async () => {
  const rendered = await page("buyer", importsPath());
  const form = formsOf(rendered, importsPath()).find((f) => f.enctype === "multipart/form-data")!;
  const kinds = form.controls.find((c) => c.name === "kind")!.options;
  expect(kinds).toEqual(["", "agreements", "stock", "consumption", "receipts"]);

  const before = await written();
  const items = csv("items.csv", "SKU,Name\nIMP-NEW-1,New part\n");
  // Chosen (a forged option), or decided by the headers: the same refusal beside the kind.
  for (const kind of ["items", ""]) {
    const refused = await upload("buyer", items, kind);
    expect(refused.status(), `kind "${kind}"`).toBe(400);
    expect(messageFor(await refused.text(), "kind", rendered)).toBe("Choose a kind of data you may import.");
  }
  expect(await written()).toBe(before);
});

test("a manager and a supplier get the 404 on every import address, read or posted, and write nothing", async () => {
  const waiting = await preview("admin", chineseStockCount(4321));
  const before = await written();
  for (const who of ["manager", "supplier"] as const) {
    const client = clients.get(who)!;
    for (const target of [
      importsPath(),
      `${importsPath()}/template?kind=stock&format=csv`,
      `${importsPath()}/${waiting}`,
      `${importsPath()}/${waiting}/errors`,
    ]) {
      expect((await client.get(target)).status(), `${who} GET ${target}`).toBe(404);
    }
    const posted = await client.post(importsPath(), {
      multipart: multipart({ kind: "stock" }, chineseStockCount(1)),
      maxRedirects: 0,
    });
    expect(posted.status(), `${who} uploads`).toBe(404);
    for (const intent of ["commit", "discard"]) {
      expect((await commit(who, waiting, intent)).status(), `${who} ${intent}`).toBe(404);
    }
  }
  expect(await written()).toBe(before);
  expect(await statusOf(waiting)).toBe("previewed");
});

// ---------------------------------------------------------------------------------------------
// EDI

/** An 852 of the spec's site: on hand and sales of its SKU yesterday (the ZA's own date) and on hand the day before. */
function activity852(control: string, onHand: number, options: { unknownItem?: boolean } = {}): UploadFile {
  const day = yesterday.replace(/-/g, "");
  const before = addDays(yesterday, -1).replace(/-/g, "");
  const text = x12({
    control,
    sets: [
      {
        control: "0001",
        segments: [
          `XQ*H*${before}*${before}`,
          `N1*ST*IMPORT DEPOT*92*${SITE}`,
          `LIN*1*IN*${SKU}`,
          `ZA*QA*${onHand}*EA*003*${day}`,
          "ZA*QS*3*EA",
          "ZA*QR*12*EA",
          "ZA*QP*4*EA",
          ...((options.unknownItem ?? true) ? ["LIN*2*UP*099999999990", "ZA*QA*1*EA"] : []),
        ],
      },
    ],
    separator: "\r\n",
  });
  return { name: `activity-${control}.852`, mimeType: "application/edi-x12", buffer: Buffer.from(text) };
}

test("an 852 uploaded through the page is recognised without a kind, its unknown LIN refused by number and ids, and its 997 downloaded", async () => {
  const before = await written(RECORDS);
  const id = await preview("buyer", activity852("000000701", 77));
  const html = await page("buyer", `${importsPath()}/${id}`);
  // Yesterday's on hand may be there already (the stock count above): new or changed, three rows
  // (on hand, sold, received); the QP is read but not imported.
  const counts = countsOf(html);
  expect([counts.toInsert + counts.toUpdate, counts.errors]).toEqual([3, 1]);
  expect(refusedRowsOf(html)).toEqual([["9", "LIN", "UP 099999999990"]]);
  expect(textOf(html)).toContain("LIN 2 (UP 099999999990) matches no item.");
  expect(textOf(html)).toContain("QP × 1");
  expect(buttonsOf(html)).toEqual(["discard"]);
  const ack = await clients.get("buyer")!.get(`${importsPath()}/${id}/997`);
  expect(ack.status()).toBe(200);
  expect(ack.headers()["content-disposition"]).toContain("attachment");
  const text = await ack.text();
  expect(text).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*VMIPORTAL {6}\*ZZ\*ACMEGATEWAY {4}\*/);
  expect(text).toContain("AK2*852*0001~");
  expect(text).toContain("AK3*LIN*9**8~");
  expect(text).toContain("AK5*R*5~");
  expect(text).toContain("AK9*R*1*1*0~");
  expect(await written(RECORDS)).toBe(before);
  // Another company's people, and those who may not import, get the 404.
  expect((await clients.get("manager")!.get(`${importsPath()}/${id}/997`)).status()).toBe(404);
});

test("an 852 through the API is written with its 997; sent again it changes nothing", async () => {
  const { key } = await createApiKeyForCompany(db.db, slug, { name: "EDI gateway", scopes: ["imports:write"], expires: "" });
  const good = activity852("000000702", 88, { unknownItem: false });
  const post = async () => {
    const client = await newClient();
    try {
      const response = await client.post("/api/v1/imports", {
        headers: { Authorization: `Bearer ${key}` },
        multipart: multipart({ kind: "edi" }, good),
      });
      return {
        status: response.status(),
        body: (await response.json()) as { kind: string; counts: Record<string, number>; ack997?: string },
      };
    } finally {
      await client.dispose();
    }
  };
  const first = await post();
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  expect(first.body).toMatchObject({ kind: "edi", counts: { error: 0 } });
  expect(first.body.counts.inserted + first.body.counts.updated).toBe(3);
  expect(first.body.ack997).toContain("AK5*A~");
  expect(first.body.ack997).toContain("AK9*A*1*1*1~");
  const [row] = rowsOf<{ on_hand: string }>(
    await db.db
      .execute(sql`select s.on_hand::text from stock_snapshots s join items i on i.id = s.item_id and i.tenant_id = s.tenant_id
      where s.tenant_id = ${tenantId}::uuid and i.sku = ${SKU} and s.day = ${yesterday}::date`),
  );
  expect(Number(row.on_hand)).toBe(88);
  const before = await written(RECORDS);
  const again = await post();
  expect(again.status).toBe(201);
  expect(again.body.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  expect(await written(RECORDS)).toBe(before);
});
