/**
 * Reading import files: an uploaded CSV or XLSX becomes rows of cell text keyed by canonical
 * column. What to make of the text (validation, preview, commit) is the caller's business.
 */
export { parseImportDate, parseImportNumber, type ParsedCell } from "./cell-values";
export { chooseHeaderRow, HEADER_SEARCH_ROWS, headerScore } from "./header-row";
export { detectKind, matchHeaders, normalizeHeader, type HeaderMatch } from "./headers";
export { IMPORT_FILE_ERROR_CODES, ImportFileError, isImportFileError, type ImportFileErrorCode } from "./import-file-error";
export {
  columnLabel,
  IMPORT_KINDS,
  IMPORT_LANGUAGES,
  KIND_COLUMNS,
  KIND_LABELS,
  isImportKind,
  type ImportKind,
  type ImportLanguage,
  type KindColumn,
  type Labels,
} from "./kinds";
export { DEFAULT_MAX_UNZIPPED_BYTES, openImportFile, type OpenImportFileOptions } from "./open-import-file.server";
export { type CsvEncoding, type OpenedFile, type SourceRow } from "./source";
export { templateCsv, templateFileName, templateHeaders, templateXlsx } from "./templates";
