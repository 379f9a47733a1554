import { createReadStream } from "node:fs";
import ExcelJS from "exceljs";
import { findHeader } from "./header-row";
import { normalizeHeader } from "./headers";
import { ImportFileError } from "./import-file-error";
import { KIND_LABELS, type ImportKind } from "./kinds";
import { type OpenedFile, isBlankRow, toSourceRow } from "./source";
import { inflateCounting, readZipDirectory, refuseDeclaredSize } from "./zip-guard.server";

/**
 * XLSX through exceljs's streaming reader, one row at a time. Cells become the text a person sees:
 * a formula its cached result, a date its calendar day (YYYY-MM-DD, as Excel shows it, whatever
 * the server's time zone), a number its digits without exponent, rich text its plain text.
 */
const WORKBOOK_PART = "xl/workbook.xml";
/** Excel shows at most 15 significant digits; beyond them a stored double is binary noise (0.1+0.2). */
const SHOWN_DIGITS = 15;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

interface SheetEntry {
  name: string;
  hidden: boolean;
  /** The sheet's relationship id in the workbook (`r:id`), by which its part is found. */
  rId: string | null;
  state: string;
}

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
    if (entity[0] !== "#") return named[entity.toLowerCase()];
    return String.fromCodePoint(entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
  });
}

/** The workbook's sheets in tab order, from xl/workbook.xml. */
function listSheets(workbookXml: string): SheetEntry[] {
  const sheets: SheetEntry[] = [];
  for (const tag of workbookXml.matchAll(/<(?:[\w-]+:)?sheet\s([^>]*)>/g)) {
    const name = /(?:^|\s)name="([^"]*)"/.exec(tag[1]);
    if (!name) continue;
    const state = /(?:^|\s)state="([^"]*)"/.exec(tag[1]);
    const rId = /(?:^|\s)[\w-]+:id="([^"]*)"/.exec(tag[1]);
    sheets.push({
      name: decodeXml(name[1]),
      hidden: state !== null && state[1] !== "visible",
      rId: rId ? rId[1] : null,
      state: state ? state[1] : "visible",
    });
  }
  return sheets;
}

/** Names a sheet may have to hold a kind: the kind itself ("items"), its English and Chinese labels. */
function kindSheetNames(kind: ImportKind): Set<string> {
  return new Set([kind, KIND_LABELS[kind].en, KIND_LABELS[kind]["zh-CN"]].map(normalizeHeader));
}

export function chooseSheet(sheets: readonly SheetEntry[], kind: ImportKind | undefined): string | undefined {
  if (kind) {
    const names = kindSheetNames(kind);
    const named = sheets.find((sheet) => names.has(normalizeHeader(sheet.name)));
    if (named) return named.name;
  }
  return (sheets.find((sheet) => !sheet.hidden) ?? sheets[0])?.name;
}

function dayOf(date: Date): string {
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

/** Digits as Excel would show them in General format, never in exponent form. */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return "";
  const shown = Number(value.toPrecision(SHOWN_DIGITS));
  const text = String(shown);
  if (!/e/i.test(text)) return text;
  const [mantissa, exponentText] = shown.toExponential().split("e");
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return sign + digits.padEnd(exponent + 1, "0");
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** exceljs's own test for a date format: day, month, year or time letters outside quotes and brackets. */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhsb]/i.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

type CellValue = ExcelJS.CellValue;

function valueText(value: CellValue, numberFormat: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") {
    // exceljs turns a plain date cell into a Date, but leaves a formula's cached date as its serial.
    return isDateFormat(numberFormat) ? dayOf(new Date(EXCEL_EPOCH_MS + Math.round(value * DAY_MS))) : plainNumber(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dayOf(value);
  if ("richText" in value) return value.richText.map((run) => run.text ?? "").join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value)
    return valueText((value as { result?: CellValue }).result ?? null, numberFormat);
  if ("text" in value) return typeof value.text === "string" ? value.text : valueText(value.text as CellValue, numberFormat);
  return "";
}

function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell((cell, column) => {
    cells[column - 1] = valueText(cell.value, cell.numFmt);
  });
  return Array.from(cells, (cell) => cell ?? "");
}

/**
 * Every row of one sheet, streamed. Sheets are read to the end of the workbook even when the
 * caller stops early: exceljs parks the sheets it meets before the shared strings (Excel writes
 * them in that order) in temporary files, and removes each one only when the reading moves on.
 */
async function* sheetRows(
  path: string,
  sheetName: string,
  workbookSheets: readonly SheetEntry[],
): AsyncGenerator<{ row: number; cells: string[] }> {
  const input = createReadStream(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  // exceljs names a sheet from the workbook part, and fails on a sheet that comes before that part
  // in the archive but after the shared strings (an order some writers use): it is given the
  // sheets read from the workbook part beforehand, which the part itself then restates.
  (workbook as unknown as { model?: unknown }).model = {
    sheets: workbookSheets.map((s) => ({ name: s.name, rId: s.rId, state: s.state })),
  };
  const sheets = workbook[Symbol.asyncIterator]();
  let found = false;
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) break;
      const sheet = next.value as ExcelJS.stream.xlsx.WorksheetReader & { name?: string };
      if (sheet.name !== sheetName || found) {
        discardSheet(sheet);
        continue;
      }
      found = true;
      guardSheet(sheet);
      for await (const row of sheet) yield { row: row.number, cells: rowCells(row) };
    }
  } catch (error) {
    throw new ImportFileError("unreadable", { reason: "bad_workbook" }, { cause: error });
  } finally {
    try {
      for (let next = await sheets.next(); !next.done; next = await sheets.next()) discardSheet(next.value);
    } catch {
      // Stopping anyway; what is left of the workbook is not read.
    }
    input.destroy();
  }
  if (!found) throw new ImportFileError("unreadable", { reason: "sheet_not_found", sheet: sheetName });
}

type SheetSource = { destroy?: () => void; on?: (event: "error", listener: () => void) => void };

/**
 * A sheet not read: its parked copy is closed instead of left open. exceljs removes the parked
 * file as soon as the reading moves on, which can be before the stream it opened on it has
 * opened: the "no such file" that follows belongs to nobody, so it is caught here rather than
 * thrown at the process.
 */
function discardSheet(sheet: unknown): void {
  const source = (sheet as { iterator?: SheetSource }).iterator;
  source?.on?.("error", () => {});
  source?.destroy?.();
}

/** The sheet being read may be left early (the header is all a preview needs): the same guard. */
function guardSheet(sheet: unknown): void {
  (sheet as { iterator?: SheetSource }).iterator?.on?.("error", () => {});
}

export async function openXlsxFile(
  path: string,
  fileSize: number,
  options: { kind?: ImportKind; maxUnzippedBytes: number },
): Promise<OpenedFile> {
  const entries = await readZipDirectory(path, fileSize);
  if (!entries.some((entry) => entry.name === WORKBOOK_PART))
    throw new ImportFileError("not_a_table", { reason: "zip_without_workbook" });
  refuseDeclaredSize(entries, options.maxUnzippedBytes);
  const parts = await inflateCounting(path, options.maxUnzippedBytes, [WORKBOOK_PART]);
  const sheets = listSheets(parts.get(WORKBOOK_PART) ?? "");
  const sheet = chooseSheet(sheets, options.kind);
  if (sheet === undefined) throw new ImportFileError("empty");

  const header = await findHeader(sheetRows(path, sheet, sheets), options.kind);
  if (!header) throw new ImportFileError("empty", { sheet });
  const headerRow = header.row;

  return {
    format: "xlsx",
    sheet,
    headerRow,
    headers: header.cells,
    async *rows(match) {
      for await (const row of sheetRows(path, sheet, sheets)) {
        if (row.row <= headerRow || isBlankRow(row.cells)) continue;
        yield toSourceRow(row.row, row.cells, match);
      }
    },
  };
}
