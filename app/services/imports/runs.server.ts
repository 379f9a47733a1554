import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { failRunningImports } from "~/models/imports.server";
import { listTenantsAsOwner } from "~/models/metrics.server";
import { AppError } from "~/utils/app-error";
import { getLogger } from "~/utils/logger.server";
import { beginCommit, checkImport, type CommitOutcome, writeImport } from "./pipeline.server";

/**
 * Imports run in the background of the server that took them: a large file is read, checked and
 * written while its page shows how far it has got, and leaving the page changes nothing. A request
 * waits a moment for the work to finish (a small file's preview is there at once), then answers.
 *
 * Progress (rows read so far) is kept in this process's memory: the import's one transaction
 * holds the embedded database, so it cannot be written there meanwhile. Should the process stop
 * during an import, its transaction never commits, so nothing of it was written: the next start
 * marks it failed, "interrupted, nothing was written" (`failInterruptedImports`).
 */

export interface ImportProgress {
  phase: "checking" | "committing";
  rowsDone: number;
}

const running = new Map<string, ImportProgress>();

/** How far a running import of this process has got; null when none runs here. */
export function progressOf(importId: string): ImportProgress | null {
  return running.get(importId) ?? null;
}

/** How long a request waits for the work before it answers with the page that follows it. */
export const ANSWER_WITHIN_MS = 2_000;

/** Resolves when `work` settles or after `ms`, whichever comes first: true when the work is done. */
export async function settledWithin(work: Promise<unknown>, ms = ANSWER_WITHIN_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
  ]);
  clearTimeout(timer);
  return done;
}

function run<T>(importId: string, phase: ImportProgress["phase"], work: (progress: ImportProgress) => Promise<T>): Promise<T> {
  const progress: ImportProgress = { phase, rowsDone: 0 };
  running.set(importId, progress);
  const done = work(progress).finally(() => running.delete(importId));
  // The page shows the outcome (the import's status and reason); only what nobody expected is logged.
  done.catch((error: unknown) => {
    if (!(error instanceof AppError)) getLogger().error({ importId, err: error }, "import failed");
  });
  return done;
}

/** Checks an accepted upload in the background; the promise settles when the preview is stored. */
export function checkInBackground(db: Database, scope: TenantScope, importId: string): Promise<void> {
  return run(importId, "checking", (progress) => checkImport(db, scope, importId, (rows) => (progress.rowsDone = rows)));
}

/**
 * Confirms a previewed import (refused at once, with its reason, when it cannot be) and writes it
 * in the background; the second promise settles with the outcome.
 */
export async function commitInBackground(
  db: Database,
  scope: TenantScope,
  importId: string,
): Promise<{ written: Promise<CommitOutcome> }> {
  await beginCommit(db, scope, importId);
  const written = run(importId, "committing", (progress) =>
    writeImport(db, scope, importId, { onProgress: (rows) => (progress.rowsDone = rows) }),
  );
  return { written };
}

/**
 * At start-up, before any import can run in this process: imports left checking or committing by
 * a process that stopped were never written (their transaction did not commit). They are marked
 * failed, and say why. Returns how many.
 */
export async function failInterruptedImports(db: Database): Promise<number> {
  let failed = 0;
  for (const tenant of await listTenantsAsOwner(db)) {
    const scope: TenantScope = { tenantId: tenant.id, supplierId: null, userId: null };
    failed += await withTenant(db, scope, (tx) => failRunningImports(tx, tenant.id, "imports.failure.interrupted"));
  }
  return failed;
}
