import { z } from "zod";
import { dayNumber, isoDate, projectInventory, type InventoryProjection, type Receipt } from "~/core";
import { isUuid } from "./ids";
import { QUANTITY_COLUMN } from "./input/decimal";
import { checkDecimal, decimalField } from "./input/decimal-field";
import { readText } from "./input/text";

/**
 * Lines of a replenishment plan: their input schema, the plan's checks and the projection of
 * each agreement with and without the plan. PURE (no database, no clock, no node:*): the plan
 * builder runs the same checks in the browser on every keystroke that the services run before
 * they write, so a form never shows one verdict and the server gives another.
 *
 * Every error names its line (1-based, as the user numbers them), its field and a stable code
 * (for translation) with the numbers a message needs in `params`.
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
/** Projections never run longer than this, however late a line arrives. */
export const PLAN_PROJECTION_MAX_DAYS = 730;

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

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

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

// ---------------------------------------------------------------------------------------------
// Context

/** A receipt already expected for an agreement (not part of the plan being edited). */
export interface PlanningReceipt {
  date: string;
  qty: number;
  source: "shipment" | "plan_line";
}

/** What the checks and projections need about one agreement (loaded by app/models/planning). */
export interface PlanningAgreement {
  agreementId: string;
  supplierId: string;
  supplierName: string;
  sku: string;
  itemName: string;
  uom: string;
  unitCost: number;
  siteCode: string;
  siteName: string;
  status: "active" | "suspended" | "ended";
  min: number;
  max: number;
  leadTimeDays: number;
  moq: number;
  packSize: number;
  /** Latest stock snapshot on or before yesterday, and its day; null when there is none. */
  onHand: number | null;
  onHandDay: string | null;
  /** Forecast demand per day, ≥ 0: from agreement_metrics, else the last 28 days' mean. */
  forecastDaily: number;
  forecastSource: "metrics" | "history";
  /** In-transit shipments and accepted, not yet shipped lines of other plans. */
  inbound: PlanningReceipt[];
  /** What agreement_metrics says, when the recompute has run for this agreement. */
  metrics: {
    abc: string;
    xyz: string;
    pattern: string;
    forecastMethod: string;
    recommendedMin: number;
    recommendedMax: number;
    asOf: string;
  } | null;
}

export interface PlanningContext {
  /** The tenant's today (YYYY-MM-DD): day 0 of every projection. */
  today: string;
  horizonDays: number;
  agreements: PlanningAgreement[];
}

/** Agreements by id. */
export function agreementIndex(context: PlanningContext): Map<string, PlanningAgreement> {
  return new Map(context.agreements.map((a) => [a.agreementId.toLowerCase(), a]));
}

/**
 * Stock at the start of today: the snapshot of yesterday, or an older one less the forecast
 * demand of the days since (never below 0). No snapshot at all counts as 0.
 */
export function startingOnHand(agreement: PlanningAgreement, today: string): number {
  if (agreement.onHand === null || agreement.onHandDay === null) return 0;
  const gap = dayNumber(today) - dayNumber(agreement.onHandDay) - 1;
  const start = agreement.onHand - (gap > 0 ? gap * agreement.forecastDaily : 0);
  return start > 0 ? start : 0;
}

/** Day index (0 = today) of a date; dates already past count as today (late, still expected). */
function dayIndex(today: string, date: string) {
  const d = dayNumber(date) - dayNumber(today);
  return d > 0 ? d : 0;
}

// ---------------------------------------------------------------------------------------------
// Checks

export interface CheckPlanLinesOptions {
  /**
   * `submit` (default): every rule. `draft`: only what keeps a line from being stored at all
   * (shape, unknown or inactive agreement, qty ≤ 0, arrival before ship date); the rest waits for
   * submission so that a draft can be saved half done.
   */
  mode?: "submit" | "draft";
}

const TOLERANCE = 1e-9;
const above = (x: number, limit: number) => x > limit + TOLERANCE * Math.max(1, Math.abs(limit));
const below = (x: number, limit: number) => x < limit - TOLERANCE * Math.max(1, Math.abs(limit));

/** Whether qty is a whole number of `step` (pack sizes may be fractional: compared with a tolerance). */
export function isWholeMultiple(qty: number, step: number) {
  const k = qty / step;
  return Math.abs(k - Math.round(k)) <= TOLERANCE * Math.max(1, Math.abs(k));
}

/** The smallest orderable quantity: the MOQ rounded up to whole packs, at least one pack. */
export function smallestOrderable(moq: number, packSize: number): number {
  const packs = Math.max(1, Math.ceil(moq / packSize - TOLERANCE * Math.max(1, moq / packSize)));
  return packs * packSize;
}

/** A parsed line that can enter a projection: known agreement, qty > 0, valid arrival date. */
interface ProjectableLine {
  line: number;
  agreement: PlanningAgreement;
  qty: number;
  arrivalDay: number;
  hasReason: boolean;
}

/**
 * Every error of the plan's lines, ordered by line and field. An empty array means the lines
 * may be submitted (with `mode: "draft"`: stored). `lines` may be raw form values; they are
 * parsed here with `planLineInputSchema`.
 */
export function checkPlanLines(
  lines: readonly unknown[],
  context: PlanningContext,
  options: CheckPlanLinesOptions = {},
): PlanLineError[] {
  return validatePlanLines(lines, context, options).errors;
}

/** `checkPlanLines` that also returns the parsed lines (null where a field had the wrong shape). */
export function validatePlanLines(
  raw: readonly unknown[],
  context: PlanningContext,
  options: CheckPlanLinesOptions = {},
): { lines: (PlanLineInput | null)[]; errors: PlanLineError[] } {
  const submit = (options.mode ?? "submit") === "submit";
  const parsed = parsePlanLines(raw);
  const errors = parsed.errors.slice();
  const byId = agreementIndex(context);
  const today = context.today;
  const projectable: ProjectableLine[] = [];
  const add = (line: number, field: PlanLineField, code: PlanLineErrorCode, params?: Record<string, string | number>) =>
    errors.push(params ? { line, field, code, params } : { line, field, code });
  const fieldFailed = (line: number, field: PlanLineField) => parsed.errors.some((e) => e.line === line && e.field === field);

  raw.forEach((value, index) => {
    const n = index + 1;
    const line = parsed.lines[index];
    // Fields that did parse are checked even when a sibling did not, so every error shows at once.
    const fields = line ?? partialLine(value);
    const agreementId = fieldFailed(n, "agreementId") ? null : fields.agreementId;
    const agreement = agreementId ? byId.get(agreementId.toLowerCase()) : undefined;
    if (agreementId && !agreement) add(n, "agreementId", "unknown_agreement");
    else if (agreement && agreement.status !== "active")
      add(n, "agreementId", "agreement_not_active", { status: agreement.status });

    const qty = fieldFailed(n, "qty") ? null : fields.qty;
    if (qty !== null && qty !== undefined) {
      if (!(qty > 0)) add(n, "qty", "qty_not_positive");
      else if (agreement && submit) {
        if (!isWholeMultiple(qty, agreement.packSize)) add(n, "qty", "qty_not_pack_multiple", { packSize: agreement.packSize });
        if (below(qty, agreement.moq)) {
          add(n, "qty", "qty_below_moq", { moq: agreement.moq, minimum: smallestOrderable(agreement.moq, agreement.packSize) });
        }
      }
    }

    const shipDate = fieldFailed(n, "shipDate") ? null : fields.shipDate;
    const arrivalDate = fieldFailed(n, "arrivalDate") ? null : fields.arrivalDate;
    if (submit && shipDate && shipDate < today) add(n, "shipDate", "ship_date_in_past", { today });
    if (shipDate && arrivalDate && arrivalDate < shipDate) add(n, "arrivalDate", "arrival_before_ship", { shipDate });

    if (agreement && qty !== null && qty !== undefined && qty > 0 && arrivalDate) {
      projectable.push({ line: n, agreement, qty, arrivalDay: dayIndex(today, arrivalDate), hasReason: hasReason(value) });
    }
  });

  if (submit) errors.push(...reasonErrors(raw, parsed.lines, projectable, context));
  return { lines: parsed.lines, errors: sortErrors(errors) };
}

/** The fields of a line that failed to parse as a whole, each parsed on its own. */
function partialLine(value: unknown): Partial<PlanLineInput> {
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

/** Days a projection runs: the horizon, longer when a line arrives after it. */
function projectionDays(context: PlanningContext, lines: readonly ProjectableLine[]) {
  let days = context.horizonDays;
  for (const l of lines) if (l.arrivalDay + 1 > days) days = l.arrivalDay + 1;
  return Math.min(days, Math.max(context.horizonDays, PLAN_PROJECTION_MAX_DAYS));
}

function inboundReceipts(agreement: PlanningAgreement, today: string): Receipt[] {
  return agreement.inbound.filter((r) => r.qty > 0).map((r) => ({ day: dayIndex(today, r.date), quantity: r.qty }));
}

function project(agreement: PlanningAgreement, context: PlanningContext, receipts: Receipt[], days: number) {
  return projectInventory({
    onHand: startingOnHand(agreement, context.today),
    demand: Math.max(0, agreement.forecastDaily),
    days,
    receipts,
    min: agreement.min,
    max: agreement.max,
  });
}

/** Whether `a` arrives before `b` (same day: the lower line number first). */
const arrivesBefore = (a: ProjectableLine, b: ProjectableLine) =>
  a.arrivalDay < b.arrivalDay || (a.arrivalDay === b.arrivalDay && a.line < b.line);

/**
 * A line's effect on top of inbound receipts and the plan's lines that arrive before it: stock
 * that overflows max is charged to the line that arrives last, not to the earlier lines it lands
 * on top of.
 */
function lineEffect(
  agreement: PlanningAgreement,
  context: PlanningContext,
  inbound: Receipt[],
  lines: readonly ProjectableLine[],
  line: ProjectableLine,
  days: number,
) {
  const earlier = inbound.concat(
    lines.filter((o) => arrivesBefore(o, line)).map((o) => ({ day: o.arrivalDay, quantity: o.qty })),
  );
  return {
    without: project(agreement, context, earlier, days).onHand,
    withLine: project(agreement, context, earlier.concat({ day: line.arrivalDay, quantity: line.qty }), days).onHand,
  };
}

/** First day (from `from`) where `withLine` is above max and above `without`; −1 when none. */
function firstPushAboveMax(withLine: number[], without: number[], max: number, from: number) {
  for (let d = from; d < withLine.length; d++) {
    if (above(withLine[d], max) && above(withLine[d], without[d])) return d;
  }
  return -1;
}

/** First day within the horizon with projected stock ≤ 0 while there is demand; −1 when none. */
function firstStockout(onHand: number[], demand: number, horizon: number) {
  if (!(demand > 0)) return -1;
  const end = Math.min(horizon, onHand.length);
  for (let d = 0; d < end; d++) if (onHand[d] <= 0) return d;
  return -1;
}

function reasonErrors(
  raw: readonly unknown[],
  parsed: readonly (PlanLineInput | null)[],
  projectable: readonly ProjectableLine[],
  context: PlanningContext,
): PlanLineError[] {
  const errors: PlanLineError[] = [];
  const groups = new Map<string, ProjectableLine[]>();
  for (const l of projectable) {
    const list = groups.get(l.agreement.agreementId) ?? [];
    list.push(l);
    groups.set(l.agreement.agreementId, list);
  }
  for (const [agreementId, lines] of groups) {
    const agreement = lines[0].agreement;
    const days = projectionDays(context, lines);
    const inbound = inboundReceipts(agreement, context.today);
    const receipt = (l: ProjectableLine): Receipt => ({ day: l.arrivalDay, quantity: l.qty });

    for (const l of lines) {
      if (l.hasReason) continue;
      const { without, withLine } = lineEffect(agreement, context, inbound, lines, l, days);
      const d = firstPushAboveMax(withLine, without, agreement.max, l.arrivalDay);
      if (d >= 0) {
        errors.push({
          line: l.line,
          field: "reason",
          code: "reason_required_above_max",
          params: { max: agreement.max, date: isoDate(dayNumber(context.today) + d), onHand: round4(withLine[d]) },
        });
      }
    }

    const all = project(agreement, context, inbound.concat(lines.map(receipt)), days);
    const out = firstStockout(all.onHand, agreement.forecastDaily, context.horizonDays);
    if (out >= 0) {
      // The agreement's last line in the form, even one that could not be projected.
      let last = lines[lines.length - 1].line;
      raw.forEach((_, index) => {
        const id = parsed[index]?.agreementId ?? agreementIdOf(raw[index]);
        if (id && id.toLowerCase() === agreementId.toLowerCase() && index + 1 > last) last = index + 1;
      });
      if (!hasReason(raw[last - 1])) {
        errors.push({
          line: last,
          field: "reason",
          code: "reason_required_stockout",
          params: { date: isoDate(dayNumber(context.today) + out) },
        });
      }
    }
  }
  return errors;
}

/** A line has a reason when its reason text is not blank (a reason too long is its own error). */
function hasReason(value: unknown): boolean {
  const reason = value && typeof value === "object" ? (value as Record<string, unknown>).reason : undefined;
  return typeof reason === "string" && reason.trim() !== "";
}

function agreementIdOf(value: unknown): string | null {
  const r = planLineInputSchema.shape.agreementId.safeParse((value as Record<string, unknown> | null)?.agreementId);
  return r.success ? r.data : null;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

const FIELD_ORDER: Record<PlanLineField, number> = { agreementId: 0, qty: 1, shipDate: 2, arrivalDate: 3, reason: 4 };
function sortErrors(errors: PlanLineError[]) {
  return errors.sort((a, b) => a.line - b.line || FIELD_ORDER[a.field] - FIELD_ORDER[b.field]);
}

/** Plan-level checks: at least one line on submission, at most PLAN_MAX_LINES, the note's text. */
export function checkPlanForm(
  input: { note?: string | null; lines: readonly unknown[] },
  options: CheckPlanLinesOptions = {},
): PlanFormError[] {
  const errors: PlanFormError[] = [];
  if ((options.mode ?? "submit") === "submit" && input.lines.length === 0) errors.push({ field: "lines", code: "no_lines" });
  if (input.lines.length > PLAN_MAX_LINES)
    errors.push({ field: "lines", code: "too_many_lines", params: { max: PLAN_MAX_LINES } });
  const note = readPlanText(input.note, PLAN_NOTE_MAX);
  if (!note.ok) errors.push({ field: "note", ...note.error });
  return errors;
}

/**
 * A plan's free text (its note, a decision's comment) by the text rule: the trimmed text or null,
 * or the error a form shows (too_long with params.max, control_character).
 */
export function readPlanText(
  value: unknown,
  max: number,
):
  | { ok: true; value: string | null }
  | { ok: false; error: { code: "too_long" | "control_character"; params?: { max: number } } } {
  const text = readText(value, { max });
  if (text.ok) return text;
  return {
    ok: false,
    error: text.problem === "too_long" ? { code: "too_long", params: { max } } : { code: "control_character" },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers for forms

/** The form field name of a line's field, as conform names array items: `lines[0].qty`. */
export function planLineFieldKey(line: number, field: PlanLineField): string {
  return `lines[${line - 1}].${field}`;
}

/** Errors grouped by form field name (`lines[0].qty`), in the order they were reported. */
export function lineErrorsByKey(errors: readonly PlanLineError[]): Record<string, PlanLineError[]> {
  const out: Record<string, PlanLineError[]> = {};
  for (const e of errors) (out[planLineFieldKey(e.line, e.field)] ??= []).push(e);
  return out;
}

/** Errors of one line (1-based), by field. */
export function errorsForLine(errors: readonly PlanLineError[], line: number): Partial<Record<PlanLineField, PlanLineError[]>> {
  const out: Partial<Record<PlanLineField, PlanLineError[]>> = {};
  for (const e of errors) if (e.line === line) (out[e.field] ??= []).push(e);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Live projection

/** A line's effect on top of the inbound receipts and the plan's lines that arrive before it. */
export interface LineEffect {
  line: number;
  qty: number;
  arrivalDate: string;
  /** With this line, stock goes (further) above max on some day from its arrival. */
  pushesAboveMax: boolean;
  /** Projected stock at the end of the arrival day without and with this line. */
  onHandBefore: number;
  onHandAfter: number;
}

export interface PlanProjection {
  agreementId: string;
  /** One date per projected day, from today. */
  dates: string[];
  min: number;
  max: number;
  startOnHand: number;
  forecastDaily: number;
  /** Existing stock and inbound only. */
  without: InventoryProjection;
  /** With every projectable line of the plan for this agreement. */
  with: InventoryProjection;
  /** First stockout date within the horizon with the plan's lines, or null. */
  stockoutDate: string | null;
  lines: LineEffect[];
}

/**
 * The agreement's day-by-day projection without and with the plan's lines (lines of other
 * agreements, and lines missing a valid qty > 0 or arrival date, are ignored), and each line's
 * effect. Null when the agreement is not in the context.
 */
export function projectWithLines(
  context: PlanningContext,
  agreementId: string,
  lines: readonly unknown[],
): PlanProjection | null {
  const agreement = agreementIndex(context).get(agreementId.toLowerCase());
  if (!agreement) return null;
  const own: ProjectableLine[] = [];
  lines.forEach((value, index) => {
    const fields = partialLine(value);
    if (!fields.agreementId || fields.agreementId.toLowerCase() !== agreement.agreementId.toLowerCase()) return;
    if (fields.qty === undefined || !(fields.qty > 0) || !fields.arrivalDate) return;
    own.push({
      line: index + 1,
      agreement,
      qty: fields.qty,
      arrivalDay: dayIndex(context.today, fields.arrivalDate),
      hasReason: hasReason(value),
    });
  });
  const days = projectionDays(context, own);
  const inbound = inboundReceipts(agreement, context.today);
  const receipt = (l: ProjectableLine): Receipt => ({ day: l.arrivalDay, quantity: l.qty });
  const without = project(agreement, context, inbound, days);
  const withAll = project(agreement, context, inbound.concat(own.map(receipt)), days);
  const start = dayNumber(context.today);
  const effects = own.map((l): LineEffect => {
    const { without: before, withLine: after } = lineEffect(agreement, context, inbound, own, l, days);
    return {
      line: l.line,
      qty: l.qty,
      arrivalDate: isoDate(start + l.arrivalDay),
      pushesAboveMax: firstPushAboveMax(after, before, agreement.max, l.arrivalDay) >= 0,
      onHandBefore: before[l.arrivalDay] ?? 0,
      onHandAfter: after[l.arrivalDay] ?? 0,
    };
  });
  const out = firstStockout(withAll.onHand, agreement.forecastDaily, context.horizonDays);
  return {
    agreementId: agreement.agreementId,
    dates: Array.from({ length: days }, (_, d) => isoDate(start + d)),
    min: agreement.min,
    max: agreement.max,
    startOnHand: startingOnHand(agreement, context.today),
    forecastDaily: agreement.forecastDaily,
    without,
    with: withAll,
    stockoutDate: out >= 0 ? isoDate(start + out) : null,
    lines: effects,
  };
}

// ---------------------------------------------------------------------------------------------
// What each line of a submitted plan does (approval routing and the review page)

export interface PlanLineImpact {
  /** 1-based line number. */
  line: number;
  /**
   * Projected stock by day (index 0 = today) without and with this line; inbound receipts and the
   * plan's lines of the same agreement that arrive earlier are in both.
   */
  without: number[];
  withLine: number[];
  /** Projected stock on the arrival day before the line lands (what it is held behind). */
  stockOnArrival: number;
  /** First day the line lifts projected stock above max, or null. */
  aboveMaxDate: string | null;
  /** First stockout within the horizon that the plan's lines of this agreement leave, or null. */
  stockoutDate: string | null;
  /** No day pushed above max and no stockout left: what auto-approval asks of every line. */
  keepsInBand: boolean;
}

/**
 * Each line's effect on its agreement's projected stock, by the same rules as the submission
 * checks: stock pushed above max is charged to the line that arrives last; a stockout left after
 * all the plan's lines of an agreement is charged to each of them. Lines whose agreement is not in
 * `context` are left out.
 */
export function planLineImpacts(
  lines: readonly { line: number; agreementId: string; qty: number; arrivalDate: string }[],
  context: PlanningContext,
): PlanLineImpact[] {
  const byId = agreementIndex(context);
  const groups = new Map<string, ProjectableLine[]>();
  for (const l of lines) {
    const agreement = byId.get(l.agreementId.toLowerCase());
    if (!agreement || !(l.qty > 0)) continue;
    const list = groups.get(agreement.agreementId) ?? [];
    list.push({ line: l.line, agreement, qty: l.qty, arrivalDay: dayIndex(context.today, l.arrivalDate), hasReason: false });
    groups.set(agreement.agreementId, list);
  }
  const impacts: PlanLineImpact[] = [];
  for (const group of groups.values()) {
    const agreement = group[0].agreement;
    const days = projectionDays(context, group);
    const inbound = inboundReceipts(agreement, context.today);
    const all = project(agreement, context, inbound.concat(group.map((l) => ({ day: l.arrivalDay, quantity: l.qty }))), days);
    const out = firstStockout(all.onHand, agreement.forecastDaily, context.horizonDays);
    const stockoutDate = out >= 0 ? isoDate(dayNumber(context.today) + out) : null;
    for (const l of group) {
      const { without, withLine } = lineEffect(agreement, context, inbound, group, l, days);
      const above = firstPushAboveMax(withLine, without, agreement.max, Math.max(0, l.arrivalDay));
      const arrival = Math.min(Math.max(0, l.arrivalDay), without.length - 1);
      impacts.push({
        line: l.line,
        without: without.map(round4),
        withLine: withLine.map(round4),
        stockOnArrival: round4(arrival > 0 ? without[arrival - 1] : startingOnHand(agreement, context.today)),
        aboveMaxDate: above >= 0 ? isoDate(dayNumber(context.today) + above) : null,
        stockoutDate,
        keepsInBand: above < 0 && stockoutDate === null,
      });
    }
  }
  return impacts.sort((a, b) => a.line - b.line);
}
