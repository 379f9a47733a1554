import { toCsv } from "~/utils/csv";
import { toXlsx } from "~/utils/xlsx";
import { KIND_COLUMNS, KIND_LABELS, type ImportKind, type ImportLanguage } from "./kinds";

/**
 * Empty import files to fill in: the kind's header row in the user's language and nothing else.
 * Every header reads back as its column (the headers are aliases of their own columns), and the
 * workbook's one sheet carries the kind's name, so a filled-in template needs no choices.
 */
export function templateHeaders(kind: ImportKind, language: ImportLanguage): string[] {
  return KIND_COLUMNS[kind].map((column) => column.header[language]);
}

/** UTF-8 with a byte-order mark, so that Excel opens Chinese headers correctly; CRLF line ends. */
export function templateCsv(kind: ImportKind, language: ImportLanguage): string {
  return toCsv(templateHeaders(kind, language), []);
}

export function templateXlsx(kind: ImportKind, language: ImportLanguage): Buffer<ArrayBuffer> {
  return Buffer.from(toXlsx(KIND_LABELS[kind][language], templateHeaders(kind, language), []));
}

export function templateFileName(kind: ImportKind, format: "csv" | "xlsx"): string {
  return `${kind}-template.${format}`;
}
