import { type HeaderMatch } from "./headers";

export interface SourceRow {
  /** The row's number as a spreadsheet shows it, rows above the header counted. */
  row: number;
  /** Canonical column -> cell text, trimmed ("" for an empty cell); a column the file lacks is absent. */
  values: Record<string, string>;
}

export interface OpenedFile {
  format: "csv" | "xlsx";
  /** CSV only. */
  encoding?: CsvEncoding;
  /** CSV only. */
  delimiter?: string;
  /** XLSX only: the sheet read. */
  sheet?: string;
  /**
   * The header's row number as the spreadsheet shows it: 1 unless title rows or blank rows are
   * above it (ERP exports put a report title, the company or a date range there).
   */
  headerRow: number;
  /**
   * The header row as written, empty cells included as "": among the first rows with text, the
   * first that names the most columns of the kind (see `chooseHeaderRow`); the first row with
   * text when none does.
   */
  headers: string[];
  /**
   * The data rows after the header, streamed from the file each time it is called (so a preview
   * and a commit can each read it). Rows with no text in any cell are skipped; their numbers stay
   * used. Throws ImportFileError("unreadable") where the file breaks.
   */
  rows(match: HeaderMatch): AsyncIterable<SourceRow>;
}

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export function isBlankRow(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === "");
}

/** A row's cells -> its values by canonical column, per the header match. */
export function toSourceRow(row: number, cells: readonly string[], match: HeaderMatch): SourceRow {
  const values: Record<string, string> = {};
  for (const column of match.columns) values[column.name] = (cells[column.index] ?? "").trim();
  return { row, values };
}
