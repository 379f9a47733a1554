import { HEADER_ALIASES } from "./header-aliases";
import { IMPORT_KINDS, KIND_COLUMNS, type ImportKind } from "./kinds";

/** How the file's header row maps to a kind's columns. */
export interface HeaderMatch {
  kind: ImportKind;
  /** Each column found, with its header as written and its 0-based position in the row. */
  columns: { name: string; header: string; index: number }[];
  /** Headers that mean no column of the kind, as written. Empty header cells are not listed. */
  ignored: string[];
  /** Required canonical columns not found. */
  missing: string[];
  /** Columns that two or more headers mean; `columns` holds the first of them. */
  duplicated: { name: string; headers: string[] }[];
}

/**
 * The form a header is compared in: Unicode compatibility forms folded (full-width letters, digits,
 * brackets and spaces become their plain forms), lower case, without byte-order marks, white space,
 * `_`, `-`, `.` (as in "Item No.") or `*` (templates mark required columns with it).
 *
 * @example normalizeHeader(" On_Hand ") === "onhand"; normalizeHeader("ＳＫＵ＊") === "sku"
 */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\uFEFF_\-.*]/g, "");
}

/** Per kind: normalised header -> canonical column. Built once; two columns claiming a header is a bug. */
const HEADER_INDEX: Record<ImportKind, Map<string, string>> = Object.fromEntries(
  IMPORT_KINDS.map((kind) => {
    const index = new Map<string, string>();
    for (const column of KIND_COLUMNS[kind]) {
      const aliases = [column.name, column.header.en, column.header["zh-CN"], ...(HEADER_ALIASES[kind][column.name] ?? [])];
      for (const alias of aliases) {
        const key = normalizeHeader(alias);
        const claimed = index.get(key);
        if (claimed !== undefined && claimed !== column.name)
          throw new Error(`Import header "${alias}" means both ${claimed} and ${column.name} in ${kind}`);
        index.set(key, column.name);
      }
    }
    return [kind, index];
  }),
) as Record<ImportKind, Map<string, string>>;

/** The column of `kind` that a header means, or undefined. */
export function columnForHeader(kind: ImportKind, header: string): string | undefined {
  return HEADER_INDEX[kind].get(normalizeHeader(header));
}

export function matchHeaders(kind: ImportKind, headers: readonly string[]): HeaderMatch {
  const columns: HeaderMatch["columns"] = [];
  const ignored: string[] = [];
  const headersByColumn = new Map<string, string[]>();
  headers.forEach((header, index) => {
    if (normalizeHeader(header) === "") return;
    const name = columnForHeader(kind, header);
    if (name === undefined) {
      ignored.push(header);
      return;
    }
    const seen = headersByColumn.get(name);
    if (seen) seen.push(header);
    else {
      headersByColumn.set(name, [header]);
      columns.push({ name, header, index });
    }
  });
  const missing = KIND_COLUMNS[kind].filter((c) => c.required && !headersByColumn.has(c.name)).map((c) => c.name);
  const duplicated = [...headersByColumn]
    .filter(([, found]) => found.length > 1)
    .map(([name, found]) => ({ name, headers: found }));
  return { kind, columns, ignored, missing, duplicated };
}

/**
 * The kind whose columns the header row matches best, or null when no kind finds all its required
 * columns or when two kinds tie (a "sku, site, date, qty" file is consumption or receipts alike):
 * the user then chooses. Among kinds with every required column, the one that finds the most
 * columns wins.
 */
export function detectKind(headers: readonly string[]): ImportKind | null {
  let best: ImportKind | null = null;
  let bestFound = 0;
  let tied = false;
  for (const kind of IMPORT_KINDS) {
    const match = matchHeaders(kind, headers);
    if (match.missing.length > 0) continue;
    const found = match.columns.length;
    if (found > bestFound) {
      best = kind;
      bestFound = found;
      tied = false;
    } else if (found === bestFound) tied = true;
  }
  return tied ? null : best;
}
