import { withTenant } from "@db/scope";
import { listBandProposals } from "~/models/band-proposals.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";

// The shape the proposals page's table receives, declared once where it is read.
export type { BandProposalRecord } from "~/models/band-proposals.server";

/** Closed proposals listed under the pending ones. */
const RECENT_LIMIT = 50;
/** Pending proposals are at most one per agreement; a few hundred agreements fit one page. */
const PENDING_LIMIT = 500;

/**
 * The proposals page: pending proposals and the latest closed ones. Buyer roles see every
 * supplier's, a supplier its own (the model and row-level security both filter).
 */
export function loadBandProposalLists(membership: Membership) {
  return withTenant(getDb(), membership.scope, async (tx) => ({
    pending: await listBandProposals(tx, membership.scope, { state: "pending", limit: PENDING_LIMIT }),
    recent: await listBandProposals(tx, membership.scope, { state: "closed", limit: RECENT_LIMIT }),
  }));
}
