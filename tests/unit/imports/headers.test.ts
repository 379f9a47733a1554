import { describe, expect, it } from "vitest";
import { IMPORT_KINDS, KIND_COLUMNS, detectKind, matchHeaders } from "~/services/imports/read/index.server";

describe("matchHeaders", () => {
  it("ignores case, spaces, _ and -, full-width forms, surrounding space and a byte-order mark", () => {
    const match = matchHeaders("stock", ["\uFEFFSKU", " Site ", "DATE", "On_Hand"]);
    expect(match.columns).toEqual([
      { name: "sku", header: "\uFEFFSKU", index: 0 },
      { name: "site", header: " Site ", index: 1 },
      { name: "day", header: "DATE", index: 2 },
      { name: "on_hand", header: "On_Hand", index: 3 },
    ]);
    expect(matchHeaders("stock", ["ｓｋｕ", "ware-house", "day", "on hand"]).missing).toEqual([]);
    expect(matchHeaders("stock", ["Item Code", "Location", "Date", "onhand"]).missing).toEqual([]);
    expect(matchHeaders("agreements", ["lead-time-days", "LeadTime", "Supplier Code"]).columns.map((c) => c.name)).toEqual([
      "lead_time_days",
      "supplier",
    ]);
  });

  it("reads the headers Chinese ERPs export", () => {
    const stock = matchHeaders("stock", ["存货编码", "仓库", "单据日期", "结存数量"]);
    expect(stock.columns.map((c) => c.name)).toEqual(["sku", "site", "day", "on_hand"]);
    expect(stock.missing).toEqual([]);
    const consumption = matchHeaders("consumption", ["物料代码", "库存组织", "业务日期", "领用数量"]);
    expect(consumption.missing).toEqual([]);
    const items = matchHeaders("items", ["物料编码", "物料名称", "计量单位", "单价", "物料分类", "条码", "供应商物料编码"]);
    expect(items.columns.map((c) => c.name)).toEqual(["sku", "name", "uom", "unit_cost", "category", "gtin", "supplier_part_no"]);
    const agreements = matchHeaders("agreements", [
      "供应商编码",
      "物料编码",
      "仓库编码",
      "最小库存",
      "最大库存",
      "提前期",
      "提前期标准差",
      "最小起订量",
      "包装数量",
      "评审周期",
    ]);
    expect(agreements.columns.map((c) => c.name)).toEqual(KIND_COLUMNS.agreements.map((c) => c.name));
    expect(matchHeaders("receipts", ["物料编码", "仓库", "日期", "到货数量", "送货单号"]).columns.map((c) => c.name)).toEqual([
      "sku",
      "site",
      "day",
      "qty",
      "reference",
    ]);
  });

  it("reads one header as different columns in different kinds", () => {
    expect(matchHeaders("suppliers", ["供应商编码"]).columns[0].name).toBe("code");
    expect(matchHeaders("agreements", ["供应商编码"]).columns[0].name).toBe("supplier");
    expect(matchHeaders("consumption", ["数量"]).columns[0].name).toBe("qty");
    expect(matchHeaders("stock", ["数量"]).ignored).toEqual(["数量"]);
  });

  it("lists headers it ignores, required columns missing, and columns named twice", () => {
    const match = matchHeaders("items", ["SKU", "Colour", "", "物料编码", "存货编码", "Notes", "uom"]);
    expect(match.columns).toEqual([
      { name: "sku", header: "SKU", index: 0 },
      { name: "uom", header: "uom", index: 6 },
    ]);
    expect(match.ignored).toEqual(["Colour", "Notes"]);
    expect(match.missing).toEqual(["name"]);
    expect(match.duplicated).toEqual([{ name: "sku", headers: ["SKU", "物料编码", "存货编码"] }]);
  });

  it("matches every kind's own template headers in both languages", () => {
    for (const kind of IMPORT_KINDS) {
      for (const language of ["en", "zh-CN"] as const) {
        const headers = KIND_COLUMNS[kind].map((c) => c.header[language]);
        const match = matchHeaders(kind, headers);
        expect(
          match.columns.map((c) => c.name),
          `${kind} ${language}`,
        ).toEqual(KIND_COLUMNS[kind].map((c) => c.name));
        // English consumption headers (sku, site, date, quantity) fit receipts just as well.
        const detected = kind === "consumption" && language === "en" ? null : kind;
        expect(detectKind(headers), `${kind} ${language}`).toBe(detected);
      }
    }
  });
});

describe("detectKind", () => {
  it("names the kind whose columns the header row matches", () => {
    expect(detectKind(["SKU", "Name", "UoM"])).toBe("items");
    expect(detectKind(["Supplier code", "Supplier name", "Email"])).toBe("suppliers");
    expect(detectKind(["code", "name", "GLN"])).toBe("sites");
    expect(detectKind(["vendor", "item", "warehouse", "min", "max", "MOQ"])).toBe("agreements");
    expect(detectKind(["sku", "site", "date", "on hand"])).toBe("stock");
    expect(detectKind(["物料编码", "仓库", "日期", "消耗数量"])).toBe("consumption");
    expect(detectKind(["物料编码", "仓库", "日期", "入库数量", "到货单号"])).toBe("receipts");
    expect(detectKind(["sku", "site", "date", "qty", "ASN"])).toBe("receipts");
  });

  it("answers null when two kinds fit equally or none does", () => {
    expect(detectKind(["code", "name"])).toBeNull();
    expect(detectKind(["sku", "site", "date", "qty"])).toBeNull();
    expect(detectKind(["物料编码", "仓库", "日期", "数量"])).toBeNull();
    expect(detectKind(["foo", "bar"])).toBeNull();
    expect(detectKind(["sku"])).toBeNull();
    expect(detectKind([])).toBeNull();
  });
});
