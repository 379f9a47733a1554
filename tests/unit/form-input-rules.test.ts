import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { AcceptanceSchema, AgreementEditSchema, BandProposalSchema, RejectionSchema } from "~/services/agreements/terms";
import { parseOptionalText, parseQuantity } from "~/services/shipments/fields.server";
import { parseInventoryQuery } from "~/services/inventory/inventory-query";
import { checkPlanForm } from "~/services/plans/plan-line-rules";
import { parsePlanLines } from "~/services/plans/plan-line-schema";

/**
 * Every form and query reads numbers and text by the input building blocks: what the attack on
 * the portal found (hexadecimal quantities stored as numbers, a NUL reaching the database) is
 * refused here with the field's own message.
 */

const A = "11111111-1111-4111-8111-111111111111";
const line = { agreementId: A, qty: "100", shipDate: "2026-03-11", arrivalDate: "2026-03-13" };

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("plan lines and the plan's note", () => {
  it.each([
    ["0x1c20", "invalid_number"],
    ["0b11", "invalid_number"],
    ["0o17", "invalid_number"],
    ["1e3", "invalid_number"],
    ["Infinity", "invalid_number"],
    ["NaN", "invalid_number"],
    ["1,000", "number_separator"],
    ["-25", "qty_not_positive"],
    ["12.34567", "too_precise"],
    ["1000000000001", "too_large"],
  ])("refuses the quantity %j (%s)", (qty, code) => {
    const { lines, errors } = parsePlanLines([{ ...line, qty }]);
    expect(lines).toEqual([null]);
    expect(errors.map((e) => [e.field, e.code])).toEqual([["qty", code]]);
  });

  it("reads a plain quantity, with surrounding spaces, as the number it says", () => {
    expect(parsePlanLines([{ ...line, qty: " 7200 " }]).lines[0]?.qty).toBe(7200);
    expect(parsePlanLines([{ ...line, qty: "12.5000" }]).lines[0]?.qty).toBe(12.5);
  });

  it("refuses a reason with a NUL or another control character, keeping tabs and line breaks", () => {
    for (const reason of ["a\u0000b", "\u0000", "x\u001b[31m", "a\rb"]) {
      expect(parsePlanLines([{ ...line, reason }]).errors, JSON.stringify(reason)).toEqual([
        { line: 1, field: "reason", code: "control_character" },
      ]);
    }
    expect(parsePlanLines([{ ...line, reason: " Promo week\r\n\tsecond line " }]).lines[0]?.reason).toBe(
      "Promo week\n\tsecond line",
    );
  });

  it("takes a proposed quantity only as a plain decimal (a hidden field: anything else is none)", () => {
    expect(parsePlanLines([{ ...line, proposedQty: "0x10" }]).lines[0]?.proposedQty).toBeNull();
    expect(parsePlanLines([{ ...line, proposedQty: "40" }]).lines[0]?.proposedQty).toBe(40);
  });

  it("refuses a note with a control character, and counts a CRLF as one character", () => {
    expect(checkPlanForm({ lines: [line], note: "see\u0000attached" })).toEqual([{ field: "note", code: "control_character" }]);
    expect(checkPlanForm({ lines: [line], note: "a\r\n".repeat(700) })).toEqual([]);
    expect(checkPlanForm({ lines: [line], note: "x".repeat(2001) })).toEqual([
      { field: "note", code: "too_long", params: { max: 2000 } },
    ]);
  });
});

describe("agreement edits, band proposals and their decisions", () => {
  const terms = {
    minQty: "10",
    maxQty: "50",
    leadTimeDays: "5",
    leadTimeSdDays: "1.5",
    moq: "0",
    packSize: "1",
    reviewPeriodDays: "7",
    version: "3",
  };
  const edit = (change: Record<string, string>) => {
    const submission = parseWithZod(form({ ...terms, ...change }), { schema: AgreementEditSchema });
    return submission.status === "success" ? { value: submission.value } : { error: submission.error };
  };

  it("takes plain decimals", () => {
    expect(edit({})).toEqual({
      value: {
        minQty: 10,
        maxQty: 50,
        leadTimeDays: 5,
        leadTimeSdDays: 1.5,
        moq: 0,
        packSize: 1,
        reviewPeriodDays: 7,
        version: 3,
      },
    });
  });

  it.each([
    ["minQty", "0x1c20", "agreement.errors.minQty.number"],
    ["maxQty", "0b11", "agreement.errors.maxQty.number"],
    ["moq", "0o17", "agreement.errors.moq.number"],
    ["packSize", "1e3", "agreement.errors.packSize.number"],
    ["leadTimeDays", "Infinity", "agreement.errors.leadTimeDays.number"],
    ["leadTimeSdDays", "NaN", "agreement.errors.leadTimeSdDays.number"],
    ["reviewPeriodDays", "0x7", "agreement.errors.reviewPeriodDays.number"],
    ["maxQty", "1,000", "agreement.errors.separator"],
    ["moq", "-1", "agreement.errors.moq.range"],
    ["maxQty", "-1", "agreement.errors.maxQty.negative"],
    ["packSize", "0", "agreement.errors.packSize.range"],
    ["minQty", "10.00001", "agreement.errors.minQty.precise"],
    ["leadTimeDays", "2.555", "agreement.errors.leadTimeDays.precise"],
    ["reviewPeriodDays", "7.5", "agreement.errors.reviewPeriodDays.range"],
    ["leadTimeDays", "", "agreement.errors.leadTimeDays.number"],
  ])("refuses %s = %j with %s", (field, value, message) => {
    expect(edit({ [field]: value })).toEqual({ error: { [field]: [message] } });
  });

  it("reads a garbled version as 0, which no agreement has (the save is then stale)", () => {
    expect(edit({ version: "0x3" })).toMatchObject({ value: { version: 0 } });
  });

  it("refuses a proposal's hexadecimal band and a reason with a NUL, each with its field's message", () => {
    const submission = parseWithZod(form({ minQty: "0x10", maxQty: "20", reason: "more\u0000stock" }), {
      schema: BandProposalSchema,
    });
    expect(submission.status === "error" && submission.error).toEqual({
      minQty: ["agreement.errors.minQty.number"],
      reason: ["agreement.errors.reason.controlCharacter"],
    });
  });

  it("refuses a rejection or acceptance comment with a control character", () => {
    expect(RejectionSchema.safeParse({ comment: "no\u0000" }).error?.issues.map((i) => i.message)).toEqual([
      "agreement.errors.comment.controlCharacter",
    ]);
    expect(AcceptanceSchema.safeParse({ comment: "ok\u0007" }).error?.issues.map((i) => i.message)).toEqual([
      "agreement.errors.comment.controlCharacter",
    ]);
    expect(AcceptanceSchema.parse({ comment: " fine\r\nthanks " })).toEqual({ comment: "fine\nthanks" });
  });
});

describe("shipments and receipts", () => {
  it.each([
    ["0b11", "invalid_number"],
    ["0o17", "invalid_number"],
    ["0x10", "invalid_number"],
    ["1e2", "invalid_number"],
    ["1,000", "number_separator"],
    ["-1", "negative"],
    ["1.00001", "too_precise"],
    ["", "required"],
  ])("refuses the quantity %j (%s)", (qty, code) => {
    expect(parseQuantity(qty)).toMatchObject({ ok: false, code });
  });

  it("reads plain quantities", () => {
    expect(parseQuantity(" 12.5 ")).toEqual({ ok: true, value: 12.5 });
    expect(parseQuantity(0)).toEqual({ ok: true, value: 0 });
  });

  it("refuses carrier and tracking text with control characters", () => {
    expect(parseOptionalText("DHL\u0000", 100)).toEqual({ ok: false, code: "control_character" });
    expect(parseOptionalText("  SF Express ", 100)).toEqual({ ok: true, value: "SF Express" });
    expect(parseOptionalText("", 100)).toEqual({ ok: true, value: null });
    expect(parseOptionalText("x".repeat(101), 100)).toEqual({ ok: false, code: "too_long", params: { max: 100 } });
  });
});

describe("the inventory query", () => {
  const parse = (query: string) => parseInventoryQuery(new URLSearchParams(query));

  it("refuses a search with a NUL, naming the field, and keeps the rest of the view", () => {
    expect(parse("q=%00&status=below_min")).toEqual({
      query: { page: 1, sort: "sku", dir: "asc", status: "below_min" },
      errors: { q: { key: "inventory.errors.searchControlCharacter" } },
    });
    expect(parse(`q=${"x".repeat(101)}`).errors).toEqual({ q: { key: "inventory.errors.searchTooLong", values: { max: 100 } } });
  });

  it("searches for trimmed text, and reads the page strictly", () => {
    expect(parse("q=%20bolt%20&page=2")).toEqual({ query: { page: 2, sort: "sku", dir: "asc", q: "bolt" }, errors: {} });
    expect(parse("page=0x10").query.page).toBe(1);
    expect(parse("page=1e1").query.page).toBe(1);
  });
});
