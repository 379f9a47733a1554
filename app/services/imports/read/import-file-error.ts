/**
 * Why an uploaded file cannot be read as a table. Each code has a message key
 * (`imports.file_errors.<code>`) for the page to show; `details` carries facts for the message
 * (the row where a CSV broke, the limit a workbook exceeded).
 */
export const IMPORT_FILE_ERROR_CODES = [
  /** Nothing in it: no bytes, or no row with any text. */
  "empty",
  /** Not a CSV or XLSX file: a PDF, an image, a Word file, HTML, any other binary. */
  "not_a_table",
  /** An Excel 97-2003 .xls file, or a password-protected workbook (both are OLE containers). */
  "legacy_excel",
  /** An XLSX whose contents unzip beyond the limit (a zip bomb, or simply too big to import). */
  "too_large_unzipped",
  /** Looks like CSV or XLSX but is broken: a quote never closed, a cell too long, a damaged zip. */
  "unreadable",
] as const;
export type ImportFileErrorCode = (typeof IMPORT_FILE_ERROR_CODES)[number];

export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  readonly messageKey: string;
  readonly details: Readonly<Record<string, string | number>>;

  constructor(code: ImportFileErrorCode, details: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(`import file ${code}${Object.keys(details).length ? ` ${JSON.stringify(details)}` : ""}`, options);
    this.name = "ImportFileError";
    this.code = code;
    this.messageKey = `imports.file_errors.${code}`;
    this.details = details;
  }
}

export function isImportFileError(error: unknown, code?: ImportFileErrorCode): error is ImportFileError {
  return error instanceof ImportFileError && (code === undefined || error.code === code);
}
