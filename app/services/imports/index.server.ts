import { rm } from "node:fs/promises";
import path from "node:path";
import { withTenant } from "@db/scope";
import { getImport, type ImportErrorRecord, listImportErrors, listImports } from "~/models/imports.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { isUuid } from "~/utils/ids";
import { acceptUpload, type CommitOutcome, discardImport, type ImportRecord, importKindsFor, mayImport } from "./pipeline.server";
import { isImportKind, type ImportKind, KIND_COLUMNS, templateCsv, templateFileName, templateXlsx } from "./read/index.server";
import { checkInBackground, commitInBackground, progressOf, settledWithin } from "./runs.server";
import { receiveImportUpload } from "./upload.server";

/**
 * The import pages' use cases: the upload form with the history, one import's preview with its
 * refused rows, its confirmation or discarding, and the report of every refused row. Only
 * administrators and buyers import; anyone else gets the 404 of an address that does not exist.
 */

export const HISTORY_SIZE = 50;
/** Refused rows shown on the preview page; the CSV report has every one. */
export const PREVIEW_ERRORS = 200;

function requireImporter(membership: Membership) {
  if (importKindsFor(membership.role).length === 0) throw AppError.notFound();
}

export async function loadImportsPageFor(membership: Membership) {
  requireImporter(membership);
  const history = await withTenant(getDb(), membership.scope, (tx) => listImports(tx, membership.tenant.id, HISTORY_SIZE));
  const kinds = importKindsFor(membership.role);
  return {
    kinds,
    columns: Object.fromEntries(kinds.map((kind) => [kind, KIND_COLUMNS[kind]])) as Record<
      ImportKind,
      (typeof KIND_COLUMNS)[ImportKind]
    >,
    history,
    /** The largest file the front door lets through, for the form to check before sending. */
    maxBytes: getEnv().IMPORT_MAX_BYTES,
  };
}

/**
 * Takes the uploaded file (streamed to disk, never held whole) and previews it. Returns the new
 * import's id. A form error names the field: `file` (none, unreadable) or `kind`.
 */
export async function uploadImportFor(membership: Membership, request: Request): Promise<string> {
  requireImporter(membership);
  const upload = await receiveImportUpload(request, { directory: path.resolve(getEnv().DATA_DIR, "imports", "incoming") });
  const file = upload.file;
  const kindField = upload.fields.kind ?? "";
  // `edi`: an interchange, which an empty kind recognises by its ISA segment too.
  const badKind = kindField !== "" && kindField !== "edi" && !isImportKind(kindField);
  if (!file || file.size === 0 || badKind) {
    if (file) await rm(file.path, { force: true });
    throw AppError.invalid({
      fieldErrors: {
        ...(!file || file.size === 0 ? { file: [{ key: "imports.errors.noFile" }] } : {}),
        ...(badKind ? { kind: [{ key: "imports.errors.kindNotAllowed" }] } : {}),
      },
    });
  }
  // From here the pipeline owns the file: it moves it, and removes it if the import fails.
  const importId = await acceptUpload(
    getDb(),
    membership.scope,
    { path: file.path, fileName: file.fileName },
    kindField === "" ? undefined : (kindField as ImportKind | "edi"),
  );
  // A small file's preview is ready before the page that shows it; a large one's page follows it.
  await settledWithin(checkInBackground(getDb(), membership.scope, importId));
  return importId;
}

export interface ImportPage {
  record: ImportRecord;
  errors: ImportErrorRecord[];
  canCommit: boolean;
  /** Rows read so far, while the import is checked or written by this server. */
  rowsDone: number | null;
}

/** Null when the import is not this company's (unknown, another company's): the page's 404. */
export async function loadImportPageFor(membership: Membership, importId: string): Promise<ImportPage | null> {
  requireImporter(membership);
  if (!isUuid(importId)) return null;
  return withTenant(getDb(), membership.scope, async (tx) => {
    const record = await getImport(tx, membership.tenant.id, importId);
    if (!record) return null;
    const errors = await listImportErrors(tx, membership.tenant.id, importId, PREVIEW_ERRORS);
    const allowed = mayImport(membership.role, record.kind);
    return {
      record,
      errors,
      canCommit: allowed && record.status === "previewed" && record.errorRows === 0,
      rowsDone: progressOf(importId)?.rowsDone ?? null,
    };
  });
}

/**
 * Confirms an import: refused at once with its reason, or written in the background. The outcome
 * when it was written within a moment (the page then says so), else null (the page follows it).
 */
export async function commitImportFor(membership: Membership, importId: string): Promise<CommitOutcome | null> {
  requireImporter(membership);
  if (!isUuid(importId)) throw AppError.notFound();
  const { written } = await commitInBackground(getDb(), membership.scope, importId);
  if (!(await settledWithin(written))) return null;
  // Refused meanwhile (the data changed): the page shows why.
  return written.catch(() => null);
}

export function discardImportFor(membership: Membership, importId: string) {
  requireImporter(membership);
  if (!isUuid(importId)) throw AppError.notFound();
  return discardImport(getDb(), membership.scope, importId);
}

/**
 * Every refused row of an import, as the report's rows: row, column, value, message (translated).
 * Null when the import is not this company's.
 */
export async function importErrorReportFor(
  membership: Membership,
  importId: string,
  t: (key: string, params?: Record<string, unknown>) => string,
) {
  requireImporter(membership);
  if (!isUuid(importId)) return null;
  return withTenant(getDb(), membership.scope, async (tx) => {
    const record = await getImport(tx, membership.tenant.id, importId);
    if (!record) return null;
    const errors = await listImportErrors(tx, membership.tenant.id, importId);
    return {
      fileName: record.fileName,
      header: [t("imports.report.row"), t("imports.report.column"), t("imports.report.value"), t("imports.report.message")],
      rows: errors.map((e) => [e.row, e.column ?? "", e.value ?? "", t(e.message, e.params ?? {})]),
    };
  });
}

/** An empty template of a kind the member may import, in the member's language; null for any other. */
export function importTemplateFor(membership: Membership, kind: string | null, format: string | null) {
  requireImporter(membership);
  const allowed = importKindsFor(membership.role) as string[];
  if (!kind || !allowed.includes(kind) || (format !== "csv" && format !== "xlsx")) return null;
  const language = membership.user.locale === "zh-CN" ? "zh-CN" : "en";
  const name = templateFileName(kind as ImportKind, format);
  if (format === "csv") {
    return { name, contentType: "text/csv; charset=utf-8", body: templateCsv(kind as ImportKind, language) };
  }
  return {
    name,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: templateXlsx(kind as ImportKind, language),
  };
}

/** The 997 acknowledgment of an EDI import, as a file to download; null for any other import. */
export async function importAck997For(membership: Membership, importId: string) {
  requireImporter(membership);
  if (!isUuid(importId)) return null;
  const record = await withTenant(getDb(), membership.scope, (tx) => getImport(tx, membership.tenant.id, importId));
  const text = record?.source.edi?.ack997;
  if (!record || !text) return null;
  return { name: `997-${record.fileName.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_")}.edi`, text };
}
