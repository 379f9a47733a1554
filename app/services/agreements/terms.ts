import { z } from "zod";
import { DAYS_COLUMN, INTEGER_COLUMN, QUANTITY_COLUMN, type DecimalColumn } from "~/utils/input/decimal";
import { decimalField } from "~/utils/input/decimal-field";
import { isUuid } from "~/utils/ids";
import { optionalTextField, textField } from "~/utils/input/text";

/**
 * The rules for an agreement's terms and a proposed band, in one place: the edit and proposal
 * forms check them in the browser (through conform) and the services check them again before
 * writing. Numbers are read by the strict decimal rule (app/utils/input/decimal: `0x1c20`, `1e3`
 * and `1,000` are not numbers) as text from a form or as numbers from a service's caller; text by
 * the free-text rule. Messages are i18n keys that name the field (agreement.errors.<field>.<rule>).
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

/**
 * A term as a number field: its column, its range, and its messages — `number` for anything that
 * is not a plain decimal, `below` for a value under the range (a minus sign included), `precise`
 * for more decimals than the column keeps, `tooLarge` above the range.
 */
function term(
  field: TermField,
  column: DecimalColumn,
  range: { min?: number; greaterThan?: number; max: number },
  rules: { below: string; precise?: string; tooLarge?: string },
) {
  return decimalField({
    ...column,
    ...range,
    messages: {
      invalid: key(field, "number"),
      separator: "agreement.errors.separator",
      negative: key(field, rules.below),
      tooSmall: key(field, rules.below),
      tooPrecise: key(field, rules.precise ?? "precise"),
      tooLarge: key(field, rules.tooLarge ?? "tooLarge"),
    },
  });
}

const minQty = term("minQty", QUANTITY_COLUMN, { min: 0, max: QUANTITY_MAX }, { below: "range" });
const maxQty = term("maxQty", QUANTITY_COLUMN, { min: 0, max: QUANTITY_MAX }, { below: "negative" });

/** max ≥ min, reported on the max; only when both are otherwise valid, so that one mistake gives one message. */
function bandRule<T extends { minQty: number; maxQty: number }>(v: T) {
  return !(v.minQty >= 0 && v.maxQty >= 0) || v.maxQty >= v.minQty;
}
const bandIssue = { path: ["maxQty"], message: key("maxQty", "belowMin") };

const termsShape = {
  minQty,
  maxQty,
  leadTimeDays: term("leadTimeDays", DAYS_COLUMN, { greaterThan: 0, max: LEAD_TIME_MAX_DAYS }, { below: "range" }),
  leadTimeSdDays: term("leadTimeSdDays", DAYS_COLUMN, { min: 0, max: LEAD_TIME_MAX_DAYS }, { below: "range" }),
  moq: term("moq", QUANTITY_COLUMN, { min: 0, max: QUANTITY_MAX }, { below: "range" }),
  packSize: term("packSize", QUANTITY_COLUMN, { greaterThan: 0, max: QUANTITY_MAX }, { below: "range" }),
  // A whole number of days: a fraction, like any value out of range, gets the one message that says so.
  reviewPeriodDays: term(
    "reviewPeriodDays",
    INTEGER_COLUMN,
    { min: 1, max: REVIEW_PERIOD_MAX_DAYS },
    { below: "range", precise: "range", tooLarge: "range" },
  ),
};

export const AgreementTermsSchema = z.object(termsShape).refine(bandRule, bandIssue);

/**
 * The edit form: the terms and the agreement's version when the form was loaded. A missing or
 * garbled version becomes 0, which no agreement has: the save is refused as stale (409), with the
 * message that asks to reload, rather than as an error on a field nobody sees.
 */
export const AgreementEditSchema = z
  .object({
    ...termsShape,
    version: decimalField({ ...INTEGER_COLUMN, min: 1, messages: { invalid: "agreement.edit.conflict" } }).catch(0),
  })
  .refine(bandRule, bandIssue);

const textMessages = (field: "reason" | "comment") => ({
  required: key(field, "required"),
  tooLong: key(field, "tooLong"),
  controlCharacter: key(field, "controlCharacter"),
});

/** A supplier's proposed band with its reason. */
export const BandProposalSchema = z
  .object({ minQty, maxQty, reason: textField({ max: REASON_MAX, messages: textMessages("reason") }) })
  .refine(bandRule, bandIssue);
export type BandProposalInput = z.input<typeof BandProposalSchema>;

/** A buyer's rejection needs a reason; an acceptance may carry a comment. */
export const RejectionSchema = z.object({ comment: textField({ max: REASON_MAX, messages: textMessages("comment") }) });
export const AcceptanceSchema = z.object({ comment: optionalTextField({ max: REASON_MAX, messages: textMessages("comment") }) });

/** The roles that edit agreements and decide band proposals: the buyer's side of the tenant. */
export const AGREEMENT_EDITORS = ["admin", "manager", "buyer"] as const;

/**
 * The proposal a button acts on, as the page's hidden field carries it: any text, since the service
 * finds the proposal in the member's scope or answers 404 (a malformed id included).
 */
const proposalRef = { proposalId: z.string().optional() };

/** The agreement page's forms: a supplier's withdrawal, a buyer's acceptance or rejection. */
export const WithdrawalFormSchema = z.object(proposalRef);
export const AcceptanceFormSchema = AcceptanceSchema.extend(proposalRef);
export const RejectionFormSchema = RejectionSchema.extend(proposalRef);

/** The most characters of an SKU typed into the new-agreement form (SKUs are far shorter). */
export const SKU_MAX = 64;

/** A choice of the form's lists: a supplier or a site, by id; blank is none chosen. */
const choice = (field: "supplierId" | "locationId") =>
  z
    .string({ error: key(field, "required") })
    .trim()
    .min(1, { error: key(field, "required"), abort: true })
    .refine(isUuid, key(field, "unknown"));

/** A new agreement: supplier, item (by SKU) and site, and its band and terms. */
export const AgreementCreateSchema = z
  .object({
    supplierId: choice("supplierId"),
    locationId: choice("locationId"),
    sku: textField({
      max: SKU_MAX,
      messages: {
        required: key("sku", "required"),
        tooLong: key("sku", "tooLong"),
        controlCharacter: key("sku", "controlCharacter"),
      },
    }),
    ...termsShape,
  })
  .refine(bandRule, bandIssue);
export type AgreementCreateInput = z.output<typeof AgreementCreateSchema>;

/**
 * Ending an agreement: the version the page showed (a stale one is refused, as for an edit), and
 * the box that confirms it.
 */
export const AgreementEndSchema = z.object({
  version: decimalField({ ...INTEGER_COLUMN, min: 1, messages: { invalid: "agreement.edit.conflict" } }).catch(0),
  confirm: z.literal("on", { error: "agreement.end.confirmRequired" }),
});
