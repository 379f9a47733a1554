/**
 * What the portal imports: each kind of file and its columns by canonical name, with the header a
 * template writes (and a message names) in each language. The header a file may carry instead is
 * the business of `header-aliases.ts`.
 */
export const IMPORT_KINDS = ["items", "suppliers", "sites", "agreements", "stock", "consumption", "receipts"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_LANGUAGES = ["en", "zh-CN"] as const;
export type ImportLanguage = (typeof IMPORT_LANGUAGES)[number];

export type Labels = Readonly<Record<ImportLanguage, string>>;

export interface KindColumn {
  /** The canonical name: the key of the column in every row read. */
  name: string;
  required: boolean;
  header: Labels;
}

function column(name: string, required: boolean, en: string, zh: string): KindColumn {
  return { name, required, header: { en, "zh-CN": zh } };
}

const SKU = column("sku", true, "SKU", "物料编码");
const SITE = column("site", true, "Site code", "仓库编码");
const DAY = column("day", true, "Date", "日期");

export const KIND_COLUMNS: Readonly<Record<ImportKind, readonly KindColumn[]>> = {
  items: [
    SKU,
    column("name", true, "Name", "物料名称"),
    column("uom", false, "Unit of measure", "计量单位"),
    column("unit_cost", false, "Unit cost", "单位成本"),
    column("category", false, "Category", "物料分类"),
    column("gtin", false, "GTIN", "条码"),
    column("supplier_part_no", false, "Supplier part no.", "供应商物料编码"),
  ],
  suppliers: [
    column("code", true, "Supplier code", "供应商编码"),
    column("name", true, "Supplier name", "供应商名称"),
    column("email", false, "Email", "邮箱"),
  ],
  sites: [
    column("code", true, "Site code", "仓库编码"),
    column("name", true, "Site name", "仓库名称"),
    column("gln", false, "GLN", "GLN"),
  ],
  agreements: [
    column("supplier", true, "Supplier code", "供应商编码"),
    SKU,
    SITE,
    column("min", true, "Min", "最小库存"),
    column("max", true, "Max", "最大库存"),
    column("lead_time_days", false, "Lead time (days)", "提前期（天）"),
    column("lead_time_sd_days", false, "Lead time SD (days)", "提前期标准差（天）"),
    column("moq", false, "MOQ", "最小起订量"),
    column("pack_size", false, "Pack size", "包装数量"),
    column("review_period_days", false, "Review period (days)", "评审周期（天）"),
  ],
  stock: [SKU, SITE, DAY, column("on_hand", true, "On hand", "现存量")],
  consumption: [SKU, SITE, DAY, column("qty", true, "Quantity", "消耗数量")],
  receipts: [SKU, SITE, DAY, column("qty", true, "Quantity", "入库数量"), column("reference", false, "Reference", "到货单号")],
};

/**
 * A column as a message names it: its template headers in both languages ("SKU / 物料编码"), once
 * when they are the same ("GLN"). The user knows the column by one of them, not by its canonical
 * name, and the message is shown in whichever language reads it.
 */
export function columnLabel(kind: ImportKind, name: string): string {
  const column = KIND_COLUMNS[kind].find((c) => c.name === name);
  if (!column) return name;
  const { en, "zh-CN": zh } = column.header;
  return en === zh ? en : `${en} / ${zh}`;
}

/** Each kind's name for people: a page's title, a template's sheet, and the sheet a workbook is read from. */
export const KIND_LABELS: Readonly<Record<ImportKind, Labels>> = {
  items: { en: "Items", "zh-CN": "物料" },
  suppliers: { en: "Suppliers", "zh-CN": "供应商" },
  sites: { en: "Sites", "zh-CN": "仓库" },
  agreements: { en: "Agreements", "zh-CN": "协议" },
  stock: { en: "Stock", "zh-CN": "库存" },
  consumption: { en: "Consumption", "zh-CN": "消耗" },
  receipts: { en: "Receipts", "zh-CN": "入库" },
};

export function isImportKind(value: unknown): value is ImportKind {
  return typeof value === "string" && (IMPORT_KINDS as readonly string[]).includes(value);
}
