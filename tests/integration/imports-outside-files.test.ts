import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { TFunction } from "i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import * as schema from "@db/schema";
import { type TenantScope, withTenant } from "@db/scope";
import { serverI18n } from "~/i18next.server";
import { getImport, listImportErrors } from "~/models/imports.server";
import { readX12 } from "~/services/imports/edi/x12";
import { commitImport, previewImport } from "~/services/imports/pipeline.server";
import { isAppError } from "~/utils/app-error";
import { createItem, createLocation, createMembership, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * EDI interchanges that other X12 parsers test themselves with (tests/fixtures/edi/outside, each
 * file's source in its README), through the one pipeline as a user's upload of kind edi: what the
 * preview counts and says, in English, for a company whose catalog knows none of their ids and for
 * one whose items and sites carry them. Versions 003030 to 005010, `~`, `^` and `}` terminators,
 * CRLF and indentation, a byte-order mark, several sets in one group, and the envelope faults
 * these real files have.
 */

process.env.DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "vmi-edi-outside-"));

const FIXTURES = path.join(import.meta.dirname, "../fixtures/edi/outside");

let handle: DatabaseHandle;
let db: Database;
let t: TFunction;
/** A company whose catalog holds none of the files' ids. */
let bare: TenantScope;
/** A company whose items and sites carry the ids the files name. */
let mapped: TenantScope;
const sites = {} as Record<"rl1" | "abc", string>;

async function buyerOf(slugPrefix: string): Promise<TenantScope> {
  const tenantId = (await createTenant(db, { slugPrefix, timezone: "UTC" })).id;
  const userId = await createUser(db, { label: `${slugPrefix}-buyer` });
  await createMembership(db, { tenantId, userId, role: "buyer", supplierId: null });
  return { tenantId, supplierId: null, userId, role: "buyer" };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  t = (await serverI18n("en")).getFixedT("en");
  bare = await buyerOf("edi-outside-bare");
  await createItem(db, { tenantId: bare.tenantId, sku: "UNRELATED-1" });
  await createLocation(db, { tenantId: bare.tenantId, code: "WH1" });
  mapped = await buyerOf("edi-outside-mapped");
  const tenantId = mapped.tenantId;
  // AftermarketExample: LIN BP (buyer's part = our SKU); N1 RL by 92 (the buyer's own code).
  await createItem(db, { tenantId, sku: "54-P96A" });
  await createItem(db, { tenantId, sku: "54-P99A" });
  sites.rl1 = await createLocation(db, { tenantId, code: "007061617" });
  await createLocation(db, { tenantId, code: "007061618" });
  // hdexchange: LIN VC (vendor's catalog number = supplier part number); N1 RL by 9 (DUNS+4).
  for (const [sku, part] of [
    ["HD-8750", "P-8750"],
    ["HD-1224", "R-1224"],
  ] as const) {
    const id = await createItem(db, { tenantId, sku });
    await db
      .update(schema.items)
      .set({ supplierPartNumber: part })
      .where(and(eq(schema.items.tenantId, tenantId), eq(schema.items.id, id)));
  }
  sites.abc = await createLocation(db, { tenantId, code: "1234567890001" });
});

afterAll(async () => {
  await handle?.close();
});

let count = 0;
/** The fixture as a user's upload; `change` stands for the same file repaired by hand. */
function upload(name: string, change?: (text: string) => string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vmi-edi-outside-upload-"));
  const file = path.join(dir, `upload-${++count}`);
  if (change) writeFileSync(file, change(readFileSync(path.join(FIXTURES, name), "latin1")), "latin1");
  else copyFileSync(path.join(FIXTURES, name), file);
  return { path: file, fileName: name };
}

/** The preview of a fixture: the import's counts and source, and its refused rows as the page lists them. */
async function preview(scope: TenantScope, name: string, change?: (text: string) => string) {
  const id = await previewImport(db, scope, upload(name, change), "edi");
  return withTenant(db, scope, async (tx) => {
    const record = await getImport(tx, scope.tenantId, id);
    const errors = await listImportErrors(tx, scope.tenantId, id);
    return {
      id,
      record,
      edi: record?.source.edi,
      refused: errors.map((e) => [e.row, e.column, t(e.message, e.params ?? {})]),
    };
  });
}

/** Why the upload of a fixture is refused as a whole, as the page says it. */
async function refusal(scope: TenantScope, name: string, kind?: "edi") {
  const error = await previewImport(db, scope, upload(name), kind).catch((e: unknown) => e);
  if (!isAppError(error)) throw new Error(`${name} was not refused`);
  return Object.values(error.fieldErrors).flatMap((messages) => messages.map((m) => t(m.key, m.params ?? {})));
}

/** The segments of a 997's transaction sets, elements joined by "*". */
const ackBody = (ack: string) =>
  readX12(ack)[0].groups.flatMap((g) => g.transactionSets.flatMap((s) => s.segments.map((x) => x.elements.join("*"))));

describe("852 interchanges of other parsers' test suites", () => {
  it("003030 with ^, CRLF, indentation and a byte-order mark: unknown ids are named by their segment", async () => {
    const { record, edi, refused } = await preview(bare, "oopfactory-852-aftermarket-003030.txt");
    expect(record).toMatchObject({ status: "previewed", rowsTotal: 2, toInsert: 0, errorRows: 2 });
    expect(edi).toMatchObject({ sets: ["852"], controls: ["007061617/000000001/132/1357"], notes: { QP: 1, QO: 1 } });
    expect(refused).toEqual([
      [5, "N1", "Location 92 007061617 matches no site."],
      [6, "LIN", "LIN 1 (BP 54-P96A, VP P96A) matches no item."],
      [9, "LIN", "LIN 2 (BP 54-P99A, VP P99A) matches no item."],
    ]);
  });

  it("003030 read by a catalog that knows its ids: on hand written at the end of the XQ day, acknowledged in 003030", async () => {
    const { id, record, edi, refused } = await preview(mapped, "oopfactory-852-aftermarket-003030.txt");
    expect(refused).toEqual([]);
    expect(record).toMatchObject({ rowsTotal: 2, toInsert: 2, errorRows: 0 });
    const ack = edi?.ack997 ?? "";
    expect(ack.split("\n")[1]).toMatch(/^GS\*FA\*005070479\*007061617\*\d{6}\*\d{4}\*1\*X\*003030\^$/);
    expect(ackBody(ack)).toEqual(["ST*997*0001", "AK1*PD*132", "AK2*852*1357", "AK5*A", "AK9*A*1*1*1", "SE*6*0001"]);
    await commitImport(db, mapped, id, { recompute: false });
    const stock = await db
      .select({ day: schema.stockSnapshots.day, onHand: schema.stockSnapshots.onHand })
      .from(schema.stockSnapshots)
      .where(and(eq(schema.stockSnapshots.tenantId, mapped.tenantId), eq(schema.stockSnapshots.locationId, sites.rl1)))
      .orderBy(schema.stockSnapshots.onHand);
    expect(stock).toEqual([
      { day: "1995-06-13", onHand: 10 },
      { day: "1995-06-13", onHand: 77 },
    ]);
  });

  it("004010 whose IEA02 carries a stray ~ is refused as a whole, naming IEA; repaired, its ZA dates and QS are read", async () => {
    expect(await refusal(mapped, "oopfactory-852-hdexchange-004010.txt", "edi")).toEqual([
      "The EDI interchange is not well formed at its IEA segment: IEA (segment 23): IEA02 000000002~ does not match ISA13 000000002.",
    ]);
    const repaired = (text: string) => text.replace("IEA*1*000000002~^", "IEA*1*000000002^");
    const { record, edi, refused } = await preview(mapped, "oopfactory-852-hdexchange-004010.txt", repaired);
    expect(refused).toEqual([]);
    // Two on hand (one dated by its ZA, one by the XQ), one sold and one received; QP is shown, not imported.
    expect(record).toMatchObject({ rowsTotal: 4, toInsert: 4, errorRows: 0 });
    expect(edi?.notes).toEqual({ QP: 1 });
    expect(ackBody(edi?.ack997 ?? "")).toContain("AK1*SQ*1");
  });

  it("005010 samples whose SE01 miscounts their segments are refused, naming SE and both counts", async () => {
    expect(await refusal(bare, "x12types-852-005010.edi", "edi")).toEqual([
      "The EDI interchange is not well formed at its SE segment: SE (segment 8): SE01 5 does not match the 6 segments of transaction set 0001.",
    ]);
    expect(await refusal(bare, "x12types-852-005010-no-n1.edi")).toEqual([
      "The EDI interchange is not well formed at its SE segment: SE (segment 7): SE01 4 does not match the 5 segments of transaction set 0001.",
    ]);
  });

  it("a bare transaction set on one line is refused as X12 without its envelope, with or without the kind", async () => {
    const why =
      "The EDI interchange is not well formed at its ISA segment: ISA: the file starts with ST: a transaction set without the ISA envelope around it.";
    expect(await refusal(bare, "x12types-852-bare-set.edi", "edi")).toEqual([why]);
    expect(await refusal(bare, "x12types-852-bare-set.edi")).toEqual([why]);
  });
});

describe("846 interchanges of other parsers' test suites", () => {
  it("~ elements and } terminators, quantities of no on-hand kind: nothing to import, every QTY shown as read", async () => {
    const { record, edi, refused } = await preview(bare, "oopfactory-846-example1-004010.txt");
    expect(refused).toEqual([]);
    expect(record).toMatchObject({ status: "previewed", rowsTotal: 0, toInsert: 0, errorRows: 0 });
    expect(edi?.notes).toEqual({ "34": 1, QH: 1, QB: 1, "87": 1 });
    expect(ackBody(edi?.ack997 ?? "")).toContain("AK5*A");
  });

  it("on hand without any N1 location: each LIN's QTY 17 refused by its segment", async () => {
    const { record, edi, refused } = await preview(bare, "oopfactory-846-example2-004010.txt");
    expect(record).toMatchObject({ rowsTotal: 0, errorRows: 4 });
    expect(edi?.notes).toEqual({ "63": 1 });
    expect(refused).toEqual([
      [6, "QTY", "LIN 1: a quantity before any N1 location."],
      [10, "QTY", "LIN 2: a quantity before any N1 location."],
      [19, "QTY", "LIN 4: a quantity before any N1 location."],
      [23, "QTY", "LIN 5: a quantity before any N1 location."],
    ]);
  });

  it("two sets locating stock by SDQ, not N1: a row per SDQ pair, each refused by its LIN and SDQ, the column naming the set", async () => {
    const { record, edi, refused } = await preview(bare, "newegg-846-30886-004010.txt");
    expect(edi?.controls).toEqual(["2039673435/846038470/38470/84679050", "2039673435/846038470/38470/84679051"]);
    expect(record).toMatchObject({ rowsTotal: 81, errorRows: 81 });
    expect(refused).toHaveLength(162);
    expect(refused.slice(0, 4)).toEqual([
      [3, "LIN (ST 84679050)", "LIN 1 (VP HPW2M99UAR, UP 190780050378, MF HP) matches no item."],
      [3, "LIN (ST 84679051)", "LIN 1 (VP 2SN-0001-000W7, UP 617561019268, MF APPLE) matches no item."],
      [6, "SDQ (ST 84679050)", "Location 54 100 matches no site."],
      [6, "SDQ (ST 84679051)", "Location 54 100 matches no site."],
    ]);
    const ack = ackBody(edi?.ack997 ?? "");
    expect(ack.filter((s) => s.startsWith("AK2") || s.startsWith("AK5") || s.startsWith("AK9"))).toEqual([
      "AK2*846*84679050",
      "AK5*R*5",
      "AK2*846*84679051",
      "AK5*R*5",
      "AK9*R*2*2*0",
    ]);
  });
});
