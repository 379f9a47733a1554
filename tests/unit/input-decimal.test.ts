import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { agreements } from "@db/schema/agreements";
import { planLines, shipments } from "@db/schema/plans";
import { bandProposals } from "@db/schema/band-proposals";
import { checkDecimal, decimalField, pageField } from "~/utils/input/decimal-field";
import { DAYS_COLUMN, INTEGER_COLUMN, parseDecimal, QUANTITY_COLUMN, type DecimalRule } from "~/utils/input/decimal";

const SIGNED: DecimalRule = { ...QUANTITY_COLUMN, negative: true };

describe("parseDecimal accepts plain decimals", () => {
  it.each([
    ["0", 0, "0"],
    ["12", 12, "12"],
    [" 12.5 ", 12.5, "12.5"],
    ["\t7200\n", 7200, "7200"],
    [".5", 0.5, "0.5"],
    ["007", 7, "7"],
    ["12.3400", 12.34, "12.34"],
    ["1.0000", 1, "1"],
    ["0.0001", 0.0001, "0.0001"],
    ["99999999999999.9999", 99999999999999.9999, "99999999999999.9999"],
    ["1.000000", 1, "1"],
  ])("%j → %d", (input, value, text) => {
    expect(parseDecimal(input, QUANTITY_COLUMN)).toEqual({ ok: true, value, text });
  });

  it("takes a minus only where the field allows negatives", () => {
    expect(parseDecimal("-3.25", SIGNED)).toEqual({ ok: true, value: -3.25, text: "-3.25" });
    expect(parseDecimal(" -0.000 ", SIGNED)).toEqual({ ok: true, value: 0, text: "0" });
    expect(parseDecimal("-3.25", QUANTITY_COLUMN)).toEqual({ ok: false, problem: "negative" });
    expect(parseDecimal("-1", QUANTITY_COLUMN)).toEqual({ ok: false, problem: "negative" });
    expect(parseDecimal("-0", QUANTITY_COLUMN)).toEqual({ ok: false, problem: "negative" });
  });

  it("takes numbers that arrive as numbers (a JSON body) by the same column rule", () => {
    expect(parseDecimal(12.5, QUANTITY_COLUMN)).toEqual({ ok: true, value: 12.5, text: "12.5" });
    expect(parseDecimal(0.1 + 0.2, QUANTITY_COLUMN)).toEqual({ ok: true, value: 0.3, text: "0.3" });
    expect(parseDecimal(-0, QUANTITY_COLUMN)).toEqual({ ok: true, value: 0, text: "0" });
    expect(parseDecimal(-2, SIGNED)).toEqual({ ok: true, value: -2, text: "-2" });
  });
});

describe("parseDecimal refuses everything else, naming the problem", () => {
  it.each([
    // Blank.
    ["", "required"],
    ["   ", "required"],
    [null, "required"],
    [undefined, "required"],
    // Other bases, exponents and the special values JavaScript reads as numbers.
    ["0x1c20", "invalid"],
    ["0X1C20", "invalid"],
    ["0b11", "invalid"],
    ["0B11", "invalid"],
    ["0o17", "invalid"],
    ["0O17", "invalid"],
    ["1e3", "invalid"],
    ["1E3", "invalid"],
    ["1e-3", "invalid"],
    ["2.5e+2", "invalid"],
    ["Infinity", "invalid"],
    ["-Infinity", "invalid"],
    ["NaN", "invalid"],
    // Not the plain grammar.
    ["+5", "invalid"],
    ["5.", "invalid"],
    [".", "invalid"],
    ["-", "invalid"],
    ["1..2", "invalid"],
    ["1.2.3", "invalid"],
    ["--1", "invalid"],
    ["- 1", "invalid"],
    ["12abc", "invalid"],
    ["abc", "invalid"],
    ["0x", "invalid"],
    ["１２", "invalid"],
    ["12\u0000", "invalid"],
    // Thousands separators and decimal commas, told apart for a clearer message.
    ["1,000", "separator"],
    ["1,000.50", "separator"],
    ["12,5", "separator"],
    ["1 000", "separator"],
    ["1\u00a0000", "separator"],
    ["1_000", "separator"],
    ["1'000", "separator"],
    ["1，000", "separator"],
    // The column's size.
    ["1.23456", "too_precise"],
    ["0.00001", "too_precise"],
    ["123456789012345", "too_large"],
    ["100000000000000", "too_large"],
  ])("%j → %s", (input, problem) => {
    expect(parseDecimal(input, QUANTITY_COLUMN)).toEqual({ ok: false, problem });
  });

  it.each([
    [Number.NaN, "invalid"],
    [Number.POSITIVE_INFINITY, "invalid"],
    [-1, "negative"],
    [1.00001, "too_precise"],
    [1e15, "too_large"],
    [true, "invalid"],
    [{}, "invalid"],
    [10n, "invalid"],
  ])("the value %s → %s", (input, problem) => {
    expect(parseDecimal(input, QUANTITY_COLUMN)).toEqual({ ok: false, problem });
  });

  it("keeps whole-number and two-decimal columns to their size", () => {
    expect(parseDecimal("2.5", INTEGER_COLUMN)).toEqual({ ok: false, problem: "too_precise" });
    expect(parseDecimal("2.0", INTEGER_COLUMN)).toEqual({ ok: true, value: 2, text: "2" });
    expect(parseDecimal("1234567890", INTEGER_COLUMN)).toEqual({ ok: false, problem: "too_large" });
    expect(parseDecimal("3.555", DAYS_COLUMN)).toEqual({ ok: false, problem: "too_precise" });
    expect(parseDecimal("123456.78", DAYS_COLUMN)).toEqual({ ok: true, value: 123456.78, text: "123456.78" });
    expect(parseDecimal("1234567", DAYS_COLUMN)).toEqual({ ok: false, problem: "too_large" });
  });
});

describe("parseDecimal, whatever it is given", () => {
  const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));

  it("round-trips any finite decimal within the column's precision and scale", () => {
    fc.assert(
      fc.property(digits(1, 14), digits(0, 4), fc.boolean(), (whole, fraction, negative) => {
        const text = `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
        const parsed = parseDecimal(text, SIGNED);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.value).toBe(Number(text) === 0 ? 0 : Number(text));
        // The canonical text reads back as itself, and so does the number it stands for.
        expect(parseDecimal(parsed.text, SIGNED)).toEqual(parsed);
        expect(parseDecimal(` ${text}\t`, SIGNED)).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips numbers of up to 15 significant digits through the canonical text", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }),
        fc.integer({ min: 0, max: 9999 }),
        (whole, tenThousandths) => {
          const value = Number(`${whole < 0 ? "-" : ""}${Math.abs(whole)}.${String(tenThousandths).padStart(4, "0")}`);
          const parsed = parseDecimal(value, SIGNED);
          expect(parsed).toEqual({ ok: true, value: value === 0 ? 0 : value, text: expect.any(String) });
          if (parsed.ok) expect(parseDecimal(parsed.text, SIGNED)).toEqual(parsed);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses any text with x, b, o, e or E after digits", () => {
    fc.assert(
      fc.property(
        digits(1, 8),
        fc.constantFrom("x", "X", "b", "B", "o", "O", "e", "E"),
        fc.stringMatching(/^[0-9a-fA-F+-]{0,6}$/),
        (head, letter, tail) => {
          expect(parseDecimal(`${head}${letter}${tail}`, SIGNED)).toEqual({ ok: false, problem: "invalid" });
          expect(parseDecimal(`${head}.5${letter}${tail}`, SIGNED)).toEqual({ ok: false, problem: "invalid" });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("accepts nothing but the plain grammar, and reads it as Number would", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789.-+eExXbBoO ,_'\t"), maxLength: 12 }), (text) => {
        const parsed = parseDecimal(text, SIGNED);
        if (!parsed.ok) return;
        expect(text.trim()).toMatch(/^-?(\d+(\.\d+)?|\.\d+)$/);
        expect(parsed.value).toBe(Number(text.trim()) === 0 ? 0 : Number(text.trim()));
      }),
      { numRuns: 5000 },
    );
  });
});

/** A numeric column's declared precision and scale (drizzle keeps them on the column). */
const shapeOf = (column: unknown) => {
  const { precision, scale } = column as { precision?: number; scale?: number };
  return { precision, scale };
};

describe("the columns the parser knows are the schema's", () => {
  it("quantities are numeric(18, 4), lead times numeric(8, 2)", () => {
    for (const column of [
      agreements.minQty,
      agreements.maxQty,
      agreements.moq,
      agreements.packSize,
      planLines.qty,
      shipments.qty,
      shipments.receivedQty,
      bandProposals.proposedMin,
    ]) {
      expect(shapeOf(column), column.name).toEqual(QUANTITY_COLUMN);
    }
    for (const column of [agreements.leadTimeDays, agreements.leadTimeSdDays]) {
      expect(shapeOf(column), column.name).toEqual(DAYS_COLUMN);
    }
    expect(agreements.reviewPeriodDays.columnType).toBe("PgInteger");
    expect(10 ** INTEGER_COLUMN.precision - 1).toBeLessThan(2 ** 31);
  });
});

describe("decimalField: the parser with the field's range and messages", () => {
  const messages = {
    invalid: "f.number",
    required: "f.required",
    separator: "f.separator",
    negative: "f.negative",
    tooPrecise: "f.precise",
    tooLarge: "f.tooLarge",
    tooSmall: "f.tooSmall",
  };
  const field = decimalField({ ...QUANTITY_COLUMN, greaterThan: 0, max: 1000, messages });

  it.each([
    ["0x1c20", "f.number"],
    ["", "f.required"],
    ["1,000", "f.separator"],
    ["-1", "f.negative"],
    ["1.00001", "f.precise"],
    ["1000.5", "f.tooLarge"],
    ["0", "f.tooSmall"],
  ])("%j → %s", (input, message) => {
    const result = field.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it("gives the number, and falls back to `invalid` for a message left out", () => {
    expect(field.parse(" 12.5 ")).toBe(12.5);
    expect(checkDecimal("1,000", { ...QUANTITY_COLUMN, messages: { invalid: "only" } })).toEqual({
      ok: false,
      problem: "separator",
      message: "only",
    });
    expect(checkDecimal("5", { ...QUANTITY_COLUMN, min: 5, messages: { invalid: "only" } })).toEqual({ ok: true, value: 5 });
  });

  it("reads page numbers strictly: anything but a whole number from 1 to 100,000 is page 1", () => {
    expect(["1", "7", " 12 ", "100000"].map((p) => pageField.parse(p))).toEqual([1, 7, 12, 100_000]);
    expect(
      ["0x10", "0b11", "1e3", "2.5", "-3", "0", "100001", "", "1,000", "Infinity", undefined].map((p) => pageField.parse(p)),
    ).toEqual(Array(11).fill(1));
  });
});
