import type { z } from "zod";
import { ItemSchema, SiteSchema, SupplierSchema } from "~/services/admin/catalog-rules";
import { AgreementTermsSchema, type AgreementTerms } from "~/services/agreements/terms";
import type {
  AgreementRow,
  FactRow,
  ItemRow,
  Lookups,
  ReceiptRow,
  RowProblem,
  RowsByKind,
  SiteRow,
  SupplierRow,
  TableKind,
} from "~/models/import-rows.server";
import { parseImportDate, parseImportNumber } from "./read/cell-values";
import { IMPORT_KINDS } from "./read/kinds";
import type { SourceRow } from "./read/source";

export type { AgreementRef, ItemRow, Lookups, RowProblem, RowsByKind, TableKind } from "~/models/import-rows.server";

/**
 * Every row of an import checked by the same rules as the forms that write the same records
 * (app/services/admin/catalog-rules, app/services/agreements/terms), and its natural keys
 * resolved against the company's own records. What a row cannot be is a RowProblem naming the
 * column as the file names it; the messages are i18n keys of the forms' namespaces or
 * `imports.errors`. Pure: the lookups are handed in. Not a .server module.
 *
 * A cell left empty, like a column the file lacks, leaves an optional field as it is (and gives
 * the default to a new record): an import adds and changes, it never blanks.
 */

export type RowResult<T> = { ok: true; value: T } | { ok: false; problems: RowProblem[] };

const ERR = (name: string) => `imports.errors.${name}`;

/** Maps a schema's field (form name) to the import's column. */
const ITEM_COLUMNS: Record<string, string> = {
  sku: "sku",
  name: "name",
  uom: "uom",
  unitCost: "unit_cost",
  category: "category",
  gtin: "gtin",
  supplierPartNumber: "supplier_part_no",
};
const SUPPLIER_COLUMNS: Record<string, string> = { code: "code", name: "name", contactEmails: "email" };
const SITE_COLUMNS: Record<string, string> = { code: "code", name: "name", gln: "gln" };
const TERM_COLUMNS: Record<string, string> = {
  minQty: "min",
  maxQty: "max",
  leadTimeDays: "lead_time_days",
  leadTimeSdDays: "lead_time_sd_days",
  moq: "moq",
  packSize: "pack_size",
  reviewPeriodDays: "review_period_days",
};

const given = (values: SourceRow["values"], column: string) => {
  const v = values[column];
  return v === undefined || v.trim() === "" ? undefined : v.trim();
};

function problemsOf(row: SourceRow, error: z.ZodError, columns: Record<string, string>): RowProblem[] {
  const seen = new Set<string>();
  const out: RowProblem[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    const column = columns[field] ?? null;
    // One message a column: the first rule it breaks.
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ row: row.row, column, value: column ? (row.values[column] ?? null) : null, message: issue.message });
  }
  return out;
}

/** A number cell: thousands separators and full-width digits read; `1e3`, `0x10`, `NaN` not. */
function numbersOf(row: SourceRow, columns: readonly string[], problems: RowProblem[]): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const column of columns) {
    const text = given(row.values, column);
    if (text === undefined) continue;
    const parsed = parseImportNumber(text);
    if (parsed.ok) out[column] = parsed.value;
    else problems.push({ row: row.row, column, value: text, message: ERR("number") });
  }
  return out;
}

function item(row: SourceRow): RowResult<ItemRow> {
  const problems: RowProblem[] = [];
  const numbers = numbersOf(row, ["unit_cost"], problems);
  if (problems.length > 0) return { ok: false, problems };
  const v = row.values;
  // The form's rules need every field; the defaults stand in for what the file leaves out.
  const parsed = ItemSchema.safeParse({
    sku: v.sku ?? "",
    name: v.name ?? "",
    uom: given(v, "uom") ?? "EA",
    unitCost: numbers.unit_cost ?? 0,
    category: given(v, "category"),
    gtin: given(v, "gtin"),
    supplierPartNumber: given(v, "supplier_part_no"),
  });
  if (!parsed.success) return { ok: false, problems: problemsOf(row, parsed.error, ITEM_COLUMNS) };
  const d = parsed.data;
  return {
    ok: true,
    value: {
      sku: d.sku,
      name: d.name,
      uom: given(v, "uom") === undefined ? null : d.uom,
      unitCost: numbers.unit_cost ?? null,
      category: d.category || null,
      gtin: d.gtin || null,
      supplierPartNumber: d.supplierPartNumber || null,
    },
  };
}

function supplier(row: SourceRow): RowResult<SupplierRow> {
  const v = row.values;
  const parsed = SupplierSchema.safeParse({ code: v.code ?? "", name: v.name ?? "", contactEmails: given(v, "email") });
  if (!parsed.success) return { ok: false, problems: problemsOf(row, parsed.error, SUPPLIER_COLUMNS) };
  const d = parsed.data;
  return {
    ok: true,
    value: { code: d.code, name: d.name, contactEmails: given(v, "email") === undefined ? null : d.contactEmails },
  };
}

function site(row: SourceRow): RowResult<SiteRow> {
  const v = row.values;
  const parsed = SiteSchema.safeParse({ code: v.code ?? "", name: v.name ?? "", gln: given(v, "gln") });
  if (!parsed.success) return { ok: false, problems: problemsOf(row, parsed.error, SITE_COLUMNS) };
  const d = parsed.data;
  return { ok: true, value: { code: d.code, name: d.name, gln: d.gln || null } };
}

/** The item and the site a row names, each a problem of its own column when unknown. */
function itemSite(row: SourceRow, lookups: Lookups, problems: RowProblem[]) {
  const sku = given(row.values, "sku");
  const code = given(row.values, "site");
  const itemId = sku === undefined ? undefined : lookups.itemsBySku.get(sku);
  const locationId = code === undefined ? undefined : lookups.sitesByCode.get(code);
  if (sku === undefined) problems.push({ row: row.row, column: "sku", value: null, message: ERR("required") });
  else if (!itemId) problems.push({ row: row.row, column: "sku", value: sku, message: ERR("unknownSku") });
  if (code === undefined) problems.push({ row: row.row, column: "site", value: null, message: ERR("required") });
  else if (!locationId) problems.push({ row: row.row, column: "site", value: code, message: ERR("unknownSite") });
  return itemId && locationId ? { itemId, locationId } : null;
}

function agreement(row: SourceRow, lookups: Lookups): RowResult<AgreementRow> {
  const problems: RowProblem[] = [];
  const code = given(row.values, "supplier");
  const supplierId = code === undefined ? undefined : lookups.suppliersByCode.get(code);
  if (code === undefined) problems.push({ row: row.row, column: "supplier", value: null, message: ERR("required") });
  else if (!supplierId) problems.push({ row: row.row, column: "supplier", value: code, message: ERR("unknownSupplier") });
  const place = itemSite(row, lookups, problems);
  const numbers = numbersOf(row, Object.values(TERM_COLUMNS), problems);
  for (const column of ["min", "max"]) {
    if (given(row.values, column) === undefined) problems.push({ row: row.row, column, value: null, message: ERR("required") });
  }
  if (problems.length > 0 || !place || !supplierId) return { ok: false, problems };
  const existing = lookups.agreementsByItemSite.get(`${place.itemId}|${place.locationId}`);
  if (existing && existing.supplierId !== supplierId) {
    return { ok: false, problems: [{ row: row.row, column: "supplier", value: code ?? null, message: ERR("otherSupplier") }] };
  }
  if (existing && existing.status !== "active") {
    return { ok: false, problems: [{ row: row.row, column: null, value: null, message: ERR("agreementEnded") }] };
  }
  // The file's terms over the defaults of a new agreement, checked together (max ≥ min) by the form's rules.
  const given_ = Object.fromEntries(
    Object.entries(TERM_COLUMNS)
      .filter(([, column]) => numbers[column] !== undefined)
      .map(([field, column]) => [field, numbers[column] as number]),
  ) as Partial<AgreementTerms>;
  const parsed = AgreementTermsSchema.safeParse({ ...NEW_AGREEMENT_TERMS, ...given_ });
  if (!parsed.success) return { ok: false, problems: problemsOf(row, parsed.error, TERM_COLUMNS) };
  return {
    ok: true,
    value: { supplierId, ...place, terms: { ...given_, minQty: parsed.data.minQty, maxQty: parsed.data.maxQty } },
  };
}

/** A new agreement's terms where the file gives none (the same as the new-agreement form's). */
export const NEW_AGREEMENT_TERMS: Omit<AgreementTerms, "minQty" | "maxQty"> = {
  leadTimeDays: 7,
  leadTimeSdDays: 0,
  moq: 0,
  packSize: 1,
  reviewPeriodDays: 7,
};

/** Quantities of a day's fact: numeric(18, 4), not negative. */
const FACT_MAX = 1_000_000_000_000;

function fact(row: SourceRow, lookups: Lookups, qtyColumn: "on_hand" | "qty"): RowResult<FactRow> {
  const problems: RowProblem[] = [];
  const place = itemSite(row, lookups, problems);
  const dayText = given(row.values, "day");
  let day: string | undefined;
  if (dayText === undefined) problems.push({ row: row.row, column: "day", value: null, message: ERR("required") });
  else {
    const parsed = parseImportDate(dayText);
    if (parsed.ok && parsed.value >= "1900-01-01") day = parsed.value;
    else problems.push({ row: row.row, column: "day", value: dayText, message: ERR("date") });
  }
  const qtyText = given(row.values, qtyColumn);
  let qty: number | undefined;
  if (qtyText === undefined) problems.push({ row: row.row, column: qtyColumn, value: null, message: ERR("required") });
  else {
    const parsed = parseImportNumber(qtyText);
    if (!parsed.ok) problems.push({ row: row.row, column: qtyColumn, value: qtyText, message: ERR("number") });
    else if (parsed.value < 0) problems.push({ row: row.row, column: qtyColumn, value: qtyText, message: ERR("negative") });
    else if (parsed.value > FACT_MAX)
      problems.push({ row: row.row, column: qtyColumn, value: qtyText, message: ERR("tooLarge") });
    else if (Math.round(parsed.value * 10_000) !== parsed.value * 10_000)
      problems.push({ row: row.row, column: qtyColumn, value: qtyText, message: ERR("tooPrecise") });
    else qty = parsed.value;
  }
  if (problems.length > 0 || !place || day === undefined || qty === undefined) return { ok: false, problems };
  const agreement = lookups.agreementsByItemSite.get(`${place.itemId}|${place.locationId}`);
  return {
    ok: true,
    value: { ...place, day, qty, supplierId: agreement?.supplierId ?? null },
  };
}

/** Checks one row of a kind and resolves its keys (the same record twice in a file is found once staged). */
export function checkRow<K extends TableKind>(kind: K, row: SourceRow, lookups: Lookups): RowResult<RowsByKind[K]> {
  switch (kind) {
    case "items":
      return item(row) as RowResult<RowsByKind[K]>;
    case "suppliers":
      return supplier(row) as RowResult<RowsByKind[K]>;
    case "sites":
      return site(row) as RowResult<RowsByKind[K]>;
    case "agreements":
      return agreement(row, lookups) as RowResult<RowsByKind[K]>;
    case "stock":
      return fact(row, lookups, "on_hand") as RowResult<RowsByKind[K]>;
    case "receipts":
      return receipt(row, lookups) as RowResult<RowsByKind[K]>;
    default:
      return fact(row, lookups, "qty") as RowResult<RowsByKind[K]>;
  }
}

/** An ASN number as people quote it: up to 64 characters. */
const REFERENCE_MAX = 64;

/**
 * A receipt's reference is checked against the notices once the rows are staged (the model's
 * checkStagedReceipts): here only its form.
 */
function receipt(row: SourceRow, lookups: Lookups): RowResult<ReceiptRow> {
  const checked = fact(row, lookups, "qty");
  const reference = given(row.values, "reference");
  if (reference !== undefined && reference.length > REFERENCE_MAX) {
    const problem = {
      row: row.row,
      column: "reference",
      value: reference,
      message: ERR("tooLong"),
      params: { max: REFERENCE_MAX },
    };
    return { ok: false, problems: checked.ok ? [problem] : [...checked.problems, problem] };
  }
  if (!checked.ok) return checked;
  return { ok: true, value: { ...checked.value, reference: reference?.toUpperCase() ?? null } };
}

export function isTableKind(kind: string): kind is TableKind {
  return (IMPORT_KINDS as readonly string[]).includes(kind);
}
