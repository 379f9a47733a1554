import { type ImportKind } from "./kinds";

/**
 * Headers that mean a column, besides its canonical name and its template headers (which always
 * match). Written as people and ERPs write them; compared after `normalizeHeader`. Aliases are per
 * kind because one header means different columns in different files: 供应商编码 is a supplier's
 * own code in a suppliers file and the agreement's supplier in an agreements file. A bare word that
 * could be either a code or a name (supplier, warehouse, 供应商, 仓库) names the code only where no
 * name column competes for it.
 */
const SKU = [
  "item",
  "item code",
  "item no",
  "item number",
  "material",
  "material code",
  "material no",
  "product code",
  "物料编码",
  "物料代码",
  "存货编码",
  "存货代码",
  "物料号",
  "料号",
  "商品编码",
];
const SITE = [
  "site",
  "site id",
  "location",
  "location code",
  "warehouse",
  "warehouse code",
  "仓库",
  "仓库编码",
  "仓库代码",
  "库存组织",
];
const DAY = ["date", "business date", "posting date", "document date", "日期", "业务日期", "单据日期", "记账日期"];

export const HEADER_ALIASES: Readonly<Record<ImportKind, Readonly<Record<string, readonly string[]>>>> = {
  items: {
    sku: SKU,
    name: [
      "item name",
      "description",
      "item description",
      "product name",
      "material name",
      "物料名称",
      "存货名称",
      "名称",
      "品名",
      "物料描述",
    ],
    uom: ["unit", "units", "unit of measure", "计量单位", "单位", "主计量单位", "基本单位"],
    unit_cost: ["cost", "unit price", "price", "standard cost", "单价", "单位成本", "成本", "成本单价", "标准成本"],
    category: ["item category", "product category", "类别", "物料分类", "物料类别", "分类", "存货分类"],
    gtin: ["ean", "barcode", "bar code", "条码", "条形码", "国际条码"],
    supplier_part_no: [
      "supplier part no",
      "supplier part number",
      "supplier item code",
      "vendor part no",
      "vendor part number",
      "供应商物料编码",
      "供应商物料代码",
      "供应商料号",
    ],
  },
  suppliers: {
    code: ["supplier code", "supplier no", "supplier id", "vendor code", "vendor no", "供应商编码", "供应商代码", "编码"],
    name: ["supplier name", "vendor name", "供应商名称", "名称"],
    email: ["e-mail", "email address", "mail", "邮箱", "电子邮箱", "电子邮件", "邮件地址"],
  },
  sites: {
    code: ["site", "site id", "location code", "warehouse code", "仓库编码", "仓库代码", "编码"],
    name: ["site name", "location name", "warehouse name", "仓库名称", "名称"],
    gln: ["global location number", "全球位置码"],
  },
  agreements: {
    supplier: [
      "supplier code",
      "supplier no",
      "supplier id",
      "vendor",
      "vendor code",
      "vendor no",
      "供应商编码",
      "供应商代码",
      "供应商",
    ],
    sku: SKU,
    site: SITE,
    min: ["minimum", "min stock", "min qty", "minimum stock", "min level", "最小库存", "最低库存", "最小库存量"],
    max: ["maximum", "max stock", "max qty", "maximum stock", "max level", "最大库存", "最高库存", "最大库存量"],
    lead_time_days: ["lead time", "leadtime", "lead time (days)", "提前期", "提前期天数", "采购提前期", "交货提前期"],
    lead_time_sd_days: ["lead time sd", "lead time std dev", "lead time standard deviation", "提前期标准差"],
    moq: [
      "min order qty",
      "minimum order qty",
      "min order quantity",
      "minimum order quantity",
      "最小起订量",
      "最小订货量",
      "起订量",
    ],
    pack_size: ["pack qty", "pack quantity", "package qty", "case pack", "包装数量", "包装量"],
    review_period_days: ["review period", "review days", "评审周期"],
  },
  stock: {
    sku: SKU,
    site: SITE,
    day: DAY,
    on_hand: [
      "on hand",
      "onhand",
      "on hand qty",
      "qty on hand",
      "quantity on hand",
      "stock",
      "stock qty",
      "现存量",
      "结存数量",
      "结存量",
      "库存数量",
      "库存量",
      "现有量",
    ],
  },
  consumption: {
    sku: SKU,
    site: SITE,
    day: DAY,
    qty: ["quantity", "consumption", "consumed qty", "issued qty", "usage", "消耗数量", "消耗量", "出库数量", "领用数量", "数量"],
  },
  receipts: {
    sku: SKU,
    site: SITE,
    day: DAY,
    qty: ["quantity", "received qty", "received quantity", "receipt qty", "入库数量", "收货数量", "到货数量", "实收数量", "数量"],
    reference: [
      "ref",
      "asn",
      "asn no",
      "asn number",
      "delivery note",
      "delivery note no",
      "document no",
      "到货单号",
      "送货单号",
      "入库单号",
      "单据编号",
      "单号",
    ],
  },
};
