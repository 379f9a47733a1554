import type { EdiLookups } from "~/models/import-lookups.server";
import type { RowProblem } from "../rows";
import type { SourceRow } from "../read/source";
import type { AdviceId, AdviceLocation, AdviceRow } from "./inventory-advice";

/**
 * An interchange's rows as the pipeline's rows of stock and consumption: the item and the site
 * each resolved to the SKU and site code they stand for. Pure: the lookups are handed in.
 *
 * A LIN's pairs are tried in order; the first that names an item wins: UP, UI, EN, UK by GTIN,
 * VN, VC, VP, MG by supplier part number, BP, IN, SK, PI, CB by SKU. A location is a site's GLN
 * when its qualifier is UL, else its code. A LIN or location that names nothing is one problem
 * (column LIN or N1, `row` its segment's position in the set), however many rows it carries.
 */

const BY_GTIN = new Set(["UP", "UI", "EN", "UK"]);
const BY_SUPPLIER_PART = new Set(["VN", "VC", "VP", "MG"]);
const BY_SKU = new Set(["BP", "IN", "SK", "PI", "CB"]);

export const idsText = (ids: readonly AdviceId[]) => ids.map((i) => `${i.qualifier} ${i.id}`).join(", ");

export function skuOf(ids: readonly AdviceId[], lookups: EdiLookups): string | null {
  for (const { qualifier, id } of ids) {
    const found = BY_GTIN.has(qualifier)
      ? /^\d{8,14}$/.test(id)
        ? lookups.skusByGtin.get(id.padStart(14, "0"))
        : undefined
      : BY_SUPPLIER_PART.has(qualifier)
        ? lookups.skusBySupplierPart.get(id)
        : BY_SKU.has(qualifier) && lookups.skus.has(id)
          ? id
          : undefined;
    if (found) return found;
  }
  return null;
}

export function siteOf(location: AdviceLocation, lookups: EdiLookups): string | null {
  if (location.qualifier === "UL") return lookups.siteCodesByGln.get(location.id) ?? null;
  return lookups.siteCodes.has(location.id) ? location.id : null;
}

export interface MatchedRow {
  kind: AdviceRow["kind"];
  values: SourceRow["values"];
  advice: AdviceRow;
}

export function matchAdvice(
  rows: readonly AdviceRow[],
  lookups: EdiLookups,
): { matched: MatchedRow[]; problems: RowProblem[]; refused: number } {
  const matched: MatchedRow[] = [];
  const problems = new Map<string, RowProblem>();
  let refused = 0;
  for (const row of rows) {
    const sku = skuOf(row.ids, lookups);
    const site = siteOf(row.location, lookups);
    if (!sku && !problems.has(`LIN ${row.item.segment}`)) {
      const ids = idsText(row.ids);
      problems.set(`LIN ${row.item.segment}`, {
        row: row.item.segment,
        column: "LIN",
        value: ids,
        message: "imports.edi.errors.unknownItem",
        params: { lin: row.lin, ids },
      });
    }
    const locationKey = `${row.location.segmentId} ${row.location.segment}`;
    if (!site && !problems.has(locationKey)) {
      problems.set(locationKey, {
        row: row.location.segment,
        column: row.location.segmentId,
        value: `${row.location.qualifier} ${row.location.id}`,
        message: "imports.edi.errors.unknownSite",
        params: { qualifier: row.location.qualifier, id: row.location.id },
      });
    }
    if (!sku || !site) {
      refused += 1;
      continue;
    }
    const qty = String(row.qty);
    matched.push({
      kind: row.kind,
      values: { sku, site, day: row.day, ...(row.kind === "stock" ? { on_hand: qty } : { qty }) },
      advice: row,
    });
  }
  return { matched, problems: [...problems.values()].sort((a, b) => a.row - b.row), refused };
}
