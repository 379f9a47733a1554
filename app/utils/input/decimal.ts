import { hasAtMostDecimals } from "~/core/decimals";

/**
 * The one way a number is read from input: forms, query strings, and the API and file imports
 * to come. PURE (no zod, no database, no clock): the forms run it in the browser too.
 *
 * Text is a plain decimal: optional surrounding whitespace, a leading `-` only where the field
 * allows negatives, ASCII digits with an optional decimal part (`12`, `12.5`, `.5`). Nothing else
 * is a number here, however JavaScript would read it: `0x1c20`, `0b11`, `0o17`, `1e3`,
 * `Infinity`, `NaN`, `+5`, `5.` and blank text are refused, and so are thousands separators
 * (`1,000`, `1 000`, `1_000`), which are told apart so that the message can say so. A number
 * must fit its column: at most `scale` decimals (trailing zeros do not count) and
 * `precision − scale` digits before the point.
 *
 * A number that arrives as a number (a JSON body) must be finite and fit the column the same way.
 */

/** A PostgreSQL numeric(precision, scale) column; an integer column is scale 0. */
export interface DecimalColumn {
  precision: number;
  scale: number;
}

/** numeric(18, 4): quantities (stock, bands, MOQ, pack sizes, plan and shipment quantities). */
export const QUANTITY_COLUMN: DecimalColumn = { precision: 18, scale: 4 };
/** numeric(8, 2): lead times and their deviation, in days. */
export const DAYS_COLUMN: DecimalColumn = { precision: 8, scale: 2 };
/** integer (int4): whole counts such as a review period, a version or a page; nine digits always fit. */
export const INTEGER_COLUMN: DecimalColumn = { precision: 9, scale: 0 };

export interface DecimalRule extends DecimalColumn {
  /** Whether a leading minus is allowed. Default false: quantities, days and counts are never negative. */
  negative?: boolean;
}

/**
 * - required: missing or blank
 * - invalid: not a plain decimal (letters, another base, an exponent, Infinity, NaN, `+`, …)
 * - separator: digits grouped with `,`, `_`, `'` or spaces (a thousands separator or decimal comma)
 * - negative: a minus where the field allows none
 * - too_precise: more decimals than the column keeps
 * - too_large: more digits before the point than the column holds
 */
export type DecimalProblem = "required" | "invalid" | "separator" | "negative" | "too_precise" | "too_large";

export type DecimalResult =
  | {
      ok: true;
      value: number;
      /** The number written canonically: no leading or trailing zeros, no `-0`. */
      text: string;
    }
  | { ok: false; problem: DecimalProblem };

const PLAIN_DECIMAL = /^(-?)(?:(\d+)(?:\.(\d+))?|\.(\d+))$/;
/** Digit groups joined by a separator a person might type: comma, underscore, apostrophe, spaces. */
const SEPARATOR = /\d[,_'\s\u00a0\u202f\uff0c]+\d/;
const SEPARATOR_CHARS = /[,_'\s\u00a0\u202f\uff0c]/g;

/**
 * Reads a number by the rule above.
 *
 * @example
 * parseDecimal(" 7200 ", QUANTITY_COLUMN); // { ok: true, value: 7200, text: "7200" }
 * parseDecimal("0x1c20", QUANTITY_COLUMN); // { ok: false, problem: "invalid" }
 * parseDecimal("1,000", QUANTITY_COLUMN); // { ok: false, problem: "separator" }
 * parseDecimal("2.5", INTEGER_COLUMN); // { ok: false, problem: "too_precise" }
 */
export function parseDecimal(input: unknown, rule: DecimalRule): DecimalResult {
  if (input === null || input === undefined) return fail("required");
  if (typeof input === "number") return fromNumber(input, rule);
  if (typeof input !== "string") return fail("invalid");
  const text = input.trim();
  if (text === "") return fail("required");
  const match = PLAIN_DECIMAL.exec(text);
  if (!match) {
    const ungrouped = text.replace(SEPARATOR_CHARS, "");
    return fail(SEPARATOR.test(text) && PLAIN_DECIMAL.test(ungrouped) ? "separator" : "invalid");
  }
  const [, minus, whole = "", fraction = "", onlyFraction = ""] = match;
  const integerDigits = whole.replace(/^0+/, "");
  const decimals = (fraction || onlyFraction).replace(/0+$/, "");
  if (minus && !rule.negative) return fail("negative");
  if (decimals.length > rule.scale) return fail("too_precise");
  if (integerDigits.length > rule.precision - rule.scale) return fail("too_large");
  const zero = integerDigits === "" && decimals === "";
  const canonical = `${minus && !zero ? "-" : ""}${integerDigits || "0"}${decimals ? `.${decimals}` : ""}`;
  // The only place input text becomes a number: the grammar above leaves Number() nothing to guess.
  return { ok: true, value: Number(canonical), text: canonical };
}

function fromNumber(n: number, rule: DecimalRule): DecimalResult {
  if (!Number.isFinite(n)) return fail("invalid");
  if (n < 0 && !rule.negative) return fail("negative");
  if (!hasAtMostDecimals(n, rule.scale)) return fail("too_precise");
  if (Math.abs(n) >= 10 ** (rule.precision - rule.scale)) return fail("too_large");
  const fixed = n.toFixed(rule.scale);
  const trimmed = fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
  const text = trimmed === "-0" ? "0" : trimmed;
  return { ok: true, value: Number(text), text };
}

const fail = (problem: DecimalProblem): DecimalResult => ({ ok: false, problem });

/**
 * A whole number from 0 that fits an integer column (a version, a line index in a field name),
 * read by the same rule; null for anything else.
 *
 * @example
 * wholeNumber("12"); // 12
 * wholeNumber("0x0c"); // null
 */
export function wholeNumber(input: unknown): number | null {
  const parsed = parseDecimal(input, INTEGER_COLUMN);
  return parsed.ok ? parsed.value : null;
}
