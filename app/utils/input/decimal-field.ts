import { z } from "zod";
import { type DecimalProblem, type DecimalRule, INTEGER_COLUMN, parseDecimal } from "./decimal";

/**
 * The strict decimal parser (./decimal) as a zod field, with the field's range and its own
 * messages: what forms (through conform) and query strings use for every number. The field reads
 * text or a number and gives a number; conform's own reading of numbers (`Number(text)`, which
 * takes `0x1c20` for 7200) never sees it.
 */

/** What can be wrong with a number field: the parser's problems and the field's range. */
export type DecimalFieldProblem = DecimalProblem | "too_small";

/** A field's messages (i18n keys, or codes a page translates). `invalid` stands in for any left out. */
export interface DecimalMessages {
  invalid: string;
  required?: string;
  separator?: string;
  negative?: string;
  tooPrecise?: string;
  /** Above `max`, or more digits than the column holds. */
  tooLarge?: string;
  /** Below `min`, or not above `greaterThan`. */
  tooSmall?: string;
}

export interface DecimalFieldOptions extends DecimalRule {
  /** Smallest value allowed. */
  min?: number;
  /** Values must be greater than this. */
  greaterThan?: number;
  /** Largest value allowed. */
  max?: number;
  messages: DecimalMessages;
}

export type DecimalFieldResult = { ok: true; value: number } | { ok: false; problem: DecimalFieldProblem; message: string };

const MESSAGE_OF: Record<DecimalFieldProblem, keyof DecimalMessages> = {
  required: "required",
  invalid: "invalid",
  separator: "separator",
  negative: "negative",
  too_precise: "tooPrecise",
  too_large: "tooLarge",
  too_small: "tooSmall",
};

/** Reads one value by the field's rule and range; the message of the first problem when it fails. */
export function checkDecimal(input: unknown, options: DecimalFieldOptions): DecimalFieldResult {
  const parsed = parseDecimal(input, options);
  const problem: DecimalFieldProblem | null = !parsed.ok
    ? parsed.problem
    : options.min !== undefined && parsed.value < options.min
      ? "too_small"
      : options.greaterThan !== undefined && !(parsed.value > options.greaterThan)
        ? "too_small"
        : options.max !== undefined && parsed.value > options.max
          ? "too_large"
          : null;
  if (problem === null && parsed.ok) return { ok: true, value: parsed.value };
  const failed = problem ?? "invalid";
  return { ok: false, problem: failed, message: options.messages[MESSAGE_OF[failed]] ?? options.messages.invalid };
}

/**
 * A required number field.
 *
 * @example
 * const moq = decimalField({ ...QUANTITY_COLUMN, min: 0, max: 1e12, messages: { invalid: "agreement.errors.moq.number" } });
 * moq.safeParse("0x10").success; // false
 */
export function decimalField(options: DecimalFieldOptions) {
  // Optional in, so that a missing key reaches the parser, which names it `required`.
  return z
    .unknown()
    .optional()
    .transform((input, ctx): number => {
      const result = checkDecimal(input, options);
      if (result.ok) return result.value;
      ctx.issues.push({ code: "custom", message: result.message, input });
      return z.NEVER;
    });
}

/** A page number from a query string or a form: a whole number from 1; anything else is page 1. */
export const pageField = decimalField({ ...INTEGER_COLUMN, min: 1, max: 100_000, messages: { invalid: "page" } }).catch(1);
