import { and, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { rowsOf } from "@db/rows";
import { invitations, type Role } from "@db/schema";

/**
 * Invitations to join a tenant. Rows are written in the inviter's scope (row-level security lets
 * administrators, and supplier administrators for their own supplier, write them); what happens
 * before the invited person is a member goes through the security-definer functions of the
 * administration migration. Token hashes come from the caller (see services/auth/link-tokens).
 */

/** How long an invitation link stays valid. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewInvitation {
  tenantId: string;
  email: string;
  role: Role;
  supplierId: string | null;
  supplierAdmin: boolean;
  locale: "en" | "zh-CN";
  invitedBy: string | null;
  tokenHash: string;
  now: Date;
}

export async function insertInvitation(tx: Tx, input: NewInvitation): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(input.now.getTime() + INVITATION_LIFETIME_MS);
  const [row] = await tx
    .insert(invitations)
    .values({
      tenantId: input.tenantId,
      email: input.email.trim().toLowerCase(),
      role: input.role,
      supplierId: input.supplierId,
      supplierAdmin: input.supplierAdmin,
      locale: input.locale,
      tokenHash: input.tokenHash,
      expiresAt,
      invitedBy: input.invitedBy,
      sentAt: input.now,
    })
    .returning({ id: invitations.id });
  return { id: row.id, expiresAt };
}

/**
 * A resend: a new token and a new expiry for a pending invitation (the old link stops working).
 * Returns false when the invitation is not pending (accepted or revoked) or not visible.
 */
export async function reissueInvitation(tx: Tx, id: string, tokenHash: string, now: Date): Promise<Date | null> {
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
  const updated = await tx
    .update(invitations)
    .set({ tokenHash, expiresAt, sentAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return updated.length > 0 ? expiresAt : null;
}

/** Revokes a pending invitation; false when it is not pending or not visible. */
export async function revokeInvitation(tx: Tx, id: string, now: Date): Promise<boolean> {
  const updated = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return updated.length > 0;
}

/** Writes the invitation's e-mail (with `link`, the path carrying the token) into the outbox. */
export async function enqueueInvitationEmail(tx: Tx, invitationId: string, sendId: string, link: string) {
  await tx.execute(sql`select enqueue_invitation_email(${invitationId}::uuid, ${sendId}::uuid, ${link})`);
}

export type InvitationState = "pending" | "used" | "revoked" | "expired";

export interface InvitationPreview {
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  email: string;
  role: Role;
  supplierName: string | null;
  locale: string;
  state: InvitationState;
  hasAccount: boolean;
}

/** What an invitation link's page shows; null when the link names no invitation. */
export async function previewInvitation(tx: Tx, tokenHash: string): Promise<InvitationPreview | null> {
  const [row] = rowsOf<{
    tenant_id: string;
    tenant_slug: string;
    tenant_name: string;
    email: string;
    role: Role;
    supplier_name: string | null;
    locale: string;
    state: InvitationState;
    has_account: boolean;
  }>(await tx.execute(sql`select * from invitation_preview(${tokenHash})`));
  if (!row) return null;
  return {
    tenantId: row.tenant_id,
    tenantSlug: row.tenant_slug,
    tenantName: row.tenant_name,
    email: row.email,
    role: row.role,
    supplierName: row.supplier_name,
    locale: row.locale,
    state: row.state,
    hasAccount: row.has_account,
  };
}

export type AcceptOutcome = "accepted" | "unknown" | "used" | "revoked" | "expired" | "wrong_account" | "already_member";

/**
 * Accepts for `userId`, which must be the transaction's user (app.user_id): adds the membership
 * (or brings back a deactivated one, see accept_invitation), marks the invitation used and audits
 * it. An active membership is never changed by an invitation.
 */
export async function acceptInvitation(
  tx: Tx,
  tokenHash: string,
  userId: string,
): Promise<{ outcome: AcceptOutcome; tenantSlug: string | null }> {
  const [row] = rowsOf<{ outcome: AcceptOutcome; tenant_slug: string | null }>(
    await tx.execute(sql`select * from accept_invitation(${tokenHash}, ${userId}::uuid)`),
  );
  return { outcome: row.outcome, tenantSlug: row.tenant_slug };
}
