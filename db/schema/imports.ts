import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, tenantId } from "./columns";
import { buyerSide, tenantMatches } from "./policies";
import { tenants } from "./tenants";
import { users } from "./users";

/** `edi`: an X12 interchange (852/846), which brings stock and consumption at once. */
export const importKinds = ["items", "suppliers", "sites", "agreements", "stock", "consumption", "receipts", "edi"] as const;
/**
 * checking: accepted, its rows being read and checked (no record written);
 * previewed: read and checked, nothing written, waiting for the user's confirmation;
 * committing: being written (one transaction); committed: written; failed: nothing was written
 * (refused at commit, or interrupted); discarded: the user dropped the preview.
 */
export const importStatuses = ["checking", "previewed", "committing", "committed", "failed", "discarded"] as const;

/**
 * One file (or batch) taken in: what it was, who brought it, what it would change (the preview's
 * counts) and what it changed. The history page lists these; the file itself waits on disk
 * between preview and commit (docs/decisions/026). Only the buyer's side sees imports.
 */
export const imports = pgTable(
  "imports",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    id: id(),
    kind: text({ enum: importKinds }).notNull(),
    fileName: text().notNull(),
    /** csv | xlsx, and what was detected: encoding, delimiter or sheet, ignored columns. */
    source: jsonb().$type<ImportSource>().notNull(),
    /** SHA-256 of the bytes: the same file again is recognisably the same. */
    contentSha256: text().notNull(),
    sizeBytes: integer().notNull(),
    status: text({ enum: importStatuses }).notNull().default("previewed"),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    committedAt: timestamp({ withTimezone: true }),
    rowsTotal: integer().notNull().default(0),
    toInsert: integer().notNull().default(0),
    toUpdate: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    errorRows: integer().notNull().default(0),
    /** Why a commit failed, as an i18n key (nothing was written). */
    failure: text(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("imports_tenant_created_idx").on(t.tenantId, t.createdAt),
    check(
      "imports_counts_check",
      sql`${t.rowsTotal} >= 0 and ${t.toInsert} >= 0 and ${t.toUpdate} >= 0 and ${t.unchanged} >= 0 and ${t.errorRows} >= 0`,
    ),
    pgPolicy("imports_buyer_side", {
      as: "permissive",
      for: "all",
      using: sql`${tenantMatches} and ${buyerSide}`,
      withCheck: sql`${tenantMatches} and ${buyerSide}`,
    }),
  ],
).enableRLS();

/** Every refused row of an import: its row as the spreadsheet shows it, its column as the file names it. */
export const importErrors = pgTable(
  "import_errors",
  {
    tenantId: tenantId(),
    importId: uuid().notNull(),
    seq: integer().notNull(),
    row: integer().notNull(),
    column: text(),
    value: text(),
    /** An i18n key of `imports.errors` and its parameters: shown in the reader's language. */
    message: text().notNull(),
    params: jsonb().$type<Record<string, string | number>>(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.importId, t.seq] }),
    foreignKey({
      name: "import_errors_import_fk",
      columns: [t.tenantId, t.importId],
      foreignColumns: [imports.tenantId, imports.id],
    }).onDelete("cascade"),
    pgPolicy("import_errors_buyer_side", {
      as: "permissive",
      for: "all",
      using: sql`${tenantMatches} and ${buyerSide}`,
      withCheck: sql`${tenantMatches} and ${buyerSide}`,
    }),
  ],
).enableRLS();

export interface ImportSource {
  format: "csv" | "xlsx" | "x12";
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  /** The header's row, when rows above it (an ERP's title, company, date range) were skipped. */
  headerRow?: number;
  /** Headers of the file that match no column of the kind. */
  ignored: string[];
  /** An X12 interchange's envelopes and what the preview found about them. */
  edi?: EdiSource;
}

export interface EdiSource {
  /** SHA-256 of the interchange's bytes. */
  sha256: string;
  /** One per transaction set: `<ISA06 sender>/<ISA13>/<GS06>/<ST02>`, to recognise it again. */
  controls: string[];
  /** ST01 of each set: 852, 846. */
  sets: string[];
  /** Quantities read but not imported, by activity code (QR received, QP on order…). */
  notes: Record<string, number>;
  /** The committed import that already brought the same interchange (same bytes or control numbers). */
  previous?: { importId: string; committedAt: string } | null;
  /** The 997 functional acknowledgment of the interchange, as X12 text. */
  ack997?: string;
}
