import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { withTenant } from "@db/scope";
import { getImport, type ImportRecord, listImportErrors } from "~/models/imports.server";
import { acceptUpload, commitImport, previewImport } from "~/services/imports/pipeline.server";
import { checkInBackground, commitInBackground, progressOf } from "~/services/imports/runs.server";
import { getLogger } from "~/utils/logger.server";
import { type ImportKind, isImportKind } from "~/services/imports/read/kinds";
import { receiveImportUpload } from "~/services/imports/upload.server";
import { getEnv } from "~/utils/env.server";
import { isUuid } from "~/utils/ids";
import { type ApiAnswer, type ApiContext, ApiProblem } from "./http.server";

/**
 * Imports through the API: the same pipeline as the upload page (stream to disk, check every
 * row, write all or nothing), run to its end within the request. A dry run stops at the preview.
 */

/** Refused rows an import's answer names; the portal's report has every one. */
export const API_IMPORT_ERRORS = 200;

export interface ApiImport {
  id: string;
  kind: string;
  status: ImportRecord["status"];
  counts: { inserted: number; updated: number; unchanged: number; error: number };
  errors: { row: number; column: string | null; value: string | null; message: string }[];
  failure?: string;
  /** The file's columns that were not read, as its header names them. */
  ignored: string[];
  /** An EDI import's activities read but not imported (QP, QO…, an 846's other QTY codes), with their counts. */
  notes?: Record<string, number>;
  /** An EDI import's 997 functional acknowledgment, as X12 text. */
  ack997?: string;
  /** While it runs in the background of this server: its phase and the rows read so far. */
  progress?: { phase: "checking" | "committing"; rowsDone: number };
}

/** RFC 7240's `Prefer: respond-async`: answer 202 at once and let the caller follow the import. */
function prefersAsync(request: Request): boolean {
  const prefer = request.headers.get("Prefer") ?? "";
  return prefer
    .split(",")
    .map((p) => p.trim().toLowerCase())
    .some((p) => p === "respond-async" || p.startsWith("respond-async;"));
}

/**
 * `POST /api/v1/imports` (multipart: `kind`, optional when the headers tell it, and `file`;
 * `?dryRun=true`): 201 with the committed import, 200 with a dry run's preview, 422 (problem
 * details with the same members) when rows are refused — nothing written, the import left
 * previewed with its errors.
 */
export async function importForApi(context: ApiContext): Promise<ApiAnswer> {
  const dryRun = dryRunOf(context.url.searchParams.get("dryRun"));
  const upload = await receiveImportUpload(context.request, {
    directory: path.resolve(getEnv().DATA_DIR, "imports", "incoming"),
  });
  const file = upload.file;
  try {
    const kindField = (upload.fields.kind ?? "").trim();
    // `edi`: an X12 interchange (852, 846), also recognised without a kind by its ISA segment.
    if (kindField !== "" && kindField !== "edi" && !isImportKind(kindField)) {
      throw new ApiProblem(400, `Unknown kind ${kindField}.`, {
        errors: [{ index: null, field: "kind", message: `Unknown kind ${kindField}.` }],
      });
    }
    if (!file || file.size === 0) {
      throw new ApiProblem(400, "The form has no file.", {
        errors: [{ index: null, field: "file", message: "The form has no file." }],
      });
    }
    const kind = kindField === "" ? undefined : (kindField as ImportKind | "edi");
    const background = prefersAsync(context.request);
    const fingerprint = `${kindField}\n${file.fileName}\n${background}\n${await sha256Of(file.path)}`;
    const answer = await context.once(fingerprint, () =>
      (background ? startImport : runImport)(context, { path: file.path, fileName: file.fileName }, kind, dryRun),
    );
    return answer;
  } finally {
    // The pipeline moved the file if it took it; otherwise (a refusal, a replay) it goes here.
    if (file) await rm(file.path, { force: true });
  }
}

async function runImport(
  context: ApiContext,
  file: { path: string; fileName: string },
  kind: ImportKind | "edi" | undefined,
  dryRun: boolean,
): Promise<ApiAnswer> {
  const { db, caller } = context;
  const importId = await previewImport(db, caller.scope, file, kind);
  const previewed = await loadImport(context, importId);
  if (previewed === null) throw new Error(`import ${importId} vanished`);
  if (previewed.counts.error > 0) {
    const refused = previewed.counts.error === 1 ? "1 row was refused" : `${previewed.counts.error} rows were refused`;
    throw new ApiProblem(422, `${refused}; nothing was written.`, {
      ...previewed,
      importStatus: previewed.status,
      status: 422,
    });
  }
  if (dryRun) return { status: 200, body: previewed };
  await commitImport(db, caller.scope, importId);
  return { status: 201, body: await loadImport(context, importId) };
}

/**
 * `Prefer: respond-async`: the upload is accepted, checked and (unless a dry run, and only if no
 * row is refused) committed in the background of this server; 202 at once with the import and
 * its Location, which `GET /api/v1/imports/{id}` follows to `previewed`, `committed` or `failed`.
 * A large file cannot then outlast the caller's or a proxy's time-out.
 */
async function startImport(
  context: ApiContext,
  file: { path: string; fileName: string },
  kind: ImportKind | "edi" | undefined,
  dryRun: boolean,
): Promise<ApiAnswer> {
  const { db, caller } = context;
  const importId = await acceptUpload(db, caller.scope, file, kind);
  const checked = checkInBackground(db, caller.scope, importId);
  void checked
    .then(async () => {
      if (dryRun) return;
      const previewed = await loadImport(context, importId);
      if (previewed?.status !== "previewed" || previewed.counts.error > 0) return;
      const { written } = await commitInBackground(db, caller.scope, importId);
      await written;
    })
    .catch((error: unknown) => getLogger().warn({ importId, err: error }, "a background API import stopped"));
  const accepted = await loadImport(context, importId);
  return {
    status: 202,
    body: accepted,
    headers: { Location: `/api/v1/imports/${importId}`, "Preference-Applied": "respond-async" },
  };
}

/** `GET /api/v1/imports/{id}`: the import's state, counts and first refused rows. */
export async function getImportForApi(context: ApiContext, importId: string | undefined): Promise<ApiAnswer> {
  const found = importId && isUuid(importId) ? await loadImport(context, importId) : null;
  if (!found) throw new ApiProblem(404, "No such import.");
  return { status: 200, body: found };
}

async function loadImport(context: ApiContext, importId: string): Promise<ApiImport | null> {
  const { caller, t } = context;
  return withTenant(context.db, caller.scope, async (tx) => {
    const record = await getImport(tx, caller.tenantId, importId);
    if (!record) return null;
    const errors = await listImportErrors(tx, caller.tenantId, importId, API_IMPORT_ERRORS);
    return {
      id: record.id,
      kind: record.kind,
      status: record.status,
      counts: { inserted: record.toInsert, updated: record.toUpdate, unchanged: record.unchanged, error: record.errorRows },
      errors: errors.map((e) => ({ row: e.row, column: e.column, value: e.value, message: t(e.message, e.params ?? {}) })),
      ...(record.failure ? { failure: t(record.failure) } : {}),
      ignored: record.source.ignored ?? [],
      ...(record.source.edi ? { notes: record.source.edi.notes } : {}),
      ...(record.source.edi?.ack997 ? { ack997: record.source.edi.ack997 } : {}),
      ...progressField(importId),
    };
  });
}

function dryRunOf(value: string | null): boolean {
  if (value === null || value === "false") return false;
  if (value === "true") return true;
  throw new ApiProblem(400, "dryRun must be true or false.");
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function progressField(importId: string): Pick<ApiImport, "progress"> {
  const progress = progressOf(importId);
  return progress ? { progress: { phase: progress.phase, rowsDone: progress.rowsDone } } : {};
}
