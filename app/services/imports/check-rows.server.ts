import type { withTenant } from "@db/scope";
import type { TenantScope } from "@db/scope";
import {
  type ChangeCounts,
  countStagedChanges,
  createStage,
  STAGE_BATCH,
  type StagedRow,
  stageRows,
  takeStagedDuplicates,
} from "~/models/imports.server";
import { loadLookups } from "~/models/import-lookups.server";
import type { SourceRow } from "./read/index.server";
import { checkNoticeReceipts } from "./receipts.server";
import { checkRow, type RowProblem, type TableKind } from "./rows";

/** Refused rows kept for the report; the count goes on past it. */
export const MAX_STORED_PROBLEMS = 100_000;

export type ProgressListener = (rowsDone: number) => void;
export type ImportTx = Parameters<Parameters<typeof withTenant>[2]>[0];

export interface CheckedRows {
  rowsTotal: number;
  counts: ChangeCounts;
  problems: (RowProblem & { columnName: string | null })[];
  errorRows: number;
}

/**
 * Checks and stages rows of a kind in `tx` (from a file, an interchange, or a batch of the API),
 * and counts what they would change; the good rows stay staged for `writeStaged`. `nameOf` names
 * a column as the caller's source does (the file's header, the API's field).
 */
export async function checkRows(
  tx: ImportTx,
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
  let receivedAlready = 0;
  if (kind === "receipts") {
    const notices = await checkNoticeReceipts(tx, scope);
    for (const found of notices.refused) refuse(found);
    receivedAlready = notices.unchanged;
  }
  problems.sort((x, y) => x.row - y.row);
  const counts = await countStagedChanges(tx, kind, scope.tenantId);
  return { rowsTotal, counts: { ...counts, unchanged: counts.unchanged + receivedAlready }, problems, errorRows };
}
