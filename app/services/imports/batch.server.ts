import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import type { ChangeCounts } from "~/models/imports.server";
import { type CheckedRows, checkRows, recomputeAfterImport, requireImporter, requireKind, writeChecked } from "./pipeline.server";
import type { SourceRow } from "./read/index.server";
import type { TableKind } from "./rows";

export const BATCH_AUDIT = "import.batch";

/**
 * A batch of rows of a kind (the API's JSON, each row's values as text by canonical column,
 * `row` its index), written at once: checked and counted like a file, and written in the same
 * transaction only if every row is good. Refused rows come back with nothing written; a dry run
 * writes nothing either. One audit row per written batch; the planning figures are recomputed.
 */
export async function applyRows(
  db: Database,
  scope: TenantScope,
  kind: TableKind,
  rows: readonly SourceRow[],
  options: { dryRun?: boolean; source?: string; recompute?: boolean } = {},
): Promise<{ counts: ChangeCounts; problems: CheckedRows["problems"]; written: boolean }> {
  requireImporter(scope);
  requireKind(scope, kind);
  const result = await withTenant(db, scope, async (tx) => {
    const checked = await checkRows(tx, scope, kind, rows, (column) => column);
    if (checked.errorRows > 0 || options.dryRun) {
      return { counts: checked.counts, problems: checked.problems, written: false, touched: [] as string[] };
    }
    const touched = await writeChecked(tx, scope, kind, { kinds: [kind], counts: checked.counts });
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: BATCH_AUDIT,
      entityType: "import",
      entityId: null,
      after: { kind, source: options.source ?? "api", rows: checked.rowsTotal, ...checked.counts },
    });
    return { counts: checked.counts, problems: [], written: true, touched };
  });
  if (result.written && (options.recompute ?? true)) await recomputeAfterImport(db, scope, { kind, ...result });
  return { counts: result.counts, problems: result.problems, written: result.written };
}
