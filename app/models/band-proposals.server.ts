import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { bandProposals, type BandProposalStatus } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { iso, num, scopeFilter } from "./sql.server";

export type { BandProposalStatus };

/** The audit trail's entity type for band proposals. */
export const BAND_PROPOSAL_ENTITY = "band_proposal";

/** A proposal as the pages show it: with the agreement's band now and what the core recommends. */
export interface BandProposalRecord {
  id: string;
  agreementId: string;
  supplierId: string;
  supplierName: string;
  sku: string;
  itemName: string;
  siteCode: string;
  uom: string;
  /** The band when the proposal was made. */
  currentMin: number;
  currentMax: number;
  proposedMin: number;
  proposedMax: number;
  /** The agreement's band now (it differs from current* when the band changed since). */
  agreedMin: number;
  agreedMax: number;
  recommendedMin: number | null;
  recommendedMax: number | null;
  safetyStock: number | null;
  reason: string;
  status: BandProposalStatus;
  decisionComment: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface BandProposalListFilters {
  /** Pending proposals, or those decided or withdrawn ("closed"). */
  state: "pending" | "closed";
  agreementId?: string;
  limit: number;
}

/**
 * The scope's proposals (a supplier: its own; buyer roles: all), pending ones oldest first (the
 * order they are to be decided in), closed ones latest first.
 */
export async function listBandProposals(
  tx: Tx,
  scope: TenantScope,
  filters: BandProposalListFilters,
): Promise<BandProposalRecord[]> {
  const conditions: SQL[] = [scopeFilter(scope, "bp")];
  if (filters.agreementId !== undefined) {
    if (!isUuid(filters.agreementId)) return [];
    conditions.push(sql`bp.agreement_id = ${filters.agreementId}::uuid`);
  }
  conditions.push(filters.state === "pending" ? sql`bp.status = 'pending'` : sql`bp.status <> 'pending'`);
  const order = filters.state === "pending" ? sql`bp.created_at, bp.id` : sql`coalesce(bp.decided_at, bp.created_at) desc, bp.id`;
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select bp.id, bp.agreement_id, bp.supplier_id, s.name as supplier_name, i.sku, i.name as item_name, i.uom,
             l.code as site_code, bp.current_min, bp.current_max, bp.proposed_min, bp.proposed_max,
             a.min_qty, a.max_qty, m.recommended_min, m.recommended_max, m.safety_stock,
             bp.reason, bp.status, bp.decision_comment,
             ${iso("bp.created_at")} as created_at, ${iso("bp.decided_at")} as decided_at
      from band_proposals bp
      join agreements a on a.tenant_id = bp.tenant_id and a.id = bp.agreement_id
      join items i on i.tenant_id = a.tenant_id and i.id = a.item_id
      join locations l on l.tenant_id = a.tenant_id and l.id = a.location_id
      join suppliers s on s.tenant_id = bp.tenant_id and s.id = bp.supplier_id
      left join agreement_metrics m on m.tenant_id = a.tenant_id and m.agreement_id = a.id
      where ${sql.join(conditions, sql` and `)}
      order by ${order}
      limit ${Math.max(1, Math.min(500, Math.floor(filters.limit)))}`),
  );
  return rows.map((r) => ({
    id: String(r.id),
    agreementId: String(r.agreement_id),
    supplierId: String(r.supplier_id),
    supplierName: String(r.supplier_name),
    sku: String(r.sku),
    itemName: String(r.item_name),
    siteCode: String(r.site_code),
    uom: String(r.uom),
    currentMin: Number(r.current_min),
    currentMax: Number(r.current_max),
    proposedMin: Number(r.proposed_min),
    proposedMax: Number(r.proposed_max),
    agreedMin: Number(r.min_qty),
    agreedMax: Number(r.max_qty),
    recommendedMin: num(r.recommended_min),
    recommendedMax: num(r.recommended_max),
    safetyStock: num(r.safety_stock),
    reason: String(r.reason),
    status: r.status as BandProposalStatus,
    decisionComment: r.decision_comment === null ? null : String(r.decision_comment),
    createdAt: String(r.created_at),
    decidedAt: r.decided_at === null ? null : String(r.decided_at),
  }));
}

// ---------------------------------------------------------------------------------------------
// Writes (used by app/services/agreements inside the service's withTenant transaction)

export interface BandProposalState {
  id: string;
  agreementId: string;
  supplierId: string;
  status: BandProposalStatus;
  currentMin: number;
  currentMax: number;
  proposedMin: number;
  proposedMax: number;
  reason: string;
}

/** The proposal, its row locked until the transaction ends; null when not visible to the scope. */
export async function lockBandProposal(tx: Tx, scope: TenantScope, proposalId: string): Promise<BandProposalState | null> {
  if (!isUuid(proposalId)) return null;
  const [r] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      select bp.id, bp.agreement_id, bp.supplier_id, bp.status, bp.current_min, bp.current_max,
             bp.proposed_min, bp.proposed_max, bp.reason
      from band_proposals bp
      where ${scopeFilter(scope, "bp")} and bp.id = ${proposalId}::uuid
      for update`),
  );
  if (!r) return null;
  return {
    id: String(r.id),
    agreementId: String(r.agreement_id),
    supplierId: String(r.supplier_id),
    status: r.status as BandProposalStatus,
    currentMin: Number(r.current_min),
    currentMax: Number(r.current_max),
    proposedMin: Number(r.proposed_min),
    proposedMax: Number(r.proposed_max),
    reason: String(r.reason),
  };
}

/** The agreement's pending proposal's id, if it has one (visible to the scope). */
export async function findPendingProposalId(tx: Tx, scope: TenantScope, agreementId: string): Promise<string | null> {
  const [r] = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select bp.id from band_proposals bp
      where ${scopeFilter(scope, "bp")} and bp.agreement_id = ${agreementId}::uuid and bp.status = 'pending'`),
  );
  return r ? String(r.id) : null;
}

export interface NewBandProposal {
  agreementId: string;
  supplierId: string;
  currentMin: number;
  currentMax: number;
  proposedMin: number;
  proposedMax: number;
  reason: string;
}

/** Inserts a pending proposal; a second pending one for the agreement violates `band_proposals_one_pending_key`. */
export async function insertBandProposal(tx: Tx, scope: TenantScope, proposal: NewBandProposal): Promise<string> {
  const [row] = await tx
    .insert(bandProposals)
    .values({ tenantId: scope.tenantId, ...proposal, status: "pending", createdBy: scope.userId })
    .returning({ id: bandProposals.id });
  return row.id;
}

/**
 * Closes a pending proposal (accepted, rejected or withdrawn); false when it is no longer pending
 * or not the scope's (nothing written then).
 */
export async function closeBandProposal(
  tx: Tx,
  scope: TenantScope,
  proposalId: string,
  outcome: { status: Exclude<BandProposalStatus, "pending">; comment: string | null },
): Promise<boolean> {
  const conditions = [
    eq(bandProposals.tenantId, scope.tenantId),
    eq(bandProposals.id, proposalId),
    eq(bandProposals.status, "pending"),
  ];
  if (scope.supplierId) conditions.push(eq(bandProposals.supplierId, scope.supplierId));
  const rows = await tx
    .update(bandProposals)
    .set({ status: outcome.status, decidedBy: scope.userId, decisionComment: outcome.comment, decidedAt: sql`now()` })
    .where(and(...conditions))
    .returning({ id: bandProposals.id });
  return rows.length === 1;
}
