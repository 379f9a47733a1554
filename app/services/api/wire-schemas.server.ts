import { importKinds, importStatuses } from "@db/schema";
import { KIND_COLUMNS } from "~/services/imports/read/kinds";
import { AGREEMENTS_DEFAULT_LIMIT, AGREEMENTS_MAX_LIMIT } from "./agreements.server";
import { type BatchKind, fieldOf, MAX_BATCH_ROWS } from "./batches.server";
import { API_SCOPES } from "./key-rules";
import { urgencies } from "~/core/urgency";
import { z } from "./openapi-zod";

/**
 * The REST API's requests and answers as zod schemas: the OpenAPI document is generated from
 * them (openapi.server.ts), and the tests hold the endpoints' real answers and refusals against
 * them. A batch row's fields are derived from the import kinds' columns by the same `fieldOf` the
 * batch endpoint reads them with, so a column added to a kind shows up in both.
 */

/** The columns whose cells are numbers; every other cell is text (a number sent is read as its text). */
const NUMBER_COLUMNS = new Set([
  "unit_cost",
  "min",
  "max",
  "lead_time_days",
  "lead_time_sd_days",
  "moq",
  "pack_size",
  "review_period_days",
  "on_hand",
  "qty",
]);

/** A cell as the batch endpoints take it: text or a JSON number (a number is read as JSON writes it). */
function cellSchema(column: string) {
  const description = NUMBER_COLUMNS.has(column)
    ? 'A decimal number, as a JSON number or its text (`12.5`, `"12.5"`); no thousands separators or exponents.'
    : column === "day"
      ? "The day, as `YYYY-MM-DD`."
      : column === "reference"
        ? "A shipping notice's ASN number (ASN-YYYY-NNNNN): the row receives that notice's shipment of the SKU at the site."
        : "Text (a JSON number is read as its text).";
  return z.union([z.string(), z.number()]).meta({ description });
}

export const BATCH_KINDS = [
  "items",
  "suppliers",
  "sites",
  "agreements",
  "stock",
  "consumption",
  "receipts",
] as const satisfies readonly BatchKind[];

/**
 * A row of a batch of `kind`: the kind's columns in camelCase, its required columns required and
 * not null, the others optional (null or absent leaves a stored value as it is), nothing else.
 */
function rowSchemaOf(kind: BatchKind) {
  const shape = Object.fromEntries(
    KIND_COLUMNS[kind].map((column) => {
      const cell = cellSchema(column.name);
      return [fieldOf(column.name), column.required ? cell : cell.nullable().optional()];
    }),
  );
  return z.strictObject(shape);
}

/** Each batch kind's row (one instance each, so that the document refers to it by name). */
export const BATCH_ROW_SCHEMAS = Object.fromEntries(BATCH_KINDS.map((kind) => [kind, rowSchemaOf(kind)])) as Record<
  BatchKind,
  ReturnType<typeof rowSchemaOf>
>;

/** A batch: a JSON array of rows, at most MAX_BATCH_ROWS of them. */
export function batchSchema(kind: BatchKind) {
  return z.array(BATCH_ROW_SCHEMAS[kind]).max(MAX_BATCH_ROWS);
}

export const BatchCountsSchema = z
  .object({
    inserted: z.int().min(0),
    updated: z.int().min(0),
    unchanged: z.int().min(0),
  })
  .meta({ description: "What the batch did: rows inserted, updated, and already as sent." });

export const FieldErrorSchema = z.object({
  index: z.int().min(0).nullable().meta({ description: "The row's index in the batch; null for the request as a whole." }),
  field: z
    .string()
    .nullable()
    .meta({ description: "The field in camelCase (a form field or query parameter); null for the whole row." }),
  message: z.string(),
});

/** RFC 9457 problem details, as every refusal of the API answers (`application/problem+json`). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string().optional().meta({ description: "The status's name; the front door's 413 and 415 leave it out." }),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional().meta({ description: "`urn:request:<id>`: the request's id in the server's log." }),
    code: z.string().optional(),
    missingScope: z.enum(API_SCOPES).optional().meta({ description: "On a 403: the scope the key lacks." }),
    errors: z.array(FieldErrorSchema).optional().meta({ description: "Each refused row or field." }),
  })
  .loose();

const day = z.string().meta({ description: "YYYY-MM-DD" });

export const AgreementSchema = z.object({
  id: z.uuid(),
  supplier: z.string().meta({ description: "The supplier's code." }),
  sku: z.string(),
  site: z.string().meta({ description: "The site's code." }),
  min: z.number(),
  max: z.number(),
  leadTimeDays: z.number(),
  leadTimeSdDays: z.number(),
  moq: z.number(),
  packSize: z.number(),
  reviewPeriodDays: z.number(),
  onHand: z.number().nullable().meta({
    description: "The stock position: the last stock count, plus what was received and less what was consumed since.",
  }),
  onHandAsOf: day.nullable().meta({
    description:
      "The day the stock figure is known to (YYYY-MM-DD): the last stock count's, or the last day of consumption recorded since.",
  }),
  inTransit: z.number(),
  abc: z.string().nullable(),
  xyz: z.string().nullable(),
  safetyStock: z.number().nullable(),
  recommendedMin: z.number().nullable(),
  recommendedMax: z.number().nullable(),
  daysOfCover: z.number().nullable(),
  projectedStockout: day
    .nullable()
    .meta({ description: "The first day the projection runs out within the company's horizon, or null." }),
  urgency: z.enum(urgencies).nullable().meta({
    description:
      "act_now: out before a shipment sent today could arrive; plan_needed: out or below min within lead time + review period with nothing coming to cover it; covered: what is coming covers it; ok. Null without stock data.",
  }),
});

export const AgreementPageSchema = z.object({
  data: z.array(AgreementSchema),
  nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
});

export const AgreementListQuerySchema = z.object({
  sku: z.string().optional().meta({ description: "Only agreements of this SKU." }),
  site: z.string().optional().meta({ description: "Only agreements at this site (its code)." }),
  supplier: z.string().optional().meta({ description: "Only agreements of this supplier (its code)." }),
  cursor: z.string().optional().meta({ description: "The `nextCursor` of the previous page, as it was given." }),
  limit: z
    .int()
    .min(1)
    .max(AGREEMENTS_MAX_LIMIT)
    .optional()
    .meta({ description: `Agreements a page (${AGREEMENTS_DEFAULT_LIMIT} by default).` }),
});

export const ImportSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(importStatuses),
  counts: z.object({ inserted: z.int(), updated: z.int(), unchanged: z.int(), error: z.int() }),
  errors: z
    .array(
      z.object({
        row: z.int().meta({ description: "The row's number in the file." }),
        column: z.string().nullable(),
        value: z.string().nullable(),
        message: z.string(),
      }),
    )
    .meta({ description: "The first refused rows (the portal's error report has every one)." }),
  failure: z.string().optional(),
  ignored: z.array(z.string()).meta({ description: "The file's columns that were not read, as its header names them." }),
  notes: z.record(z.string(), z.int()).optional().meta({
    description:
      "For an EDI interchange: the activities read but not imported (ZA QP, QO…; an 846's other QTY codes) and how many.",
  }),
  ack997: z
    .string()
    .optional()
    .meta({ description: "For an EDI interchange: the X12 997 functional acknowledgment of its groups." }),
  progress: z
    .object({ phase: z.enum(["checking", "committing"]), rowsDone: z.int().min(0) })
    .optional()
    .meta({ description: "While the import runs in the background: its phase and the rows read so far." }),
});

/** The 422 of an import with refused rows: problem details with the import's members. */
export const ImportProblemSchema = ProblemSchema.extend({
  id: z.uuid(),
  kind: z.string(),
  importStatus: z.enum(importStatuses),
  counts: ImportSchema.shape.counts,
  errors: ImportSchema.shape.errors,
});

export const ImportFormSchema = z.object({
  kind: z.enum(importKinds).optional().meta({
    description:
      "What the file holds (`edi`: an X12 852 or 846 interchange); may be left out when its headers or its ISA segment tell it.",
  }),
  file: z.string().meta({ description: "A CSV, XLSX or X12 file.", format: "binary" }),
});

export const ImportQuerySchema = z.object({
  dryRun: z.enum(["true", "false"]).optional().meta({ description: "`true`: check and preview only (200), nothing written." }),
});
