import { matchHeaders } from "./headers";
import { isImportFileError } from "./import-file-error";
import { IMPORT_KINDS, type ImportKind } from "./kinds";
import { isBlankRow } from "./source";

/**
 * Which row is the header. ERP exports (Kingdee, Yonyou, SAP) put a report title, the company, a
 * date range or blank lines above it, so the header is the row among the first rows with text
 * that names the most columns, not simply the first row with text.
 */

/** How many rows with text, from the top, may hold the header. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * How well a row reads as the header of `kind`, or of the kind it fits best when none is given:
 * the number of columns its cells name. A row that names neither every required column of the
 * kind nor at least two of its columns is no header (0): one word that happens to be a header
 * ("库存" in a title) is not enough.
 *
 * @example headerScore(["即时库存查询", "", ""], "stock") === 0
 * @example headerScore(["物料编码", "物料名称", "仓库", "现存量"], "stock") === 3
 */
export function headerScore(cells: readonly string[], kind?: ImportKind): number {
  let best = 0;
  for (const candidate of kind ? [kind] : IMPORT_KINDS) {
    const match = matchHeaders(candidate, cells);
    const found = match.columns.length;
    if ((match.missing.length === 0 || found >= 2) && found > best) best = found;
  }
  return best;
}

/**
 * The position of the header among the rows with text (top first, blank rows left out): the first
 * of the first `HEADER_SEARCH_ROWS` that scores highest. When none scores, the first row: its
 * missing columns are then what the user is told.
 */
export function chooseHeaderRow(rows: readonly (readonly string[])[], kind?: ImportKind): number {
  let best = 0;
  let bestScore = 0;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, index) => {
    const score = headerScore(cells, kind);
    if (score > bestScore) {
      best = index;
      bestScore = score;
    }
  });
  return best;
}

/**
 * The header of a file read row by row: the rows with text among the first `HEADER_SEARCH_ROWS`
 * are read, and the best is chosen; undefined when no row has text. A file that breaks below its
 * first row with text still opens: the break is reported where it is when the rows are read.
 */
export async function findHeader<R extends { row: number; cells: string[] }>(
  rows: AsyncIterable<R>,
  kind?: ImportKind,
): Promise<R | undefined> {
  const candidates: R[] = [];
  try {
    for await (const row of rows) {
      if (isBlankRow(row.cells)) continue;
      candidates.push(row);
      if (candidates.length >= HEADER_SEARCH_ROWS) break;
    }
  } catch (error) {
    if (!isImportFileError(error, "unreadable") || candidates.length === 0) throw error;
  }
  return candidates.length === 0
    ? undefined
    : candidates[
        chooseHeaderRow(
          candidates.map((c) => c.cells),
          kind,
        )
      ];
}
