import { and, asc, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { agreementMetrics, agreements, bandProposals, type BandProposalStatus, items, locations, suppliers } from "@db/schema";
import type { TenantScope } from "@db/scope";
import { isUuid } from "~/utils/ids";
import { isoOf } from "./sql.server";

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
  const conditions = [proposalsOf(scope)];
  if (filters.agreementId !== undefined) {
    if (!isUuid(filters.agreementId)) return [];
    conditions.push(eq(bandProposals.agreementId, filters.agreementId));
  }
  conditions.push(filters.state === "pending" ? eq(bandProposals.status, "pending") : ne(bandProposals.status, "pending"));
  const order =
    filters.state === "pending"
      ? [asc(bandProposals.createdAt), asc(bandProposals.id)]
      : [desc(sql`coalesce(${bandProposals.decidedAt}, ${bandProposals.createdAt})`), asc(bandProposals.id)];
  return tx
    .select({
      id: bandProposals.id,
      agreementId: bandProposals.agreementId,
      supplierId: bandProposals.supplierId,
      supplierName: suppliers.name,
      sku: items.sku,
      itemName: items.name,
      siteCode: locations.code,
      uom: items.uom,
      currentMin: bandProposals.currentMin,
      currentMax: bandProposals.currentMax,
      proposedMin: bandProposals.proposedMin,
      proposedMax: bandProposals.proposedMax,
      agreedMin: agreements.minQty,
      agreedMax: agreements.maxQty,
      recommendedMin: agreementMetrics.recommendedMin,
      recommendedMax: agreementMetrics.recommendedMax,
      safetyStock: agreementMetrics.safetyStock,
      reason: bandProposals.reason,
      status: bandProposals.status,
      decisionComment: bandProposals.decisionComment,
      createdAt: isoOf(bandProposals.createdAt),
      decidedAt: isoOf(bandProposals.decidedAt),
    })
    .from(bandProposals)
    .innerJoin(agreements, and(eq(agreements.tenantId, bandProposals.tenantId), eq(agreements.id, bandProposals.agreementId)))
    .innerJoin(items, and(eq(items.tenantId, agreements.tenantId), eq(items.id, agreements.itemId)))
    .innerJoin(locations, and(eq(locations.tenantId, agreements.tenantId), eq(locations.id, agreements.locationId)))
    .innerJoin(suppliers, and(eq(suppliers.tenantId, bandProposals.tenantId), eq(suppliers.id, bandProposals.supplierId)))
    .leftJoin(
      agreementMetrics,
      and(eq(agreementMetrics.tenantId, agreements.tenantId), eq(agreementMetrics.agreementId, agreements.id)),
    )
    .where(and(...conditions))
    .orderBy(...order)
    .limit(Math.max(1, Math.min(500, Math.floor(filters.limit))));
}

/** The scope's proposals: the tenant's, and for a supplier scope its own (RLS is the second lock). */
function proposalsOf(scope: TenantScope): SQL {
  const tenant = eq(bandProposals.tenantId, scope.tenantId);
  return scope.supplierId ? and(tenant, eq(bandProposals.supplierId, scope.supplierId))! : tenant;
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
  const [row] = await tx
    .select({
      id: bandProposals.id,
      agreementId: bandProposals.agreementId,
      supplierId: bandProposals.supplierId,
      status: bandProposals.status,
      currentMin: bandProposals.currentMin,
      currentMax: bandProposals.currentMax,
      proposedMin: bandProposals.proposedMin,
      proposedMax: bandProposals.proposedMax,
      reason: bandProposals.reason,
    })
    .from(bandProposals)
    .where(and(proposalsOf(scope), eq(bandProposals.id, proposalId)))
    .for("update");
  return row ?? null;
}

/** The agreement's pending proposal's id, if it has one (visible to the scope). */
export async function findPendingProposalId(tx: Tx, scope: TenantScope, agreementId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: bandProposals.id })
    .from(bandProposals)
    .where(and(proposalsOf(scope), eq(bandProposals.agreementId, agreementId), eq(bandProposals.status, "pending")));
  return row?.id ?? null;
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
