import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import type { ImportSource } from "@db/schema";
import { recordAudit } from "~/models/audit.server";
import {
  type ChangeCounts,
  getImport,
  type ImportRecord,
  insertImport,
  insertImportErrors,
  updateImport,
  stagedAgreementIds,
  writeStaged,
} from "~/models/imports.server";
import { evaluateAfterWrite } from "~/services/alerts/evaluate.server";
import { recomputeAgreements } from "~/services/metrics/recompute-agreements.server";
import { recomputeTenant } from "~/services/metrics/recompute.server";
import { AppError } from "~/utils/app-error";
import { getEnv } from "~/utils/env.server";
import { type ImportTx, type ProgressListener } from "./check-rows.server";
import { type CheckedImport, checkStoredImport, openOrRefuse, type PipelineKind, sourceOf } from "./check-import.server";
import { looksLikeX12 } from "./edi/x12";
import { detectKind, type ImportKind, matchHeaders } from "./read/index.server";
import { receiveStagedNotices } from "./receipts.server";
import { isTableKind, type TableKind } from "./rows";

export { checkRows, type CheckedRows, MAX_STORED_PROBLEMS, type ProgressListener } from "./check-rows.server";
export type { CheckedImport, PipelineKind } from "./check-import.server";

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

/** Who may import what: administrators everything; buyers agreements and the daily facts. */
const BUYER_KINDS: readonly ImportKind[] = ["agreements", "stock", "consumption", "receipts"];

export function importKindsFor(role: string): TableKind[] {
  if (role === "admin") return ["items", "suppliers", "sites", "agreements", "stock", "consumption", "receipts"];
  if (role === "buyer") return BUYER_KINDS as TableKind[];
  return [];
}

export function requireImporter(scope: TenantScope) {
  if (scope.supplierId || importKindsFor(scope.role ?? "").length === 0) throw AppError.notFound();
}

export function requireKind(scope: TenantScope, kind: ImportKind | "edi"): asserts kind is PipelineKind {
  if (!mayImport(scope.role ?? "", kind)) {
    throw AppError.invalid({ fieldErrors: { kind: [{ key: "imports.errors.kindNotAllowed" }] } });
  }
}

/** An interchange brings stock and consumption: whoever may import both may import it. */
export function mayImport(role: string, kind: string): boolean {
  const allowed: string[] = importKindsFor(role);
  if (kind === "edi") return ["stock", "consumption", "receipts"].every((k) => allowed.includes(k));
  return isTableKind(kind as ImportKind) && allowed.includes(kind);
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

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Does the stored file start like an X12 interchange (ISA)? */
async function isInterchange(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(512), 0, 512, 0);
    return looksLikeX12(buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await handle.close();
  }
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
  requestedKind?: ImportKind | "edi",
): Promise<string> {
  const importId = randomUUID();
  const target = storedFile(scope.tenantId, importId);
  try {
    requireImporter(scope);
    if (requestedKind) requireKind(scope, requestedKind);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await rename(upload.path, target);
    const { kind, source } = await kindOfUpload(target, upload.fileName, requestedKind);
    requireKind(scope, kind);
    const [sizeBytes, contentSha256] = [(await stat(target)).size, await sha256Of(target)];
    await withTenant(db, scope, (tx) =>
      insertImport(tx, scope.tenantId, {
        id: importId,
        kind,
        fileName: upload.fileName,
        source,
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

/**
 * What an upload is: an interchange (starting with ISA) when no kind or `edi` was chosen, else a
 * table whose headers tell the kind unless one was chosen.
 */
async function kindOfUpload(
  file: string,
  fileName: string,
  requestedKind?: ImportKind | "edi",
): Promise<{ kind: ImportKind | "edi"; source: ImportSource }> {
  if (requestedKind === undefined || requestedKind === "edi") {
    if (await isInterchange(file)) return { kind: "edi", source: { format: "x12", ignored: [] } };
    if (requestedKind === "edi") throw AppError.invalid({ fieldErrors: { file: [{ key: "imports.edi.notInterchange" }] } });
  }
  const opened = await openOrRefuse(file, fileName, requestedKind);
  const kind = requestedKind ?? detectKind(opened.headers);
  if (!kind) throw AppError.invalid({ fieldErrors: { kind: [{ key: "imports.errors.kindUnknown" }] } });
  return { kind, source: sourceOf(opened, matchHeaders(kind, opened.headers)) };
}

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
      const checked = await checkRecord(tx, scope, record, onProgress);
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

/** Checks an import's stored file in `tx`, for a preview or a commit. */
async function checkRecord(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  scope: TenantScope,
  record: ImportRecord,
  onProgress?: ProgressListener,
): Promise<CheckedImport> {
  const kind = record.kind;
  requireKind(scope, kind);
  const file = storedFile(scope.tenantId, record.id);
  return checkStoredImport(tx, scope, { id: record.id, kind, fileName: record.fileName, file }, onProgress);
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
  requestedKind?: ImportKind | "edi",
): Promise<string> {
  const importId = await acceptUpload(db, scope, upload, requestedKind);
  await checkImport(db, scope, importId);
  return importId;
}

/** The kinds whose commit changes planning figures. */
export const RECOMPUTED_KINDS: ReadonlySet<PipelineKind> = new Set<PipelineKind>(["agreements", "stock", "consumption", "edi"]);

export interface CommitOutcome {
  kind: PipelineKind;
  counts: ChangeCounts;
}

/**
 * Writes checked rows staged in `tx` (and receives the notices that receipts name); returns the
 * agreements whose planning figures the write changed.
 */
export async function writeChecked(
  tx: ImportTx,
  scope: TenantScope,
  kind: PipelineKind,
  checked: Pick<CheckedImport, "kinds" | "counts">,
): Promise<string[]> {
  for (const staged of checked.kinds) await writeStaged(tx, staged, scope.tenantId);
  if (checked.kinds.includes("receipts")) await receiveStagedNotices(tx, scope);
  const changed = checked.counts.inserted + checked.counts.updated > 0;
  return changed && RECOMPUTED_KINDS.has(kind) ? stagedAgreementIds(tx, checked.kinds, scope.tenantId) : [];
}

/**
 * The planning figures follow the new facts and terms at once, not at the nightly run: those of
 * the agreements an import touched (and of any whose ABC class it moved). Facts only of item-
 * sites without an agreement can still move ABC: then the whole company is recomputed. The
 * alerts follow, for the same agreements.
 */
export async function recomputeAfterImport(
  db: Database,
  scope: TenantScope,
  written: { kind: PipelineKind; counts: ChangeCounts; touched: readonly string[] },
): Promise<void> {
  const changed = written.counts.inserted + written.counts.updated > 0;
  if (!changed) return;
  if (RECOMPUTED_KINDS.has(written.kind)) {
    const recompute = { trigger: "on-demand" as const, actorUserId: scope.userId };
    if (written.touched.length > 0) await recomputeAgreements(db, scope.tenantId, written.touched, recompute);
    else await recomputeTenant(db, scope.tenantId, recompute);
  }
  // Then the alerts: of the agreements touched, or of all (receipts, master data, a whole recompute).
  await evaluateAfterWrite(db, scope.tenantId, written.touched.length > 0 ? written.touched : null, "import");
}

/**
 * The confirmation: a previewed import without refused rows becomes `committing`; `writeImport`
 * then writes it. Refused (409) for any other state, and for an import with refused rows.
 */
export async function beginCommit(db: Database, scope: TenantScope, importId: string): Promise<void> {
  requireImporter(scope);
  await withTenant(db, scope, async (tx) => {
    const record = await lockPreviewed(tx, scope, importId);
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
  let written: (CommitOutcome & { touched: string[] }) | { changedRows: number };
  try {
    written = await withTenant(db, scope, async (tx) => {
      const record = await getImport(tx, scope.tenantId, importId, true);
      if (!record) throw AppError.notFound();
      if (record.status !== "committing") throw AppError.conflict("state", { key: "imports.errors.notPreviewed" });
      const kind = record.kind;
      requireKind(scope, kind);
      const checked = await checkRecord(tx, scope, record, options.onProgress);
      if (checked.errorRows > 0) return { changedRows: checked.errorRows };
      const touched = await writeChecked(tx, scope, kind, checked);
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
      return { kind, counts: checked.counts, touched };
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
    throw AppError.conflict("changed", {
      key: "imports.errors.changedSincePreview",
      params: { rows: written.changedRows, count: written.changedRows },
    });
  }
  await rm(storedFile(scope.tenantId, importId), { force: true });
  if (options.recompute ?? true) await recomputeAfterImport(db, scope, written);
  return { kind: written.kind, counts: written.counts };
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

/** The import, locked, when it waits for its confirmation; a 404 or a 409 (naming its state) else. */
async function lockPreviewed(tx: Parameters<Parameters<typeof withTenant>[2]>[0], scope: TenantScope, importId: string) {
  const record = await getImport(tx, scope.tenantId, importId, true);
  if (!record) throw AppError.notFound();
  if (record.status !== "previewed") {
    throw AppError.conflict("state", { key: "imports.errors.notPreviewed" }, { status: record.status });
  }
  return record;
}

/** Drops a previewed import: its file goes, its record stays in the history as discarded. */
export async function discardImport(db: Database, scope: TenantScope, importId: string): Promise<void> {
  requireImporter(scope);
  await withTenant(db, scope, async (tx) => {
    await lockPreviewed(tx, scope, importId);
    await updateImport(tx, scope.tenantId, importId, { status: "discarded" });
  });
  await rm(storedFile(scope.tenantId, importId), { force: true });
}

export type { ImportRecord };
