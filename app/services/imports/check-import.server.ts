import type { TenantScope } from "@db/scope";
import type { ImportSource } from "@db/schema";
import type { ChangeCounts } from "~/models/imports.server";
import { AppError } from "~/utils/app-error";
import { type CheckedRows, checkRows, type ImportTx, type ProgressListener } from "./check-rows.server";
import { type CheckedSet, checkInterchange } from "./edi/check-edi.server";
import {
  columnLabel,
  type HeaderMatch,
  type ImportKind,
  isImportFileError,
  matchHeaders,
  openImportFile,
  type OpenedFile,
} from "./read/index.server";
import type { TableKind } from "./rows";

/**
 * An import's stored file read and checked in a transaction, whatever its format: a table (CSV,
 * XLSX) of one kind, or an EDI interchange bringing stock and consumption at once. The preview
 * and the commit share it; the good rows stay staged, per kind, for the commit to write.
 */

/** What a pipeline imports: a kind of table, or an EDI interchange (stock and consumption). */
export type PipelineKind = TableKind | "edi";

export interface CheckedImport {
  /** The kinds staged: the one of a table, stock and consumption for an interchange. */
  kinds: TableKind[];
  source: ImportSource;
  rowsTotal: number;
  counts: ChangeCounts;
  problems: CheckedRows["problems"];
  errorRows: number;
  /** An interchange's transaction sets, each with its refused rows (for its 997). */
  sets?: CheckedSet[];
}

export async function checkStoredImport(
  tx: ImportTx,
  scope: TenantScope,
  stored: { id: string; kind: PipelineKind; fileName: string; file: string },
  onProgress?: ProgressListener,
): Promise<CheckedImport> {
  if (stored.kind === "edi") return checkInterchange(tx, scope, stored.id, stored.file);
  const kind = stored.kind;
  const opened = await openOrRefuse(stored.file, stored.fileName, kind);
  return asFileError(() => checkFile(tx, scope, opened, kind, onProgress));
}

async function checkFile(
  tx: ImportTx,
  scope: TenantScope,
  opened: OpenedFile,
  kind: TableKind,
  onProgress?: ProgressListener,
): Promise<CheckedImport> {
  const match = matchHeaders(kind, opened.headers);
  const source = sourceOf(opened, match);
  const problems: CheckedImport["problems"] = headerProblems(match, opened.headerRow);
  if (problems.length > 0) {
    return { kinds: [kind], source, rowsTotal: 0, counts: { inserted: 0, updated: 0, unchanged: 0 }, problems, errorRows: 1 };
  }
  const headerOf = new Map(match.columns.map((c) => [c.name, c.header]));
  const checked = await checkRows(tx, scope, kind, opened.rows(match), (column) => headerOf.get(column) ?? column, onProgress);
  return { kinds: [kind], source, ...checked };
}

/** What the file was, for the preview; `headerRow` only when rows above the header were skipped. */
export function sourceOf(opened: OpenedFile, match: HeaderMatch): ImportSource {
  return {
    format: opened.format,
    ...(opened.encoding ? { encoding: opened.encoding } : {}),
    ...(opened.delimiter ? { delimiter: opened.delimiter } : {}),
    ...(opened.sheet ? { sheet: opened.sheet } : {}),
    ...(opened.headerRow > 1 ? { headerRow: opened.headerRow } : {}),
    ignored: match.ignored,
  };
}

/**
 * The header's problems, on the header's own row, each column named as the templates write it in
 * both languages: the user never sees the canonical names.
 */
function headerProblems(match: HeaderMatch, headerRow: number): CheckedImport["problems"] {
  const out: CheckedImport["problems"] = [];
  for (const name of match.missing) {
    const label = columnLabel(match.kind, name);
    out.push({
      row: headerRow,
      column: name,
      columnName: label,
      value: null,
      message: "imports.errors.missingColumn",
      params: { column: label },
    });
  }
  for (const dup of match.duplicated) {
    out.push({
      row: headerRow,
      column: dup.name,
      columnName: dup.headers.join(", "),
      value: null,
      message: "imports.errors.duplicateColumn",
      params: { column: columnLabel(match.kind, dup.name), headers: dup.headers.join(", ") },
    });
  }
  return out;
}

/** A file that cannot be read as a table is the file field's error, wherever the reading broke. */
export async function asFileError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isImportFileError(error)) {
      throw AppError.invalid({ fieldErrors: { file: [{ key: error.messageKey, params: { ...error.details } }] } });
    }
    throw error;
  }
}

export function openOrRefuse(file: string, fileName: string, kind?: ImportKind): Promise<OpenedFile> {
  return asFileError(() => openImportFile(file, { fileName, kind }));
}
