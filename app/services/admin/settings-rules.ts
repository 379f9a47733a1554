import { z } from "zod";
import { type AbcXyzCell, type ApprovalRoute, DEFAULT_CELL_POLICIES, type Strategy } from "~/core";
import { supportedLanguages } from "~/i18n";
import { isCurrencyCode, isTimeZone } from "~/services/onboarding/company-rules";
import { type DecimalColumn, INTEGER_COLUMN } from "~/utils/input/decimal";
import { checkDecimal, decimalField, type DecimalMessages } from "~/utils/input/decimal-field";
import { textField } from "~/utils/input/text";

/**
 * The policy and settings form's fields, as the browser and the server read them: each value by
 * the input building blocks (strict decimals, text without control characters), percentages as a
 * person types them. What the fields give is the company's record and its settings in the units
 * the settings store (shares, not percentages); the settings part is then checked by the one
 * schema every service reads them with (tenantSettingsSchema), on the server, whose messages name
 * the same fields. Not a .server module: the form runs the field rules in the browser too.
 * Messages are i18n keys under `adminSettings.errors`.
 */

export const CELLS = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"] as const satisfies readonly AbcXyzCell[];
export const STRATEGIES = [
  "continuous-tight",
  "continuous",
  "make-to-order",
  "automated",
  "periodic",
  "two-bin",
  "order-on-demand",
] as const satisfies readonly Strategy[];
export const APPROVAL_ROUTES = ["auto-if-in-band", "buyer", "buyer-then-manager"] as const satisfies readonly ApprovalRoute[];

export const COMPANY_NAME_MAX = 120;
/** Percentages keep two decimals (97.25 %): finer than any policy is set. */
const PERCENT_COLUMN: DecimalColumn = { precision: 5, scale: 2 };
/** Coefficients of variation (the XYZ cut-offs): three decimals. */
const CV_COLUMN: DecimalColumn = { precision: 6, scale: 3 };
/** Amounts in the company's currency, to the cent. */
const AMOUNT_COLUMN: DecimalColumn = { precision: 18, scale: 2 };
export const AMOUNT_MAX = 1_000_000_000_000;
export const CV_MAX = 100;
export const DEAD_STOCK_DAYS_MAX = 3650;
export const ON_TIME_TOLERANCE_DAYS_MAX = 30;
export const MAX_COVER_DAYS_MAX = 3650;
export const ABC_CLASSES = ["A", "B", "C"] as const;

const key = (name: string) => `adminSettings.errors.${name}`;

function messages(range: string, tooPrecise = key("twoDecimals")): DecimalMessages {
  return {
    invalid: key("number"),
    required: key("required"),
    separator: key("separator"),
    negative: key(range),
    tooSmall: key(range),
    tooLarge: key(range),
    tooPrecise,
  };
}

/** A percentage strictly between 0 and 100 (a service level, a class's share of value). */
const OPEN_PERCENT = { ...PERCENT_COLUMN, greaterThan: 0, max: 99.99, messages: messages("percentOpen") };
/** A percentage from 0 to 100 (a holding-cost rate, a tolerance). */
const CLOSED_PERCENT = { ...PERCENT_COLUMN, min: 0, max: 100, messages: messages("percentClosed") };

/** Percent as typed → the share the settings store, without binary noise (97.35 % → 0.9735). */
export const shareOf = (percent: number) => Math.round(percent * 10_000) / 1_000_000;
/** The share the settings store → percent as the form shows it. */
export const percentOf = (share: number) => Math.round(share * 1_000_000) / 10_000;

/** A percentage above 0, up to 100 (the band drift threshold: 0 would call every band drifting). */
const POSITIVE_PERCENT = { ...PERCENT_COLUMN, greaterThan: 0, max: 100, messages: messages("percentPositive") };

const percent = (options: typeof OPEN_PERCENT | typeof CLOSED_PERCENT | typeof POSITIVE_PERCENT) =>
  decimalField(options).transform(shareOf);

const coverDays = () =>
  decimalField({ ...INTEGER_COLUMN, min: 1, max: MAX_COVER_DAYS_MAX, messages: messages("coverDays", key("coverDays")) });

/** A cell's service level: blank is none (no safety stock, as CZ by default). */
const serviceLevel = z
  .unknown()
  .optional()
  .transform((input, ctx): number | null => {
    if (input === undefined || (typeof input === "string" && input.trim() === "")) return null;
    const result = checkDecimal(input, OPEN_PERCENT);
    if (result.ok) return shareOf(result.value);
    ctx.issues.push({ code: "custom", message: result.message, input });
    return z.NEVER;
  });

const text = (field: string, max: number) =>
  textField({
    max,
    messages: { required: key(`${field}Required`), tooLong: key(`${field}TooLong`), controlCharacter: key("controlCharacter") },
  });

const cellShape = z.object({
  serviceLevel,
  strategy: z.enum(STRATEGIES, { error: key("choice") }),
  approval: z.enum(APPROVAL_ROUTES, { error: key("choice") }),
});

export const SettingsFormSchema = z.object({
  companyName: text("companyName", COMPANY_NAME_MAX),
  currency: text("currency", 3)
    .transform((value) => value.toUpperCase())
    .refine(isCurrencyCode, key("currency")),
  timezone: text("timezone", 64).refine(isTimeZone, key("timezone")),
  defaultLocale: z.enum(supportedLanguages, { error: key("choice") }),
  abcCutoffs: z.object({ a: percent(OPEN_PERCENT), b: percent(OPEN_PERCENT) }),
  xyzCutoffs: z.object({
    x: decimalField({ ...CV_COLUMN, greaterThan: 0, max: CV_MAX, messages: messages("cv", key("threeDecimals")) }),
    y: decimalField({ ...CV_COLUMN, greaterThan: 0, max: CV_MAX, messages: messages("cv", key("threeDecimals")) }),
  }),
  cells: z.object(Object.fromEntries(CELLS.map((cell) => [cell, cellShape])) as Record<AbcXyzCell, typeof cellShape>),
  approval: z.object({
    managerThreshold: decimalField({ ...AMOUNT_COLUMN, min: 0, max: AMOUNT_MAX, messages: messages("amount") }),
    autoApproveThreshold: decimalField({ ...AMOUNT_COLUMN, min: 0, max: AMOUNT_MAX, messages: messages("amount") }),
  }),
  holdingRate: percent(CLOSED_PERCENT),
  maxCoverDays: z.object({ A: coverDays(), B: coverDays(), C: coverDays() }),
  bandDriftThreshold: percent(POSITIVE_PERCENT),
  deadStockDays: decimalField({
    ...INTEGER_COLUMN,
    min: 1,
    max: DEAD_STOCK_DAYS_MAX,
    messages: messages("deadStockDays", key("deadStockDays")),
  }),
  shipping: z.object({
    overShipTolerance: percent(CLOSED_PERCENT),
    onTimeToleranceDays: decimalField({
      ...INTEGER_COLUMN,
      min: 0,
      max: ON_TIME_TOLERANCE_DAYS_MAX,
      messages: messages("onTimeDays", key("onTimeDays")),
    }),
  }),
});

export type SettingsFormValues = z.output<typeof SettingsFormSchema>;
export type CellValues = SettingsFormValues["cells"][AbcXyzCell];

/** The cells' defaults (docs/domain.md), which the page offers to restore. */
export const DEFAULT_CELLS: Record<AbcXyzCell, CellValues> = Object.fromEntries(
  CELLS.map((cell) => {
    const { serviceLevel: level, strategy, approval } = DEFAULT_CELL_POLICIES[cell];
    return [cell, { serviceLevel: level, strategy, approval }];
  }),
) as Record<AbcXyzCell, CellValues>;

/** The settings as the page shows them (the effective values, defaults filled in). */
export interface SettingsView {
  companyName: string;
  currency: string;
  timezone: string;
  defaultLocale: string;
  settings: {
    abcCutoffs: { a: number; b: number };
    xyzCutoffs: { x: number; y: number };
    cells: Partial<Record<AbcXyzCell, Partial<CellValues>>>;
    approval: { managerThreshold: number; autoApproveThreshold: number };
    holdingRate: number;
    maxCoverDays: { A: number; B: number; C: number };
    bandDriftThreshold: number;
    deadStockDays: number;
    shipping: { overShipTolerance: number; onTimeToleranceDays: number };
  };
}

/** The form's values as text, percentages as a person reads them; a cell's defaults filled in. */
export function settingsFormDefaults(view: SettingsView) {
  const s = view.settings;
  const text = (n: number) => String(n);
  const pct = (share: number) => String(percentOf(share));
  return {
    companyName: view.companyName,
    currency: view.currency,
    timezone: view.timezone,
    defaultLocale: view.defaultLocale,
    abcCutoffs: { a: pct(s.abcCutoffs.a), b: pct(s.abcCutoffs.b) },
    xyzCutoffs: { x: text(s.xyzCutoffs.x), y: text(s.xyzCutoffs.y) },
    cells: Object.fromEntries(
      CELLS.map((cell) => {
        const c = { ...DEFAULT_CELLS[cell], ...s.cells[cell] };
        return [
          cell,
          { serviceLevel: c.serviceLevel === null ? "" : pct(c.serviceLevel), strategy: c.strategy, approval: c.approval },
        ];
      }),
    ),
    approval: {
      managerThreshold: text(s.approval.managerThreshold),
      autoApproveThreshold: text(s.approval.autoApproveThreshold),
    },
    holdingRate: pct(s.holdingRate),
    maxCoverDays: { A: text(s.maxCoverDays.A), B: text(s.maxCoverDays.B), C: text(s.maxCoverDays.C) },
    bandDriftThreshold: pct(s.bandDriftThreshold),
    deadStockDays: text(s.deadStockDays),
    shipping: { overShipTolerance: pct(s.shipping.overShipTolerance), onTimeToleranceDays: text(s.shipping.onTimeToleranceDays) },
  };
}

export type SettingsFormDefaults = ReturnType<typeof settingsFormDefaults>;

/** What the form needs from this module, handed to the page's components (which import only types from services). */
export const SETTINGS_FORM_RULES = {
  schema: SettingsFormSchema,
  cells: CELLS,
  strategies: STRATEGIES,
  approvalRoutes: APPROVAL_ROUTES,
  abcClasses: ABC_CLASSES,
  locales: supportedLanguages,
  defaults: DEFAULT_CELLS,
};
export type SettingsFormRules = typeof SETTINGS_FORM_RULES;
