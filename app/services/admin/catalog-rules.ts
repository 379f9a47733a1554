import { z } from "zod";
import { hasValidGs1CheckDigit } from "~/core/gs1-check-digit";
import { decimalField } from "~/utils/input/decimal-field";
import { normaliseLineBreaks, optionalTextField, textField } from "~/utils/input/text";
import { emailField } from "./people-rules";

/**
 * The rules of the master-data forms (suppliers, sites, items), shared by the browser (conform)
 * and the services. Messages are i18n keys of `adminCatalog.errors`. Not a .server module.
 */

export const CODE_MAX = 64;
export const NAME_MAX = 200;
export const ADDRESS_MAX = 500;
export const CONTACT_EMAILS_MAX = 10;
export const CATALOG_SEARCH_MAX = 100;
export const SUPPLIER_LOCALES = ["en", "zh-CN"] as const;
/** numeric(18, 4): an item's unit cost (the money column). */
export const UNIT_COST_COLUMN = { precision: 18, scale: 4 };
export const UNIT_COST_MAX = 1_000_000_000;

const key = (name: string) => `adminCatalog.errors.${name}`;

const text = (name: string, max: number) =>
  textField({
    max,
    messages: { required: key(`${name}Required`), tooLong: key(`${name}TooLong`), controlCharacter: key("controlCharacter") },
  });
const optionalText = (name: string, max: number) =>
  optionalTextField({ max, messages: { tooLong: key(`${name}TooLong`), controlCharacter: key("controlCharacter") } });

/** Digits only, of one of the lengths given, with a valid GS1 check digit; empty is none. */
function gs1Field(name: "gln" | "gtin", lengths: readonly number[]) {
  return z
    .string({ error: key(name) })
    .trim()
    .refine((v) => v === "" || /^\d+$/.test(v), { error: key(name), abort: true })
    .refine((v) => v === "" || lengths.includes(v.length), { error: key(`${name}Length`), abort: true })
    .refine((v) => v === "" || hasValidGs1CheckDigit(v), { error: key(`${name}CheckDigit`) })
    .optional();
}

/** Addresses, one per line or separated by commas or semicolons; each must be an address. */
const contactEmails = z
  .string({ error: key("contactEmails") })
  .overwrite(normaliseLineBreaks)
  .optional()
  .transform((value, ctx): string[] => {
    const parts = (value ?? "")
      .split(/[\n,;]+/)
      .map((p) => p.trim())
      .filter(Boolean);
    const out: string[] = [];
    for (const part of parts) {
      const parsed = emailField.safeParse(part);
      if (!parsed.success) {
        const controlCharacter = parsed.error.issues.some((i) => i.message === "adminPeople.errors.controlCharacter");
        ctx.issues.push({
          code: "custom",
          message: key(controlCharacter ? "controlCharacter" : "contactEmailInvalid"),
          input: part,
        });
        return z.NEVER;
      }
      if (!out.includes(parsed.data)) out.push(parsed.data);
    }
    if (out.length > CONTACT_EMAILS_MAX) {
      ctx.issues.push({ code: "custom", message: key("contactEmailsTooMany"), input: value });
      return z.NEVER;
    }
    return out;
  });

const supplierShape = {
  code: text("code", CODE_MAX),
  name: text("name", NAME_MAX),
  contactEmails,
  locale: z.enum(SUPPLIER_LOCALES, { error: key("locale") }).optional(),
};
export const SupplierSchema = z.object(supplierShape);
export const SupplierEditSchema = z.object({ supplierId: z.uuid({ error: key("record") }), ...supplierShape });
export type SupplierInput = z.output<typeof SupplierSchema>;
export const SupplierStatusSchema = z.object({ supplierId: z.uuid({ error: key("record") }) });

const siteShape = {
  code: text("code", CODE_MAX),
  name: text("name", NAME_MAX),
  gln: gs1Field("gln", [13]),
  address: optionalText("address", ADDRESS_MAX),
};
export const SiteSchema = z.object(siteShape);
export const SiteEditSchema = z.object({ siteId: z.uuid({ error: key("record") }), ...siteShape });
export type SiteInput = z.output<typeof SiteSchema>;

const itemShape = {
  sku: text("sku", CODE_MAX),
  name: text("name", NAME_MAX),
  uom: text("uom", CODE_MAX),
  unitCost: decimalField({
    ...UNIT_COST_COLUMN,
    min: 0,
    max: UNIT_COST_MAX,
    messages: {
      invalid: key("unitCost"),
      required: key("unitCostRequired"),
      separator: key("unitCostSeparator"),
      negative: key("unitCostNegative"),
      tooSmall: key("unitCostNegative"),
      tooPrecise: key("unitCostPrecise"),
      tooLarge: key("unitCostTooLarge"),
    },
  }),
  category: optionalText("category", NAME_MAX),
  gtin: gs1Field("gtin", [8, 12, 13, 14]),
  supplierPartNumber: optionalText("supplierPartNumber", CODE_MAX),
};
export const ItemSchema = z.object(itemShape);
export const ItemEditSchema = z.object({ itemId: z.uuid({ error: key("record") }), ...itemShape });
export type ItemInput = z.output<typeof ItemSchema>;

/** What the master-data pages' forms need, handed to the components by the routes. */
export const CATALOG_FORM_RULES = {
  supplier: SupplierSchema,
  supplierEdit: SupplierEditSchema,
  site: SiteSchema,
  siteEdit: SiteEditSchema,
  item: ItemSchema,
  itemEdit: ItemEditSchema,
  locales: SUPPLIER_LOCALES,
} as const;
export type CatalogFormRules = typeof CATALOG_FORM_RULES;
