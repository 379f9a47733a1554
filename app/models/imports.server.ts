import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { importErrors, imports, type ImportSource, users } from "@db/schema";
import { rowsOf } from "@db/rows";
import type { RowProblem, RowsByKind, TableKind } from "./import-rows.server";

/**
 * The SQL of imports. Checked rows go into a temporary staging table (dropped at the end of the
 * transaction) in batches of JSON; one set-based statement then counts what they would insert,
 * update or leave unchanged, and, at commit, one statement per kind writes them. Every statement
 * names the tenant; row-level security applies to every write.
 */

/** Rows a statement stages at once: one JSON parameter of a few MB. */
export const STAGE_BATCH = 5_000;

/**
 * The latest committed EDI import of the company, other than `importId`, with the same bytes or
 * any of the same transaction sets (by sender and control numbers); null when there is none.
 */
export async function findEarlierEdiImport(
  tx: Tx,
  tenantId: string,
  importId: string,
  sha256: string,
  controls: readonly string[],
): Promise<{ importId: string; committedAt: Date } | null> {
  const sameSet = controls.map((c) => sql`${imports.source}->'edi'->'controls' @> ${JSON.stringify([c])}::jsonb`);
  const [row] = await tx
    .select({ importId: imports.id, committedAt: imports.committedAt })
    .from(imports)
    .where(
      and(
        eq(imports.tenantId, tenantId),
        eq(imports.kind, "edi"),
        eq(imports.status, "committed"),
        sql`${imports.id} <> ${importId}::uuid`,
        sql`(${imports.contentSha256} = ${sha256}${sameSet.length ? sql` or ${sql.join(sameSet, sql` or `)}` : sql``})`,
      ),
    )
    .orderBy(desc(imports.committedAt))
    .limit(1);
  return row?.committedAt ? { importId: row.importId, committedAt: row.committedAt } : null;
}

/** The staging table of each kind: its columns (in the JSON records) and their types. */
const STAGE_COLUMNS: Record<TableKind, string> = {
  items: "row integer, sku text, name text, uom text, unit_cost numeric, category text, gtin text, supplier_part_number text",
  suppliers: "row integer, code text, name text, contact_emails text[]",
  sites: "row integer, code text, name text, gln text",
  agreements:
    "row integer, supplier_id uuid, item_id uuid, location_id uuid, min_qty numeric, max_qty numeric, lead_time_days numeric, lead_time_sd_days numeric, moq numeric, pack_size numeric, review_period_days integer",
  stock: "row integer, item_id uuid, location_id uuid, day date, qty numeric, supplier_id uuid",
  consumption: "row integer, item_id uuid, location_id uuid, day date, qty numeric, supplier_id uuid",
  receipts:
    "row integer, item_id uuid, location_id uuid, day date, qty numeric, supplier_id uuid, reference text, shipment_id uuid",
};

const stageTable = (kind: TableKind) => sql.raw(`import_stage_${kind}`);

function recordOf<K extends TableKind>(kind: K, row: RowsByKind[K]): Record<string, unknown> {
  switch (kind) {
    case "items": {
      const r = row as RowsByKind["items"];
      return {
        sku: r.sku,
        name: r.name,
        uom: r.uom,
        unit_cost: r.unitCost,
        category: r.category,
        gtin: r.gtin,
        supplier_part_number: r.supplierPartNumber,
      };
    }
    case "suppliers": {
      const r = row as RowsByKind["suppliers"];
      return { code: r.code, name: r.name, contact_emails: r.contactEmails };
    }
    case "sites": {
      const r = row as RowsByKind["sites"];
      return { code: r.code, name: r.name, gln: r.gln };
    }
    case "agreements": {
      const r = row as RowsByKind["agreements"];
      return {
        supplier_id: r.supplierId,
        item_id: r.itemId,
        location_id: r.locationId,
        min_qty: r.terms.minQty,
        max_qty: r.terms.maxQty,
        lead_time_days: r.terms.leadTimeDays ?? null,
        lead_time_sd_days: r.terms.leadTimeSdDays ?? null,
        moq: r.terms.moq ?? null,
        pack_size: r.terms.packSize ?? null,
        review_period_days: r.terms.reviewPeriodDays ?? null,
      };
    }
    default: {
      const r = row as RowsByKind["stock"];
      const reference = kind === "receipts" ? { reference: (row as RowsByKind["receipts"]).reference } : {};
      return { item_id: r.itemId, location_id: r.locationId, day: r.day, qty: r.qty, supplier_id: r.supplierId, ...reference };
    }
  }
}

export async function createStage(tx: Tx, kind: TableKind) {
  await tx.execute(
    sql`create temporary table if not exists ${stageTable(kind)} (${sql.raw(STAGE_COLUMNS[kind])}) on commit drop`,
  );
  await tx.execute(sql`truncate ${stageTable(kind)}`);
}

/** A checked row and its number in the file. */
export interface StagedRow<K extends TableKind> {
  row: number;
  value: RowsByKind[K];
}

export async function stageRows<K extends TableKind>(tx: Tx, kind: K, rows: readonly StagedRow<K>[]) {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => ({ row: r.row, ...recordOf(kind, r.value) })));
  await tx.execute(
    sql`insert into ${stageTable(kind)} select * from json_populate_recordset(null::${stageTable(kind)}, ${json}::json)`,
  );
}

/** The natural key of each kind's records: two staged rows with the same key are the same record. */
const NATURAL_KEY: Record<TableKind, string> = {
  items: "sku",
  suppliers: "code",
  sites: "code",
  agreements: "item_id, location_id",
  stock: "item_id, location_id, day",
  consumption: "item_id, location_id, day",
  // A receipt against a notice is one per shipment, whatever its day; one without, one a day.
  receipts: "item_id, location_id, coalesce('asn:' || reference, day::text)",
};

/**
 * Staged rows that repeat an earlier row's record, each with the row it repeats; they leave the
 * staging table, so that the counts are of distinct records. Found by the database, so that a
 * file of a million rows needs no index of its keys in memory.
 */
export async function takeStagedDuplicates(tx: Tx, kind: TableKind): Promise<{ row: number; first: number }[]> {
  const s = stageTable(kind);
  const key = sql.raw(NATURAL_KEY[kind]);
  const repeats = rowsOf<{ row: number; first: number }>(
    await tx.execute(sql`
      delete from ${s} d using (
        select row, first_value(row) over (partition by ${key} order by row) as first from ${s}
      ) k where d.row = k.row and k.row <> k.first
      returning d.row, k.first`),
  );
  return repeats.map((r) => ({ row: Number(r.row), first: Number(r.first) })).sort((a, b) => a.row - b.row);
}

export interface ChangeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * For each kind: the staged rows joined to the records they would change (by natural key), and
 * whether they change them. An empty staged cell keeps the record's value (see rows.ts).
 */
const COMPARE: Record<TableKind, { join: string; changed: string }> = {
  items: {
    join: "left join items t on t.tenant_id = $tenant and t.sku = s.sku",
    changed: `s.name is distinct from t.name or coalesce(s.uom, t.uom) is distinct from t.uom
      or coalesce(s.unit_cost, t.unit_cost) is distinct from t.unit_cost or coalesce(s.category, t.category) is distinct from t.category
      or coalesce(s.gtin, t.gtin) is distinct from t.gtin or coalesce(s.supplier_part_number, t.supplier_part_number) is distinct from t.supplier_part_number`,
  },
  suppliers: {
    join: "left join suppliers t on t.tenant_id = $tenant and t.code = s.code",
    changed: "s.name is distinct from t.name or coalesce(s.contact_emails, t.contact_emails) is distinct from t.contact_emails",
  },
  sites: {
    join: "left join locations t on t.tenant_id = $tenant and t.code = s.code",
    changed: "s.name is distinct from t.name or coalesce(s.gln, t.gln) is distinct from t.gln",
  },
  agreements: {
    join: "left join agreements t on t.tenant_id = $tenant and t.item_id = s.item_id and t.location_id = s.location_id",
    changed: `s.min_qty is distinct from t.min_qty or s.max_qty is distinct from t.max_qty
      or coalesce(s.lead_time_days, t.lead_time_days) is distinct from t.lead_time_days
      or coalesce(s.lead_time_sd_days, t.lead_time_sd_days) is distinct from t.lead_time_sd_days
      or coalesce(s.moq, t.moq) is distinct from t.moq or coalesce(s.pack_size, t.pack_size) is distinct from t.pack_size
      or coalesce(s.review_period_days, t.review_period_days) is distinct from t.review_period_days`,
  },
  stock: {
    join: "left join stock_snapshots t on t.tenant_id = $tenant and t.item_id = s.item_id and t.location_id = s.location_id and t.day = s.day",
    changed: "s.qty is distinct from t.on_hand",
  },
  consumption: {
    join: "left join consumption t on t.tenant_id = $tenant and t.item_id = s.item_id and t.location_id = s.location_id and t.day = s.day",
    changed: "s.qty is distinct from t.qty",
  },
  // A receipt against a notice still in transit is new (one already received the same way has
  // left the stage as unchanged: checkStagedReceipts).
  receipts: {
    join: "left join receipts t on s.reference is null and t.tenant_id = $tenant and t.item_id = s.item_id and t.location_id = s.location_id and t.day = s.day",
    changed: "s.qty is distinct from t.qty",
  },
};

/** Replaces `$tenant` in a fragment of this module's own SQL with the tenant parameter. */
function withTenantParam(text: string, tenantId: string) {
  const parts = text.split("$tenant");
  return sql.join(
    parts.map((part, i) => (i === 0 ? sql.raw(part) : sql`${tenantId}::uuid${sql.raw(part)}`)),
    sql``,
  );
}

export async function countStagedChanges(tx: Tx, kind: TableKind, tenantId: string): Promise<ChangeCounts> {
  const compare = COMPARE[kind];
  const [row] = rowsOf<{ inserted: number; updated: number; unchanged: number }>(
    await tx.execute(sql`
      select count(*) filter (where t.tenant_id is null)::int as inserted,
             count(*) filter (where t.tenant_id is not null and (${sql.raw(compare.changed)}))::int as updated,
             count(*) filter (where t.tenant_id is not null and not (${sql.raw(compare.changed)}))::int as unchanged
      from ${stageTable(kind)} s ${withTenantParam(compare.join, tenantId)}`),
  );
  return { inserted: Number(row.inserted), updated: Number(row.updated), unchanged: Number(row.unchanged) };
}

/**
 * Writes the staged rows: updates what changed (and nothing else, so that a replay writes
 * nothing), then inserts what is new. Returns the ids of the agreements whose facts or terms
 * changed, for the recompute that follows.
 */
export async function writeStaged(tx: Tx, kind: TableKind, tenantId: string): Promise<void> {
  const t = sql`${tenantId}::uuid`;
  const s = stageTable(kind);
  switch (kind) {
    case "items":
      await tx.execute(sql`
        update items t set name = s.name, uom = coalesce(s.uom, t.uom), unit_cost = coalesce(s.unit_cost, t.unit_cost),
          category = coalesce(s.category, t.category), gtin = coalesce(s.gtin, t.gtin),
          supplier_part_number = coalesce(s.supplier_part_number, t.supplier_part_number)
        from ${s} s where t.tenant_id = ${t} and t.sku = s.sku and (${sql.raw(COMPARE.items.changed)})`);
      await tx.execute(sql`
        insert into items (tenant_id, sku, name, uom, unit_cost, category, gtin, supplier_part_number)
        select ${t}, s.sku, s.name, coalesce(s.uom, 'EA'), coalesce(s.unit_cost, 0), s.category, s.gtin, s.supplier_part_number
        from ${s} s where not exists (select 1 from items t where t.tenant_id = ${t} and t.sku = s.sku)`);
      return;
    case "suppliers":
      await tx.execute(sql`
        update suppliers t set name = s.name, contact_emails = coalesce(s.contact_emails, t.contact_emails)
        from ${s} s where t.tenant_id = ${t} and t.code = s.code and (${sql.raw(COMPARE.suppliers.changed)})`);
      await tx.execute(sql`
        insert into suppliers (tenant_id, code, name, contact_emails)
        select ${t}, s.code, s.name, coalesce(s.contact_emails, '{}') from ${s} s
        where not exists (select 1 from suppliers t where t.tenant_id = ${t} and t.code = s.code)`);
      return;
    case "sites":
      await tx.execute(sql`
        update locations t set name = s.name, gln = coalesce(s.gln, t.gln)
        from ${s} s where t.tenant_id = ${t} and t.code = s.code and (${sql.raw(COMPARE.sites.changed)})`);
      await tx.execute(sql`
        insert into locations (tenant_id, code, name, gln)
        select ${t}, s.code, s.name, s.gln from ${s} s
        where not exists (select 1 from locations t where t.tenant_id = ${t} and t.code = s.code)`);
      return;
    case "agreements":
      await tx.execute(sql`
        update agreements t set min_qty = s.min_qty, max_qty = s.max_qty,
          lead_time_days = coalesce(s.lead_time_days, t.lead_time_days),
          lead_time_sd_days = coalesce(s.lead_time_sd_days, t.lead_time_sd_days),
          moq = coalesce(s.moq, t.moq), pack_size = coalesce(s.pack_size, t.pack_size),
          review_period_days = coalesce(s.review_period_days, t.review_period_days),
          version = t.version + 1
        from ${s} s where t.tenant_id = ${t} and t.item_id = s.item_id and t.location_id = s.location_id
          and (${sql.raw(COMPARE.agreements.changed)})`);
      await tx.execute(sql`
        insert into agreements (tenant_id, supplier_id, item_id, location_id, min_qty, max_qty, lead_time_days,
          lead_time_sd_days, moq, pack_size, review_period_days)
        select ${t}, s.supplier_id, s.item_id, s.location_id, s.min_qty, s.max_qty, coalesce(s.lead_time_days, 7),
          coalesce(s.lead_time_sd_days, 0), coalesce(s.moq, 0), coalesce(s.pack_size, 1), coalesce(s.review_period_days, 7)
        from ${s} s
        where not exists (select 1 from agreements t where t.tenant_id = ${t} and t.item_id = s.item_id and t.location_id = s.location_id)`);
      return;
    case "stock":
      await tx.execute(sql`
        insert into stock_snapshots (tenant_id, item_id, location_id, day, supplier_id, on_hand)
        select ${t}, s.item_id, s.location_id, s.day, s.supplier_id, s.qty from ${s} s
        on conflict (tenant_id, item_id, location_id, day) do update set on_hand = excluded.on_hand, loaded_at = now()
        where stock_snapshots.on_hand is distinct from excluded.on_hand`);
      return;
    case "consumption":
      await tx.execute(sql`
        insert into consumption (tenant_id, item_id, location_id, day, supplier_id, qty)
        select ${t}, s.item_id, s.location_id, s.day, s.supplier_id, s.qty from ${s} s
        on conflict (tenant_id, item_id, location_id, day) do update set qty = excluded.qty
        where consumption.qty is distinct from excluded.qty`);
      return;
    case "receipts":
      // Receipts against notices are the shipments' receipt service's to write.
      await tx.execute(sql`
        insert into receipts (tenant_id, item_id, location_id, day, supplier_id, qty)
        select ${t}, s.item_id, s.location_id, s.day, s.supplier_id, s.qty from ${s} s where s.reference is null
        on conflict (tenant_id, item_id, location_id, day) do update set qty = excluded.qty
        where receipts.qty is distinct from excluded.qty`);
      return;
  }
}

/** The kinds whose rows name agreements by their item and site (the staged item_id, location_id). */
const KEYED_BY_ITEM_SITE: readonly TableKind[] = ["agreements", "stock", "consumption", "receipts"];

/**
 * The agreements whose facts or terms the staged rows of these kinds touch, for the recompute of
 * their planning figures; read before the stage is dropped at the end of the transaction.
 */
export async function stagedAgreementIds(tx: Tx, kinds: readonly TableKind[], tenantId: string): Promise<string[]> {
  const keyed = kinds.filter((kind) => KEYED_BY_ITEM_SITE.includes(kind));
  if (keyed.length === 0) return [];
  const staged = sql.join(
    keyed.map((kind) => sql`select item_id, location_id from ${stageTable(kind)}`),
    sql` union `,
  );
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select distinct a.id from agreements a join (${staged}) s on s.item_id = a.item_id and s.location_id = a.location_id
      where a.tenant_id = ${tenantId}::uuid`),
  );
  return rows.map((r) => r.id);
}

export interface ImportRecord {
  id: string;
  kind: TableKind | "receipts" | "edi";
  fileName: string;
  source: ImportSource;
  contentSha256: string;
  sizeBytes: number;
  status: (typeof imports.$inferSelect)["status"];
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
  committedAt: Date | null;
  rowsTotal: number;
  toInsert: number;
  toUpdate: number;
  unchanged: number;
  errorRows: number;
  failure: string | null;
}

const importColumns = {
  id: imports.id,
  kind: imports.kind,
  fileName: imports.fileName,
  source: imports.source,
  contentSha256: imports.contentSha256,
  sizeBytes: imports.sizeBytes,
  status: imports.status,
  createdBy: imports.createdBy,
  createdByName: users.name,
  createdAt: imports.createdAt,
  committedAt: imports.committedAt,
  rowsTotal: imports.rowsTotal,
  toInsert: imports.toInsert,
  toUpdate: imports.toUpdate,
  unchanged: imports.unchanged,
  errorRows: imports.errorRows,
  failure: imports.failure,
};

export async function insertImport(tx: Tx, tenantId: string, values: Omit<typeof imports.$inferInsert, "tenantId">) {
  const [row] = await tx
    .insert(imports)
    .values({ ...values, tenantId })
    .returning({ id: imports.id });
  return row.id;
}

export async function getImport(tx: Tx, tenantId: string, importId: string, lock = false): Promise<ImportRecord | null> {
  const query = tx
    .select(importColumns)
    .from(imports)
    .leftJoin(users, eq(users.id, imports.createdBy))
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, importId)));
  const [row] = lock ? await query.for("update", { of: imports }) : await query;
  return (row as ImportRecord | undefined) ?? null;
}

export async function listImports(tx: Tx, tenantId: string, limit: number): Promise<ImportRecord[]> {
  return (await tx
    .select(importColumns)
    .from(imports)
    .leftJoin(users, eq(users.id, imports.createdBy))
    .where(eq(imports.tenantId, tenantId))
    .orderBy(desc(imports.createdAt))
    .limit(limit)) as ImportRecord[];
}

export async function updateImport(tx: Tx, tenantId: string, importId: string, values: Partial<typeof imports.$inferInsert>) {
  await tx
    .update(imports)
    .set(values)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, importId)));
}

/** Stores an import's refused rows (numbered in the order found), a batch at a time. */
export async function insertImportErrors(
  tx: Tx,
  tenantId: string,
  importId: string,
  problems: readonly (RowProblem & { seq: number; columnName: string | null })[],
) {
  for (let i = 0; i < problems.length; i += STAGE_BATCH) {
    const batch = problems.slice(i, i + STAGE_BATCH);
    await tx.insert(importErrors).values(
      batch.map((p) => ({
        tenantId,
        importId,
        seq: p.seq,
        row: p.row,
        column: p.columnName,
        value: p.value,
        message: p.message,
        params: p.params ?? null,
      })),
    );
  }
}

export interface ImportErrorRecord {
  row: number;
  column: string | null;
  value: string | null;
  message: string;
  params: Record<string, string | number> | null;
}

export async function listImportErrors(tx: Tx, tenantId: string, importId: string, limit?: number): Promise<ImportErrorRecord[]> {
  const query = tx
    .select({
      row: importErrors.row,
      column: importErrors.column,
      value: importErrors.value,
      message: importErrors.message,
      params: importErrors.params,
    })
    .from(importErrors)
    .where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, importId)))
    .orderBy(importErrors.seq);
  return limit === undefined ? await query : await query.limit(limit);
}

/** Marks the tenant's imports still checking or committing as failed, with the reason. */
export async function failRunningImports(tx: Tx, tenantId: string, failure: string): Promise<number> {
  const rows = await tx
    .update(imports)
    .set({ status: "failed", failure })
    .where(and(eq(imports.tenantId, tenantId), inArray(imports.status, ["checking", "committing"])))
    .returning({ id: imports.id });
  return rows.length;
}
