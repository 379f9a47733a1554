import { applyRows } from "~/services/imports/batch.server";
import { KIND_COLUMNS } from "~/services/imports/read/kinds";
import type { SourceRow } from "~/services/imports/read/source";
import type { TableKind } from "~/services/imports/rows";
import { type ApiAnswer, type ApiContext, type ApiFieldError, ApiProblem } from "./http.server";

/**
 * The API's batches: a JSON array of rows of one kind, each row an object of the kind's file
 * columns in camelCase, checked and written by the import pipeline's `applyRows` — every row or
 * none. Natural keys decide between insert and update (an item's SKU, a supplier's or site's code,
 * an agreement's supplier, SKU and site, a fact's SKU, site and day).
 */

/** The most rows one batch may hold. */
export const MAX_BATCH_ROWS = 50_000;
/** Malformed fields named in one 400; the count in its detail goes on. */
const MAX_NAMED_FIELDS = 100;

/** The kinds a batch writes: every kind the pipeline writes. */
export type BatchKind = TableKind;

/** A file column's JSON field: `unit_cost` → `unitCost`. */
export function fieldOf(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The batch as the pipeline's rows: each value as text by canonical column (a number as JSON
 * writes it; null or absent: not given), `row` the index in the array.
 *
 * @throws ApiProblem 400 for a body that is not an array of objects, more than MAX_BATCH_ROWS
 *   rows, unknown fields or values that are neither text nor numbers (each named by index and field)
 */
export function batchRowsOf(kind: BatchKind, body: unknown): SourceRow[] {
  if (!Array.isArray(body)) throw new ApiProblem(400, "The body must be a JSON array of rows.");
  if (body.length > MAX_BATCH_ROWS) {
    throw new ApiProblem(
      400,
      `A batch holds at most ${MAX_BATCH_ROWS.toLocaleString("en")} rows; this one has ${body.length.toLocaleString("en")}.`,
    );
  }
  const columnOf = new Map(KIND_COLUMNS[kind].map((c) => [fieldOf(c.name), c.name]));
  const malformed: ApiFieldError[] = [];
  let malformedCount = 0;
  const refuse = (error: ApiFieldError) => {
    malformedCount += 1;
    if (malformed.length < MAX_NAMED_FIELDS) malformed.push(error);
  };
  const rows = body.map((row: unknown, index): SourceRow => {
    const values: Record<string, string> = {};
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      refuse({ index, field: null, message: "A row must be a JSON object." });
      return { row: index, values };
    }
    for (const [field, value] of Object.entries(row)) {
      const column = columnOf.get(field);
      if (column === undefined) refuse({ index, field, message: `Unknown field ${field}.` });
      else if (typeof value === "string") values[column] = value;
      else if (typeof value === "number" && Number.isFinite(value)) values[column] = String(value);
      else if (value !== null) refuse({ index, field, message: "A value must be text, a number or null." });
    }
    return { row: index, values };
  });
  if (malformedCount > 0) {
    const unknown = [...new Set(malformed.filter((e) => e.message.startsWith("Unknown")).map((e) => e.field))];
    const detail =
      unknown.length > 0
        ? `Unknown fields: ${unknown.join(", ")}. A ${kind} row has ${[...columnOf.keys()].join(", ")}.`
        : `${malformedCount} fields could not be read.`;
    throw new ApiProblem(400, detail, { errors: malformed });
  }
  return rows;
}

/**
 * Writes a batch: 200 with what it inserted, updated and left unchanged, or 422 naming every
 * refused row's index and field with nothing written.
 */
export async function applyBatch(context: ApiContext, kind: BatchKind, body: unknown): Promise<ApiAnswer> {
  const rows = batchRowsOf(kind, body);
  const result = await applyRows(context.db, context.caller.scope, kind, rows, { source: "api" });
  if (!result.written && result.problems.length > 0) {
    const errors: ApiFieldError[] = result.problems.map((p) => ({
      index: p.row,
      field: p.column ? fieldOf(p.column) : null,
      message: context.t(p.message, p.params ?? {}),
    }));
    const refusedRows = new Set(errors.map((e) => e.index)).size;
    const refused = `${refusedRows} of ${rows.length} ${rows.length === 1 ? "row was" : "rows were"} refused`;
    throw new ApiProblem(422, `${refused}; nothing was written.`, { errors });
  }
  return { status: 200, body: result.counts };
}
