import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { TenantScope } from "@db/scope";
import type { EdiSource, ImportSource } from "@db/schema";
import { loadEdiLookups } from "~/models/import-lookups.server";
import { type ChangeCounts, findEarlierEdiImport } from "~/models/imports.server";
import { AppError } from "~/utils/app-error";
import { type CheckedRows, checkRows, type ImportTx } from "../check-rows.server";
import type { SourceRow } from "../read/index.server";
import type { RowProblem, TableKind } from "../rows";
import { build997, controlNumberOf } from "./ack997";
import { readInventoryAdvice } from "./inventory-advice";
import { matchAdvice } from "./match";
import { readX12, X12Error, type X12Group, type X12Interchange, type X12TransactionSet } from "./x12";

/**
 * An EDI import's check: the interchange read, each 852/846 set turned into rows of stock,
 * consumption and receipts, their items and sites matched, and both kinds checked and staged in the same
 * transaction by the pipeline's own rules (`checkRows`), counted together. Every refused row is
 * named by its segment's position in its set and the segment it is about (LIN, N1, ZA02…).
 */

export interface CheckedSet {
  interchange: X12Interchange;
  group: X12Group;
  set: X12TransactionSet;
  problems: RowProblem[];
}

export interface CheckedInterchange {
  kinds: TableKind[];
  source: ImportSource;
  rowsTotal: number;
  counts: ChangeCounts;
  problems: CheckedRows["problems"];
  errorRows: number;
  sets: CheckedSet[];
}

export const EDI_KINDS = ["stock", "consumption", "receipts"] as const satisfies readonly TableKind[];

/** The canonical columns of a fact row as an interchange names them. */
const EDI_COLUMNS: Record<string, string> = { sku: "LIN", site: "N1", day: "DTM", on_hand: "QTY", qty: "QTY" };

/** A refused row's column as the user reads it: the segment (and element), with its set's ST02 when there are several. */
export function columnNameOf(column: string | null, setControl: string | null): string | null {
  const name = column ? (EDI_COLUMNS[column] ?? column) : null;
  if (setControl === null) return name;
  return name ? `${name} (ST ${setControl})` : `ST ${setControl}`;
}

export function readInterchanges(text: string): X12Interchange[] {
  try {
    return readX12(text);
  } catch (error) {
    if (error instanceof X12Error) {
      throw AppError.invalid({
        fieldErrors: { file: [{ key: "imports.edi.malformed", params: { segment: error.segment, detail: error.message } }] },
      });
    }
    throw error;
  }
}

export async function checkInterchange(
  tx: ImportTx,
  scope: TenantScope,
  importId: string,
  file: string,
): Promise<CheckedInterchange> {
  const bytes = await readFile(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const interchanges = readInterchanges(new TextDecoder("utf-8").decode(bytes));
  const lookups = await loadEdiLookups(tx, scope.tenantId);
  const sets: CheckedSet[] = [];
  const rows: Record<(typeof EDI_KINDS)[number], SourceRow[]> = { stock: [], consumption: [], receipts: [] };
  /** Each staged row's number → its segment and set: a staged row needs a number of its own. */
  const origins: { segment: number; set: CheckedSet }[] = [];
  const notes: Record<string, number> = {};
  const edi: EdiSource = { sha256, controls: [], sets: [], notes };
  let rowsTotal = 0;
  let errorRows = 0;
  for (const interchange of interchanges) {
    for (const group of interchange.groups) {
      for (const set of group.transactionSets) {
        const checked: CheckedSet = { interchange, group, set, problems: [] };
        sets.push(checked);
        edi.controls.push(`${interchange.sender}/${interchange.control}/${group.control}/${set.control}`);
        edi.sets.push(set.id);
        const advice = readInventoryAdvice(set, group.version);
        for (const note of advice.notes) notes[note.activity] = (notes[note.activity] ?? 0) + 1;
        for (const p of advice.problems) {
          checked.problems.push({
            row: p.segment,
            column: p.element === null ? p.segmentId : `${p.segmentId}${String(p.element).padStart(2, "0")}`,
            value: p.value,
            message: p.message,
            params: p.params,
          });
        }
        const matched = matchAdvice(advice.rows, lookups);
        checked.problems.push(...matched.problems);
        rowsTotal += advice.rows.length;
        errorRows += advice.problems.length + matched.refused;
        for (const row of matched.matched) {
          origins.push({ segment: row.advice.segment, set: checked });
          rows[row.kind].push({ row: origins.length, values: row.values });
        }
      }
    }
  }
  const counts: ChangeCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const kind of EDI_KINDS) {
    const checked = await checkRows(tx, scope, kind, rows[kind], (c) => EDI_COLUMNS[c] ?? c);
    errorRows += checked.errorRows;
    for (const key of ["inserted", "updated", "unchanged"] as const) counts[key] += checked.counts[key];
    for (const p of checked.problems) {
      const origin = origins[p.row - 1];
      const params =
        p.params && "first" in p.params
          ? { row: origin.segment, first: origins[(p.params.first as number) - 1].segment }
          : p.params;
      origin.set.problems.push({ ...p, row: origin.segment, ...(params ? { params } : {}) });
    }
  }
  const previous = await findEarlierEdiImport(tx, scope.tenantId, importId, sha256, edi.controls);
  edi.previous = previous ? { importId: previous.importId, committedAt: previous.committedAt.toISOString() } : null;
  edi.ack997 = build997(sets, controlNumberOf(importId), new Date());
  // Rows are numbered within their transaction set (as the 997 counts them): in a file of several
  // sets, the column names the set too, or two sets' "row 7" could not be told apart.
  const setOf = (s: CheckedSet) => (sets.length > 1 ? s.set.control : null);
  const problems = sets.flatMap((s) => s.problems.map((p) => ({ ...p, columnName: columnNameOf(p.column, setOf(s)) })));
  return { kinds: [...EDI_KINDS], source: { format: "x12", ignored: [], edi }, rowsTotal, counts, problems, errorRows, sets };
}
