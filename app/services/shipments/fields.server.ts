import { z } from "zod";
import { isCalendarDate } from "~/core";
import type { ShipmentErrorCode } from "./errors.server";
import { type DecimalProblem, parseDecimal, QUANTITY_COLUMN } from "~/utils/input/decimal";
import { readText } from "~/utils/input/text";

/** Quantities are stored with 4 decimals, up to this size (as plan lines). */
export const SHIPMENT_QTY_MAX = 1e12;
export const SHIPMENT_QTY_DECIMALS = QUANTITY_COLUMN.scale;
/** Carrier names and tracking numbers, as long as any carrier's fit. */
export const CARRIER_MAX = 100;
export const TRACKING_MAX = 100;
/** An ASN covers lines of one plan, which has at most 500. */
export const ASN_MAX_LINES = 500;

type Parsed<T> = { ok: true; value: T } | { ok: false; code: ShipmentErrorCode; params?: Record<string, number | string> };

const blank = (v: unknown) => (v === null || v === undefined || (typeof v === "string" && v.trim() === "") ? undefined : v);

const daySchema = z.preprocess(
  blank,
  z
    .string({ error: (issue) => (issue.input === undefined ? "required" : "invalid_date") })
    .trim()
    .refine(isCalendarDate, { error: "invalid_date" }),
);

function fromZod<T>(result: { success: true; data: T } | { success: false; error: z.ZodError }): Parsed<T> {
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, code: (result.error.issues[0]?.message ?? "required") as ShipmentErrorCode };
}

const QTY_ERRORS: Record<DecimalProblem, { code: ShipmentErrorCode; params?: Record<string, number> }> = {
  required: { code: "required" },
  invalid: { code: "invalid_number" },
  separator: { code: "number_separator" },
  negative: { code: "negative" },
  too_precise: { code: "too_precise", params: { decimals: SHIPMENT_QTY_DECIMALS } },
  too_large: { code: "too_large", params: { max: SHIPMENT_QTY_MAX } },
};

/**
 * A quantity as a form or a client sends it (text or number), read by the strict decimal rule
 * (`0b11` and `1e3` are not quantities, nor is a negative one) and at most SHIPMENT_QTY_MAX.
 */
export function parseQuantity(value: unknown): Parsed<number> {
  const parsed = parseDecimal(value, QUANTITY_COLUMN);
  if (!parsed.ok) return { ok: false, ...QTY_ERRORS[parsed.problem] };
  if (parsed.value > SHIPMENT_QTY_MAX) return { ok: false, ...QTY_ERRORS.too_large };
  return { ok: true, value: parsed.value };
}

/** A calendar day written YYYY-MM-DD. */
export function parseDay(value: unknown): Parsed<string> {
  return fromZod(daySchema.safeParse(value));
}

/** Optional free text by the text rule: blank is none, control characters and more than `max` characters are refused. */
export function parseOptionalText(value: unknown, max: number): Parsed<string | null> {
  if (value !== null && value !== undefined && typeof value !== "string") return { ok: false, code: "required" };
  const text = readText(value, { max });
  if (text.ok) return text;
  return text.problem === "too_long"
    ? { ok: false, code: "too_long", params: { max } }
    : { ok: false, code: "control_character" };
}

/** Rounds to the 4 decimals quantities are stored with. */
export function round4(n: number) {
  return Math.round(n * 10_000) / 10_000;
}
