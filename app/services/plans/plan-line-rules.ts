import {
  agreementIndex,
  isWholeMultiple,
  projectPlanLines,
  reasonsRequired,
  smallestOrderable,
  type PlanLineFacts,
  type PlanningContext,
  type PlanProjection,
} from "~/core";
import type { Message } from "~/utils/app-error";
import { readText } from "~/utils/input/text";
import {
  hasReason,
  parsePlanLines,
  partialLine,
  PLAN_MAX_LINES,
  PLAN_NOTE_MAX,
  sortErrors,
  type PlanFormError,
  type PlanLineError,
  type PlanLineErrorCode,
  type PlanLineField,
  type PlanLineInput,
} from "./plan-line-schema";

export * from "./plan-line-schema";

/**
 * The plan's form rules: every line's checks against the supplier's agreements on the day, the
 * plan-level checks, and the live projection the builder shows beside each line. Pure (no
 * database, no clock): the builder runs them in the browser on every keystroke, the services
 * before they write. The maths (projections, reasons, packs) is the core's.
 */

export interface CheckPlanLinesOptions {
  /**
   * `submit` (default): every rule. `draft`: only what keeps a line from being stored at all
   * (shape, unknown or inactive agreement, qty ≤ 0, arrival before ship date); the rest waits for
   * submission so that a draft can be saved half done.
   */
  mode?: "submit" | "draft";
}

const TOLERANCE = 1e-9;
const below = (x: number, limit: number) => x < limit - TOLERANCE * Math.max(1, Math.abs(limit));

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
  const facts: PlanLineFacts[] = [];
  const add = (line: number, field: PlanLineField, code: PlanLineErrorCode, params?: Record<string, string | number>) =>
    errors.push(params ? { line, field, code, params } : { line, field, code });
  const fieldFailed = (line: number, field: PlanLineField) => parsed.errors.some((e) => e.line === line && e.field === field);

  raw.forEach((value, index) => {
    const n = index + 1;
    // Fields that did parse are checked even when a sibling did not, so every error shows at once.
    const fields = parsed.lines[index] ?? partialLine(value);
    const agreementId = fieldFailed(n, "agreementId") ? null : (fields.agreementId ?? null);
    const agreement = agreementId ? byId.get(agreementId.toLowerCase()) : undefined;
    if (agreementId && !agreement) add(n, "agreementId", "unknown_agreement");
    else if (agreement && agreement.status !== "active")
      add(n, "agreementId", "agreement_not_active", { status: agreement.status });

    const qty = fieldFailed(n, "qty") ? null : (fields.qty ?? null);
    if (qty !== null) {
      if (!(qty > 0)) add(n, "qty", "qty_not_positive");
      else if (agreement && submit) {
        if (!isWholeMultiple(qty, agreement.packSize)) add(n, "qty", "qty_not_pack_multiple", { packSize: agreement.packSize });
        if (below(qty, agreement.moq)) {
          add(n, "qty", "qty_below_moq", { moq: agreement.moq, minimum: smallestOrderable(agreement.moq, agreement.packSize) });
        }
      }
    }

    const shipDate = fieldFailed(n, "shipDate") ? null : fields.shipDate;
    const arrivalDate = fieldFailed(n, "arrivalDate") ? null : (fields.arrivalDate ?? null);
    if (submit && shipDate && shipDate < today) add(n, "shipDate", "ship_date_in_past", { today });
    if (shipDate && arrivalDate && arrivalDate < shipDate) add(n, "arrivalDate", "arrival_before_ship", { shipDate });

    facts.push({ line: n, agreementId, qty, arrivalDate, hasReason: hasReason(value) });
  });

  if (submit) for (const r of reasonsRequired(facts, context)) add(r.line, "reason", r.code, r.params);
  return { lines: parsed.lines, errors: sortErrors(errors) };
}

/** Each raw line as far as it reads: the facts the core's projections take. */
export function planLineFacts(lines: readonly unknown[]): PlanLineFacts[] {
  return lines.map((value, index) => {
    const fields = partialLine(value);
    return {
      line: index + 1,
      agreementId: fields.agreementId ?? null,
      qty: fields.qty ?? null,
      arrivalDate: fields.arrivalDate ?? null,
      hasReason: hasReason(value),
    };
  });
}

/**
 * The agreement's day-by-day projection without and with the plan's lines as typed (lines of
 * other agreements, and lines missing a valid qty > 0 or arrival date, are ignored), and each
 * line's effect. Null when the agreement is not in the context.
 */
export function projectWithLines(
  context: PlanningContext,
  agreementId: string,
  lines: readonly unknown[],
): PlanProjection | null {
  return projectPlanLines(context, agreementId, planLineFacts(lines));
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
// Errors as the form shows them

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

/** An error's message: `plans.errors.<code>` with its values. */
export function planErrorMessage(error: { code: string; params?: Record<string, string | number> }): Message {
  return error.params ? { key: `plans.errors.${error.code}`, params: error.params } : { key: `plans.errors.${error.code}` };
}

/**
 * The plan's errors as a form's messages: line errors under their field names (`lines[2].qty`),
 * the note's under `note`, the rest (no lines, too many, the form's id) about the form.
 */
export function planFormMessages(
  lineErrors: readonly PlanLineError[],
  planErrors: readonly PlanFormError[],
): { fieldErrors: Record<string, Message[]>; formErrors: Message[] } {
  const fieldErrors: Record<string, Message[]> = {};
  const formErrors: Message[] = [];
  for (const e of planErrors) {
    if (e.field === "note" || e.field === "comment") (fieldErrors[e.field] ??= []).push(planErrorMessage(e));
    else formErrors.push(planErrorMessage(e));
  }
  for (const e of lineErrors) (fieldErrors[planLineFieldKey(e.line, e.field)] ??= []).push(planErrorMessage(e));
  return { fieldErrors, formErrors };
}

/** The rules the builder runs in the browser as the supplier types, handed to it by its routes. */
export const PLAN_BUILDER_RULES = {
  validate: (lines: readonly unknown[], context: PlanningContext) => validatePlanLines(lines, context),
  project: projectWithLines,
};
