/**
 * CSV that spreadsheets open safely. A text cell that starts with = + - @, a tab or a carriage
 * return would be read as a formula by Excel, WPS or LibreOffice (CSV injection): such a cell gets
 * a leading apostrophe, which the spreadsheet shows as text. Numbers are written as numbers.
 * Fields are quoted when they hold a comma, a quote or a line break (RFC 4180), lines end in CRLF,
 * and the file starts with a UTF-8 byte-order mark so that Excel reads Chinese text correctly.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function inertCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function field(cell: CsvCell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = inertCell(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map((h) => field(h)).join(",")];
  for (const row of rows) lines.push(row.map(field).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A file name that every browser and OS accepts, for Content-Disposition. */
export function csvFileName(base: string, date: string): string {
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
  return `${safe || "export"}-${date}.csv`;
}
