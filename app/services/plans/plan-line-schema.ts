import { z } from "zod";
import { isCalendarDate } from "~/core";
import { isUuid } from "~/utils/ids";
import { QUANTITY_COLUMN } from "~/utils/input/decimal";
import { checkDecimal, decimalField } from "~/utils/input/decimal-field";
import { readText } from "~/utils/input/text";

/**
 * The plan line's form schema and its error codes: how a line the builder (or an API client)
 * sends is read, field by field. Shared by the browser's live checks and the services' checks
 * before a write (./plan-line-rules), so a form never shows one verdict and the server another.
 * No `.server` in the name: the builder route hands these rules to the browser.
 *
 * Every error names its line (1-based, as the user numbers them), its field and a stable code
 * (for translation, `plans.errors.<code>`) with the numbers a message needs in `params`.
 */

export const planLineFields = ["agreementId", "qty", "shipDate", "arrivalDate", "reason"] as const;
export type PlanLineField = (typeof planLineFields)[number];

/** Longest reason text and note; most lines a plan may have; largest quantity a line may carry. */
export const PLAN_REASON_MAX = 500;
export const PLAN_NOTE_MAX = 2000;
export const PLAN_MAX_LINES = 500;
export const PLAN_QTY_MAX = 1e12;
/** Quantities are stored as numeric(18, 4). */
export const PLAN_QTY_DECIMALS = QUANTITY_COLUMN.scale;

/**
 * Every code an error may carry. Field-shape codes come from the schema; the rest from the checks.
 * - required: the field is empty
 * - invalid_number: qty is not a plain decimal number (`0x1c20`, `1e3`, `Infinity` are not)
 * - number_separator: qty written with a thousands separator (`1,000`)
 * - too_large: qty above PLAN_QTY_MAX (params.max)
 * - too_precise: qty with more than 4 decimals (params.decimals)
 * - invalid_date: not a calendar date written YYYY-MM-DD
 * - too_long: reason (or note) longer than allowed (params.max)
 * - control_character: reason (or note) holds a control character (NUL and the like)
 * - unknown_agreement: not an agreement of this supplier (malformed, another supplier's, another
 *   tenant's, or no agreement at all: the message must not say which)
 * - agreement_not_active: the agreement is suspended or ended (params.status)
 * - qty_not_positive: qty ≤ 0 (a negative qty is refused as it is read)
 * - qty_not_pack_multiple: not a whole number of packs (params.packSize)
 * - qty_below_moq: below the minimum order quantity (params.moq, params.minimum = the smallest
 *   orderable quantity: the MOQ rounded up to whole packs)
 * - ship_date_in_past: ship date before today (params.today)
 * - arrival_before_ship: arrival date before the ship date (params.shipDate)
 * - reason_required_above_max: the line lifts projected stock above max (params.max, params.date =
 *   the first such day, params.onHand = projected stock that day)
 * - reason_required_stockout: after all the plan's lines the agreement still stocks out within the
 *   horizon; put on the agreement's last line (params.date = the first stockout day)
 */
export const planLineErrorCodes = [
  "required",
  "invalid_number",
  "number_separator",
  "too_large",
  "too_precise",
  "invalid_date",
  "too_long",
  "control_character",
  "unknown_agreement",
  "agreement_not_active",
  "qty_not_positive",
  "qty_not_pack_multiple",
  "qty_below_moq",
  "ship_date_in_past",
  "arrival_before_ship",
  "reason_required_above_max",
  "reason_required_stockout",
] as const;
export type PlanLineErrorCode = (typeof planLineErrorCodes)[number];

export interface PlanLineError {
  /** 1-based line number. */
  line: number;
  field: PlanLineField;
  code: PlanLineErrorCode;
  params?: Record<string, string | number>;
}

/**
 * Errors of the plan as a whole (no line to name): no_lines (submitting an empty plan),
 * too_many_lines (params.max), too_long (note or comment, params.max), control_character (note or
 * comment), required (the comment of a request for changes; the form's requestId).
 */
export const planFormErrorCodes = ["no_lines", "too_many_lines", "too_long", "control_character", "required"] as const;
export type PlanFormErrorCode = (typeof planFormErrorCodes)[number];
export interface PlanFormError {
  field: "lines" | "note" | "comment" | "requestId";
  code: PlanFormErrorCode;
  params?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------
// Schema

const blank = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const requiredOr = (code: string) => (issue: { input: unknown }) => (issue.input === undefined ? "required" : code);

const dateField = z.preprocess(
  blank,
  z
    .string({ error: requiredOr("invalid_date") })
    .trim()
    .refine(isCalendarDate, { error: "invalid_date" }),
);

/** A line's quantity: a plain decimal that fits numeric(18, 4), at most PLAN_QTY_MAX, not negative. */
const qtyField = decimalField({
  ...QUANTITY_COLUMN,
  max: PLAN_QTY_MAX,
  messages: {
    required: "required",
    invalid: "invalid_number",
    separator: "number_separator",
    negative: "qty_not_positive",
    tooPrecise: "too_precise",
    tooLarge: "too_large",
  },
});

/**
 * One line as a form (or an API client) sends it. Numbers may come as text (read strictly, see
 * app/utils/input/decimal); blank text counts as missing. Business rules (qty > 0, packs, MOQ,
 * dates, reasons) are `checkPlanLines`' job, so that the form shows them with their numbers.
 */
export const planLineInputSchema = z.object({
  agreementId: z.preprocess(
    blank,
    z
      .string({ error: requiredOr("unknown_agreement") })
      .trim()
      .refine(isUuid, { error: "unknown_agreement" }),
  ),
  qty: qtyField,
  shipDate: dateField,
  arrivalDate: dateField,
  reason: z
    .unknown()
    .optional()
    .transform((value, ctx): string | null => {
      const text = readText(value, { max: PLAN_REASON_MAX });
      if (text.ok) return text.value;
      ctx.issues.push({ code: "custom", message: text.problem, input: value });
      return z.NEVER;
    }),
  /** What the core proposed for this line, when the line came from the proposal (a hidden field: a bad value is none). */
  proposedQty: z
    .unknown()
    .optional()
    .transform((value): number | null => {
      const qty = checkDecimal(value, { ...QUANTITY_COLUMN, max: PLAN_QTY_MAX, messages: { invalid: "invalid_number" } });
      return qty.ok ? qty.value : null;
    }),
});

export type PlanLineInput = z.output<typeof planLineInputSchema>;
/** A line as typed in the form, before parsing: anything may be missing or text. */
export type PlanLineDraft = {
  agreementId?: string | null;
  qty?: number | string | null;
  shipDate?: string | null;
  arrivalDate?: string | null;
  reason?: string | null;
  proposedQty?: number | string | null;
};

const PARAMS_BY_CODE: Partial<Record<PlanLineErrorCode, Record<string, number>>> = {
  too_large: { max: PLAN_QTY_MAX },
  too_precise: { decimals: PLAN_QTY_DECIMALS },
  too_long: { max: PLAN_REASON_MAX },
};

/**
 * Parses every line. `lines[i]` is the parsed line, or null when one of its fields has the wrong
 * shape (the errors say which).
 */
export function parsePlanLines(raw: readonly unknown[]): { lines: (PlanLineInput | null)[]; errors: PlanLineError[] } {
  const lines: (PlanLineInput | null)[] = [];
  const errors: PlanLineError[] = [];
  raw.forEach((value, index) => {
    // Anything but an object is a line with every field missing.
    const result = planLineInputSchema.safeParse(value && typeof value === "object" && !Array.isArray(value) ? value : {});
    if (result.success) {
      lines.push(result.data);
      return;
    }
    lines.push(null);
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      const field = (planLineFields as readonly unknown[]).includes(issue.path[0]) ? (issue.path[0] as PlanLineField) : null;
      if (!field || seen.has(field)) continue;
      seen.add(field);
      const code = (
        (planLineErrorCodes as readonly string[]).includes(issue.message) ? issue.message : "required"
      ) as PlanLineErrorCode;
      const params = PARAMS_BY_CODE[code];
      errors.push(params ? { line: index + 1, field, code, params } : { line: index + 1, field, code });
    }
  });
  return { lines, errors: sortErrors(errors) };
}

const FIELD_ORDER: Record<PlanLineField, number> = { agreementId: 0, qty: 1, shipDate: 2, arrivalDate: 3, reason: 4 };

/** Errors ordered by line, then by the fields' order on the form. */
export function sortErrors(errors: PlanLineError[]) {
  return errors.sort((a, b) => a.line - b.line || FIELD_ORDER[a.field] - FIELD_ORDER[b.field]);
}

/** The fields of a line that failed to parse as a whole, each parsed on its own. */
export function partialLine(value: unknown): Partial<PlanLineInput> {
  const out: Partial<PlanLineInput> = {};
  if (!value || typeof value !== "object") return out;
  const shape = planLineInputSchema.shape;
  const v = value as Record<string, unknown>;
  const agreementId = shape.agreementId.safeParse(v.agreementId);
  if (agreementId.success) out.agreementId = agreementId.data;
  const qty = shape.qty.safeParse(v.qty);
  if (qty.success) out.qty = qty.data;
  const shipDate = shape.shipDate.safeParse(v.shipDate);
  if (shipDate.success) out.shipDate = shipDate.data;
  const arrivalDate = shape.arrivalDate.safeParse(v.arrivalDate);
  if (arrivalDate.success) out.arrivalDate = arrivalDate.data;
  const reason = shape.reason.safeParse(v.reason);
  if (reason.success) out.reason = reason.data;
  return out;
}

/** A line has a reason when its reason text is not blank (a reason too long is its own error). */
export function hasReason(value: unknown): boolean {
  const reason = value && typeof value === "object" ? (value as Record<string, unknown>).reason : undefined;
  return typeof reason === "string" && reason.trim() !== "";
}
