import { z } from "zod";

/**
 * The rules for an agreement's terms and a proposed band, in one place: the edit and proposal
 * forms check them in the browser (through conform) and the services check them again before
 * writing. Messages are i18n keys that name the field (agreement.errors.<field>.<rule>).
 * Not a .server module, so that the forms can use it.
 */

/** Quantities are numeric(18, 4) in the database; far below that, a typo is the likelier cause. */
export const QUANTITY_MAX = 1_000_000_000_000;
/** Lead times are numeric(8, 2) days; ten years is already no lead time anyone agrees to. */
export const LEAD_TIME_MAX_DAYS = 3650;
export const REVIEW_PERIOD_MAX_DAYS = 365;
export const REASON_MAX = 1000;

export const TERM_FIELDS = ["minQty", "maxQty", "leadTimeDays", "leadTimeSdDays", "moq", "packSize", "reviewPeriodDays"] as const;
export type TermField = (typeof TERM_FIELDS)[number];
export type AgreementTerms = Record<TermField, number>;

const key = (field: string, rule: string) => `agreement.errors.${field}.${rule}`;
/** A finite number (zod 4 refuses NaN and ±Infinity as "not a number"). */
const numberOf = (field: string) => z.number({ error: key(field, "number") });

const minQty = numberOf("minQty").min(0, key("minQty", "range")).max(QUANTITY_MAX, key("minQty", "tooLarge"));
const maxQty = numberOf("maxQty").min(0, key("maxQty", "negative")).max(QUANTITY_MAX, key("maxQty", "tooLarge"));

/** max ≥ min, reported on the max; only when both are otherwise valid, so that one mistake gives one message. */
function bandRule<T extends { minQty: number; maxQty: number }>(v: T) {
  return !(v.minQty >= 0 && v.maxQty >= 0) || v.maxQty >= v.minQty;
}
const bandIssue = { path: ["maxQty"], message: key("maxQty", "belowMin") };

const termsShape = {
  minQty,
  maxQty,
  leadTimeDays: numberOf("leadTimeDays").gt(0, key("leadTimeDays", "range")).max(LEAD_TIME_MAX_DAYS, key("leadTimeDays", "tooLarge")),
  leadTimeSdDays: numberOf("leadTimeSdDays")
    .min(0, key("leadTimeSdDays", "range"))
    .max(LEAD_TIME_MAX_DAYS, key("leadTimeSdDays", "tooLarge")),
  moq: numberOf("moq").min(0, key("moq", "range")).max(QUANTITY_MAX, key("moq", "tooLarge")),
  packSize: numberOf("packSize").gt(0, key("packSize", "range")).max(QUANTITY_MAX, key("packSize", "tooLarge")),
  reviewPeriodDays: numberOf("reviewPeriodDays")
    .int(key("reviewPeriodDays", "range"))
    .min(1, key("reviewPeriodDays", "range"))
    .max(REVIEW_PERIOD_MAX_DAYS, key("reviewPeriodDays", "range")),
};

export const AgreementTermsSchema = z.object(termsShape).refine(bandRule, bandIssue);

/**
 * The edit form: the terms and the agreement's version when the form was loaded. A missing or
 * garbled version becomes 0, which no agreement has: the save is refused as stale (409), with the
 * message that asks to reload, rather than as an error on a field nobody sees.
 */
export const AgreementEditSchema = z
  .object({ ...termsShape, version: z.number().int().min(1).catch(0) })
  .refine(bandRule, bandIssue);

const text = (field: string) =>
  z
    .string({ error: key(field, "required") })
    .trim()
    .min(1, key(field, "required"))
    .max(REASON_MAX, key(field, "tooLong"));

/** A supplier's proposed band with its reason. */
export const BandProposalSchema = z.object({ minQty, maxQty, reason: text("reason") }).refine(bandRule, bandIssue);
export type BandProposalInput = z.input<typeof BandProposalSchema>;

/** A buyer's rejection needs a reason; an acceptance may carry a comment. */
export const RejectionSchema = z.object({ comment: text("comment") });
export const AcceptanceSchema = z.object({
  comment: z.string().trim().max(REASON_MAX, key("comment", "tooLong")).optional(),
});

/** Zod's issues as field → message keys (the shape conform's reply takes). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "";
    (out[field] ??= []).push(issue.message);
  }
  return out;
}

/** The roles that edit agreements and decide band proposals: the buyer's side of the tenant. */
export const AGREEMENT_EDITORS = ["admin", "manager", "buyer"] as const;
