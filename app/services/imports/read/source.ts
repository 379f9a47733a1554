import { type HeaderMatch } from "./headers";

export interface SourceRow {
  /** The row's number as a spreadsheet shows it: the header is row 1 when nothing is above it. */
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
  /** The header row as written (the first row with any text), empty cells included as "". */
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
