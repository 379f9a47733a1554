import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import type { ImportSource } from "@db/schema";
import { recordAudit } from "~/models/audit.server";
import {
  type ChangeCounts,
  countStagedChanges,
  createStage,
  getImport,
  type ImportRecord,
  insertImport,
  insertImportErrors,
  loadLookups,
  STAGE_BATCH,
  type StagedRow,
  stageRows,
  takeStagedDuplicates,
  updateImport,
  writeStaged,
} from "~/models/imports.server";
import { recomputeTenant } from "~/services/metrics/recompute.server";
import { AppError } from "~/utils/app-error";
import { getEnv } from "~/utils/env.server";
import {
  detectKind,
  type HeaderMatch,
  type ImportKind,
  isImportFileError,
  matchHeaders,
  openImportFile,
  type OpenedFile,
  type SourceRow,
} from "./read/index.server";
import { checkRow, isTableKind, type RowProblem, type TableKind } from "./rows";

/**
 * One import pipeline for every door (the upload page now; EDI and the API feed the same
 * functions): read the file → match its headers to the kind's columns → check every row by the
 * forms' rules and resolve its keys → stage the good rows and count what they would insert,
 * update or leave unchanged (the preview; nothing written but the import's own record) → on the
 * user's confirmation, read and check the file again and write it in ONE transaction, only if
 * every row is good: all or nothing. Writing only what differs makes a replay change nothing.
 *
 * The file waits between preview and commit in DATA_DIR/imports/<tenant>/<import id>
 * (docs/decisions/026), and is removed once committed or discarded.
 */

export const IMPORT_AUDIT = { commit: "import.commit" } as const;
/** Refused rows kept for the report; the count goes on past it. */
export const MAX_STORED_PROBLEMS = 100_000;

/** Who may import what: administrators everything; buyers agreements and the daily facts. */
const BUYER_KINDS: readonly ImportKind[] = ["agreements", "stock", "consumption"];

export function importKindsFor(role: string): TableKind[] {
  if (role === "admin") return ["items", "suppliers", "sites", "agreements", "stock", "consumption"];
  if (role === "buyer") return BUYER_KINDS as TableKind[];
  return [];
}

export function requireImporter(scope: TenantScope) {
  if (scope.supplierId || importKindsFor(scope.role ?? "").length === 0) throw AppError.notFound();
}

export function requireKind(scope: TenantScope, kind: ImportKind): asserts kind is TableKind {
  if (!isTableKind(kind) || !importKindsFor(scope.role ?? "").includes(kind)) {
    throw AppError.invalid({ fieldErrors: { kind: [{ key: "imports.errors.kindNotAllowed" }] } });
  }
}

export function importDirectory(tenantId: string) {
  return path.resolve(getEnv().DATA_DIR, "imports", tenantId);
}

const storedFile = (tenantId: string, importId: string) => path.join(importDirectory(tenantId), importId);

export interface UploadedFile {
  /** Where the upload was written; the pipeline moves it into the tenant's import directory. */
  path: string;
  fileName: string;
}

export interface CheckedFile {
  kind: TableKind;
  source: ImportSource;
  rowsTotal: number;
  counts: ChangeCounts;
  problems: (RowProblem & { columnName: string | null })[];
  errorRows: number;
}

/**
 * Reads, checks and stages the whole file in `tx`, and counts what it would change. The staged
 * rows are left in the transaction's staging table for a commit to write.
 */
async function checkFile(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  scope: TenantScope,
  opened: OpenedFile,
  kind: TableKind,
  onProgress?: ProgressListener,
): Promise<CheckedFile> {
  const match = matchHeaders(kind, opened.headers);
  const source = sourceOf(opened, match);
  const problems: CheckedFile["problems"] = headerProblems(match);
  if (problems.length > 0) {
    return { kind, source, rowsTotal: 0, counts: { inserted: 0, updated: 0, unchanged: 0 }, problems, errorRows: 1 };
  }
  const headerOf = new Map(match.columns.map((c) => [c.name, c.header]));
  const checked = await checkRows(tx, scope, kind, opened.rows(match), (column) => headerOf.get(column) ?? column, onProgress);
  return { kind, source, ...checked };
}

export interface CheckedRows {
  rowsTotal: number;
  counts: ChangeCounts;
  problems: (RowProblem & { columnName: string | null })[];
  errorRows: number;
}

/**
 * Checks and stages rows of a kind in `tx` (from a file, or a batch of the API), and counts what
 * they would change; the good rows stay staged for `writeStaged`. `nameOf` names a column as the
 * caller's source does (the file's header, the API's field).
 */
export async function checkRows(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  scope: TenantScope,
  kind: TableKind,
  rows: AsyncIterable<SourceRow> | Iterable<SourceRow>,
  nameOf: (column: string) => string,
  onProgress?: ProgressListener,
): Promise<CheckedRows> {
  const problems: CheckedRows["problems"] = [];
  const lookups = await loadLookups(tx, scope.tenantId);
  await createStage(tx, kind);
  let batch: StagedRow<TableKind>[] = [];
  let rowsTotal = 0;
  let errorRows = 0;
  const refuse = (found: RowProblem[]) => {
    errorRows += 1;
    for (const p of found) {
      if (problems.length >= MAX_STORED_PROBLEMS) break;
      problems.push({ ...p, columnName: p.column ? nameOf(p.column) : null });
    }
  };
  for await (const row of rows) {
    rowsTotal += 1;
    const checked = checkRow(kind, row, lookups);
    if (!checked.ok) {
      refuse(checked.problems);
      continue;
    }
    batch.push({ row: row.row, value: checked.value });
    if (batch.length >= STAGE_BATCH) {
      await stageRows(tx, kind, batch);
      batch = [];
      onProgress?.(rowsTotal);
    }
  }
  await stageRows(tx, kind, batch);
  for (const repeat of await takeStagedDuplicates(tx, kind)) {
    refuse([
      {
        row: repeat.row,
        column: null,
        value: null,
        message: "imports.errors.duplicate",
        params: { row: repeat.row, first: repeat.first },
      },
    ]);
  }
  problems.sort((x, y) => x.row - y.row);
  const counts = await countStagedChanges(tx, kind, scope.tenantId);
  return { rowsTotal, counts, problems, errorRows };
}

function sourceOf(opened: OpenedFile, match: HeaderMatch): ImportSource {
  return {
    format: opened.format,
    ...(opened.encoding ? { encoding: opened.encoding } : {}),
    ...(opened.delimiter ? { delimiter: opened.delimiter } : {}),
    ...(opened.sheet ? { sheet: opened.sheet } : {}),
    ignored: match.ignored,
  };
}

function headerProblems(match: HeaderMatch): CheckedFile["problems"] {
  const out: CheckedFile["problems"] = [];
  for (const name of match.missing) {
    out.push({
      row: 1,
      column: name,
      columnName: name,
      value: null,
      message: "imports.errors.missingColumn",
      params: { column: name },
    });
  }
  for (const dup of match.duplicated) {
    out.push({
      row: 1,
      column: dup.name,
      columnName: dup.headers.join(", "),
      value: null,
      message: "imports.errors.duplicateColumn",
      params: { column: dup.name, headers: dup.headers.join(", ") },
    });
  }
  return out;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A file that cannot be read as a table is the file field's error, wherever the reading broke. */
async function asFileError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isImportFileError(error)) {
      throw AppError.invalid({ fieldErrors: { file: [{ key: error.messageKey, params: { ...error.details } }] } });
    }
    throw error;
  }
}

function openOrRefuse(file: string, fileName: string, kind?: ImportKind): Promise<OpenedFile> {
  return asFileError(() => openImportFile(file, { fileName, kind }));
}

/**
 * Takes an upload in: the file moves to the tenant's import directory, its header row decides the
 * kind (unless one was chosen), and the import is recorded as `checking`. Only the header is read
 * here, so that the request answers at once whatever the file's size; `checkImport` reads the rest.
 * A file that is not a table, a kind the headers cannot tell or the member may not import is
 * refused here, as the form's error, and leaves no file behind.
 */
export async function acceptUpload(
  db: Database,
  scope: TenantScope,
  upload: UploadedFile,
  requestedKind?: ImportKind,
): Promise<string> {
  const importId = randomUUID();
  const target = storedFile(scope.tenantId, importId);
  try {
    requireImporter(scope);
    if (requestedKind) requireKind(scope, requestedKind);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await rename(upload.path, target);
    const opened = await openOrRefuse(target, upload.fileName, requestedKind);
    const kind = requestedKind ?? detectKind(opened.headers);
    if (!kind) throw AppError.invalid({ fieldErrors: { kind: [{ key: "imports.errors.kindUnknown" }] } });
    requireKind(scope, kind);
    const [sizeBytes, contentSha256] = [(await stat(target)).size, await sha256Of(target)];
    await withTenant(db, scope, (tx) =>
      insertImport(tx, scope.tenantId, {
        id: importId,
        kind,
        fileName: upload.fileName,
        source: sourceOf(opened, matchHeaders(kind, opened.headers)),
        contentSha256,
        sizeBytes,
        status: "checking",
        createdBy: scope.userId,
      }),
    );
    return importId;
  } catch (error) {
    await Promise.all([rm(upload.path, { force: true }), rm(target, { force: true })]);
    throw error;
  }
}

export type ProgressListener = (rowsDone: number) => void;

/**
 * The preview of an accepted upload: every row checked and staged, what it would change counted,
 * every refused row stored; the import is then `previewed`. Nothing but the import's record is
 * written. A file that breaks half-way fails the import (with the reason) and its file is removed.
 */
export async function checkImport(db: Database, scope: TenantScope, importId: string, onProgress?: ProgressListener) {
  requireImporter(scope);
  try {
    await withTenant(db, scope, async (tx) => {
      const record = await getImport(tx, scope.tenantId, importId, true);
      if (!record) throw AppError.notFound();
      if (record.status !== "checking") throw AppError.conflict("state", { key: "imports.errors.notPreviewed" });
      const kind = record.kind;
      requireKind(scope, kind);
      const opened = await openOrRefuse(storedFile(scope.tenantId, importId), record.fileName, kind);
      const checked = await asFileError(() => checkFile(tx, scope, opened, kind, onProgress));
      await updateImport(tx, scope.tenantId, importId, {
        status: "previewed",
        source: checked.source,
        rowsTotal: checked.rowsTotal,
        toInsert: checked.counts.inserted,
        toUpdate: checked.counts.updated,
        unchanged: checked.counts.unchanged,
        errorRows: checked.errorRows,
      });
      await insertImportErrors(
        tx,
        scope.tenantId,
        importId,
        // In the file's order: a repeated record is found once the whole file is staged.
        [...checked.problems].sort((a, b) => a.row - b.row).map((p, seq) => ({ ...p, seq })),
      );
    });
  } catch (error) {
    await failImport(db, scope, importId, failureOf(error));
    await rm(storedFile(scope.tenantId, importId), { force: true });
    throw error;
  }
}

/** Why an import failed, for its page: a file error's own words, or that something went wrong. */
function failureOf(error: unknown): string {
  if (error instanceof AppError) {
    const message = Object.values(error.fieldErrors)[0]?.[0] ?? error.userMessage;
    return message.key;
  }
  return "imports.failure.unexpected";
}

async function failImport(
  db: Database,
  scope: TenantScope,
  importId: string,
  failure: string,
  status: "failed" | "previewed" = "failed",
) {
  await withTenant(db, scope, (tx) => updateImport(tx, scope.tenantId, importId, { status, failure }));
}

/** Accepts and checks an upload in one go (the API's dry run, and tests). Returns the import's id. */
export async function previewImport(
  db: Database,
  scope: TenantScope,
  upload: UploadedFile,
  requestedKind?: ImportKind,
): Promise<string> {
  const importId = await acceptUpload(db, scope, upload, requestedKind);
  await checkImport(db, scope, importId);
  return importId;
}

/** The kinds whose commit changes planning figures. */
export const RECOMPUTED_KINDS: ReadonlySet<TableKind> = new Set<TableKind>(["agreements", "stock", "consumption"]);

export interface CommitOutcome {
  kind: TableKind;
  counts: ChangeCounts;
}

/**
 * The confirmation: a previewed import without refused rows becomes `committing`; `writeImport`
 * then writes it. Refused (409) for any other state, and for an import with refused rows.
 */
export async function beginCommit(db: Database, scope: TenantScope, importId: string): Promise<void> {
  requireImporter(scope);
  await withTenant(db, scope, async (tx) => {
    const record = await getImport(tx, scope.tenantId, importId, true);
    if (!record) throw AppError.notFound();
    if (record.status !== "previewed") {
      throw AppError.conflict("state", { key: "imports.errors.notPreviewed" }, { status: record.status });
    }
    if (record.errorRows > 0) throw AppError.conflict("errors", { key: "imports.errors.hasErrors" });
    requireKind(scope, record.kind);
    await updateImport(tx, scope.tenantId, importId, { status: "committing", failure: null });
  });
}

/**
 * Writes a confirmed import: the file is read and checked again against the records as they are
 * now, and written in ONE transaction only if every row is still good. Refused, it writes nothing
 * and the import is previewed again, with the reason; then the planning figures are recomputed.
 */
export async function writeImport(
  db: Database,
  scope: TenantScope,
  importId: string,
  options: { recompute?: boolean; onProgress?: ProgressListener } = {},
): Promise<CommitOutcome> {
  requireImporter(scope);
  let written: CommitOutcome | { changedRows: number };
  try {
    written = await withTenant(db, scope, async (tx) => {
      const record = await getImport(tx, scope.tenantId, importId, true);
      if (!record) throw AppError.notFound();
      if (record.status !== "committing") throw AppError.conflict("state", { key: "imports.errors.notPreviewed" });
      const kind = record.kind;
      requireKind(scope, kind);
      const opened = await openOrRefuse(storedFile(scope.tenantId, importId), record.fileName, kind);
      const checked = await asFileError(() => checkFile(tx, scope, opened, kind, options.onProgress));
      if (checked.errorRows > 0) return { changedRows: checked.errorRows };
      await writeStaged(tx, kind, scope.tenantId);
      await updateImport(tx, scope.tenantId, importId, {
        status: "committed",
        committedAt: new Date(),
        rowsTotal: checked.rowsTotal,
        toInsert: checked.counts.inserted,
        toUpdate: checked.counts.updated,
        unchanged: checked.counts.unchanged,
      });
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        actorUserId: scope.userId,
        action: IMPORT_AUDIT.commit,
        entityType: "import",
        entityId: importId,
        after: { kind, fileName: record.fileName, rows: checked.rowsTotal, ...checked.counts },
      });
      return { kind, counts: checked.counts };
    });
  } catch (error) {
    // Nothing was written: the user may confirm again once the cause is gone.
    if (!(error instanceof AppError && error.code === "conflict")) {
      await failImport(db, scope, importId, failureOf(error), "previewed");
    }
    throw error;
  }
  if ("changedRows" in written) {
    await failImport(db, scope, importId, "imports.failure.changed", "previewed");
    throw AppError.conflict("changed", { key: "imports.errors.changedSincePreview", params: { rows: written.changedRows } });
  }
  await rm(storedFile(scope.tenantId, importId), { force: true });
  // The planning figures follow the new facts and terms at once, not at the nightly run.
  if ((options.recompute ?? true) && RECOMPUTED_KINDS.has(written.kind)) {
    await recomputeTenant(db, scope.tenantId, { trigger: "on-demand", actorUserId: scope.userId });
  }
  return written;
}

/** Confirms and writes in one go (the API, and tests). */
export async function commitImport(
  db: Database,
  scope: TenantScope,
  importId: string,
  options: { recompute?: boolean } = {},
): Promise<CommitOutcome> {
  await beginCommit(db, scope, importId);
  return writeImport(db, scope, importId, options);
}

/** Drops a previewed import: its file goes, its record stays in the history as discarded. */
export async function discardImport(db: Database, scope: TenantScope, importId: string): Promise<void> {
  requireImporter(scope);
  await withTenant(db, scope, async (tx) => {
    const record = await getImport(tx, scope.tenantId, importId, true);
    if (!record) throw AppError.notFound();
    if (record.status !== "previewed") {
      throw AppError.conflict("state", { key: "imports.errors.notPreviewed" }, { status: record.status });
    }
    await updateImport(tx, scope.tenantId, importId, { status: "discarded" });
  });
  await rm(storedFile(scope.tenantId, importId), { force: true });
}

export type { ImportRecord };
