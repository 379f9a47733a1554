import type { Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { type PeriodRequest, type ResolvedPeriods, resolveCompliancePeriods } from "~/core";
import { type ClassMover, countAgreementsByCell, listClassMovers, sumStockTotals } from "~/models/compliance.server";
import { type HealthRow, listStockHealth } from "~/models/stock-health.server";
import { type InventoryRow, listInventory } from "~/models/inventory.server";
import { getTenantSettings } from "~/models/tenants.server";
import type { Membership } from "~/services/auth/guards.server";
import { cachedForTenant } from "~/services/cache/tenant-data-cache.server";
import { HEALTH_ROWS_SHOWN, MOVERS_SHOWN } from "./rows-shown";
import { addDays, todayIn } from "~/utils/dates";
import { getDb } from "~/utils/db.server";

/**
 * The portfolio views of compliance: the ABC-XYZ matrix of the period with the agreements that
 * changed class since the previous one, and the inventory's health now (dead stock, overstock,
 * at risk). Read from the rollups, the class history and the inventory list's projection.
 */

export const CLASS_CELLS = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"] as const;

export interface MatrixCell {
  cell: string;
  agreements: number;
  /** Average stock value over the period's days. */
  averageStockValue: number;
  consumptionValue: number;
  bandCompliance: number | null;
}

export interface MatrixReport {
  asOf: string;
  periods: ResolvedPeriods;
  cells: MatrixCell[];
  /** Agreements not classed yet (no recompute since they started). */
  unclassified: MatrixCell | null;
  movers: { total: number; transitions: { from: string; to: string; agreements: number }[]; rows: ClassMover[] };
}

export function loadMatrix(
  membership: Membership,
  asOf: string,
  request: PeriodRequest,
  opts: { allMovers?: boolean } = {},
): Promise<MatrixReport> {
  const periods = resolveCompliancePeriods(request, asOf);
  const key = `compliance-matrix|${asOf}|${periods.current.from}|${periods.current.weeks}|${opts.allMovers ? "all" : "top"}`;
  return cachedForTenant(membership.scope, membership.dataVersion, key, () =>
    withTenant(getDb(), membership.scope, (tx) =>
      computeMatrix(tx, membership.scope, asOf, periods, opts.allMovers ? null : MOVERS_SHOWN),
    ),
  );
}

export async function computeMatrix(
  tx: Tx,
  scope: TenantScope,
  asOf: string,
  periods: ResolvedPeriods,
  moverLimit: number | null,
): Promise<MatrixReport> {
  const { current, previous } = periods;
  const lastWeek = current.weekStarts[current.weekStarts.length - 1];
  const [totals, counts, movers] = await Promise.all([
    sumStockTotals(tx, scope, { fromWeek: current.from, toWeek: lastWeek, group: "cell", closeWeek: lastWeek }),
    countAgreementsByCell(tx, scope),
    listClassMovers(tx, scope, { from: previous.lastDay, to: current.lastDay, limit: moverLimit }),
  ]);
  const cellOf = (cell: string): MatrixCell => {
    const total = totals.find((row) => `${row.abc}${row.xyz}` === cell);
    const count = counts.find((row) => `${row.abc}${row.xyz}` === cell);
    return {
      cell,
      agreements: count?.agreements ?? 0,
      averageStockValue: (total?.stockValueDays ?? 0) / current.days,
      consumptionValue: total?.consumptionValue ?? 0,
      bandCompliance: total && total.snapshotDays > 0 ? total.inBandDays / total.snapshotDays : null,
    };
  };
  const unclassified = totals.find((row) => row.abc === "-");
  return {
    asOf,
    periods,
    cells: CLASS_CELLS.map(cellOf),
    unclassified: unclassified
      ? {
          cell: "--",
          agreements: unclassified.agreements,
          averageStockValue: unclassified.stockValueDays / current.days,
          consumptionValue: unclassified.consumptionValue,
          bandCompliance: unclassified.snapshotDays > 0 ? unclassified.inBandDays / unclassified.snapshotDays : null,
        }
      : null,
    movers: { total: movers.total, transitions: movers.transitions, rows: movers.movers },
  };
}

export interface HealthSection<T> {
  rows: T[];
  total: number;
  /** Dead stock: its value; overstock: the value above max; at risk: none. */
  totalValue: number;
}

export interface HealthReport {
  asOf: string;
  deadStockDays: number;
  /** Stock value at the latest snapshots, for the shares. */
  stockValue: number;
  dead: HealthSection<HealthRow>;
  overstock: HealthSection<HealthRow>;
  atRisk: HealthSection<InventoryRow>;
}

/** The inventory's health now; `all` lists every row (the exports). */
export function loadHealth(membership: Membership, opts: { all?: boolean } = {}): Promise<HealthReport> {
  const today = todayIn(membership.tenant.timezone);
  const key = `compliance-health|${today}|${opts.all ? "all" : "top"}`;
  return cachedForTenant(membership.scope, membership.dataVersion, key, () =>
    withTenant(getDb(), membership.scope, (tx) =>
      computeHealth(tx, membership.scope, today, opts.all ? null : HEALTH_ROWS_SHOWN),
    ),
  );
}

export async function computeHealth(tx: Tx, scope: TenantScope, today: string, limit: number | null): Promise<HealthReport> {
  const settings = await getTenantSettings(tx, scope);
  const asOf = addDays(today, -1);
  // The latest snapshot of each agreement lies in the week of as-of or the one before.
  const sinceWeek = resolveCompliancePeriods({ preset: 4 }, asOf).current.weekStarts[2];
  const [dead, overstock, atRisk] = await Promise.all([
    listStockHealth(tx, scope, { kind: "dead", sinceWeek, today, deadDays: settings.deadStockDays, limit }),
    listStockHealth(tx, scope, { kind: "overstock", sinceWeek, today, deadDays: settings.deadStockDays, limit }),
    listInventory(tx, scope, {
      atRisk: true,
      today,
      horizonDays: settings.horizonDays,
      sort: "stockout",
      direction: "asc",
      page: 1,
      pageSize: limit,
    }),
  ]);
  return {
    asOf,
    deadStockDays: settings.deadStockDays,
    stockValue: dead.stockValue,
    dead: { rows: dead.rows, total: dead.total, totalValue: dead.totalValue },
    overstock: { rows: overstock.rows, total: overstock.total, totalValue: overstock.totalValue },
    atRisk: { rows: atRisk.rows, total: atRisk.total, totalValue: 0 },
  };
}
