import { randomUUID } from "node:crypto";
import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { enqueueInvitationEmail, insertInvitation, reissueInvitation, revokeInvitation } from "~/models/invitations.server";
import {
  countOtherActiveAdmins,
  findMemberByEmail,
  hasPendingInvitation,
  type InvitationRow,
  listMembers,
  listOpenInvitations,
  listSupplierOptions,
  lockMember,
  lockOpenInvitation,
  type MemberQuery,
  type MemberRow,
  type PeopleFilter,
  type SupplierOption,
  updateMembership,
} from "~/models/people.server";
import { generateLinkToken } from "~/services/auth/link-tokens.server";
import { AppError, type Message } from "~/utils/app-error";
import { isUuid } from "~/utils/ids";
import { type ChangeRoleInput, type InviteLocale, type PeopleRole } from "./people-rules";

/**
 * People management: who may sign in to a company and with which role. An administrator manages
 * the whole company; a supplier's administrator manages its own supplier's people only (supplier
 * role, its own supplier, whatever a form says). Every change is one transaction with its audit
 * row (before and after); the database guards the last administrator and ends a deactivated
 * member's sessions itself (see the administration migrations).
 */

export const PEOPLE_AUDIT = {
  invite: "invitation.create",
  resend: "invitation.resend",
  revoke: "invitation.revoke",
  changeRole: "membership.role_change",
  deactivate: "membership.deactivate",
  reactivate: "membership.reactivate",
} as const;

const field = (key: string): Message[] => [{ key: `adminPeople.errors.${key}` }];

/**
 * Whose people the scope manages: every member of the tenant for an administrator, the members of
 * its own supplier for a supplier's administrator; anyone else manages no one.
 */
export function peopleFilterOf(scope: TenantScope, action = "people.manage"): PeopleFilter & { team: boolean } {
  if (scope.role === "admin" && !scope.supplierId) return { tenantId: scope.tenantId, supplierId: null, team: false };
  if (scope.role === "supplier" && scope.supplierAdmin && scope.supplierId)
    return { tenantId: scope.tenantId, supplierId: scope.supplierId, team: true };
  throw AppError.forbidden(action);
}

export interface PeopleView {
  members: MemberRow[];
  total: number;
  invitations: InvitationRow[];
  /** The suppliers a role form offers (empty for a team: its supplier is implied). */
  suppliers: SupplierOption[];
}

export async function listPeople(db: Database, scope: TenantScope, query: MemberQuery, now = new Date()): Promise<PeopleView> {
  const filter = peopleFilterOf(scope);
  return withTenant(db, scope, async (tx) => {
    const { rows, total } = await listMembers(tx, filter, query);
    const invitations = await listOpenInvitations(tx, filter, now);
    const suppliers = filter.team ? [] : await listSupplierOptions(tx, scope.tenantId);
    return { members: rows, total, invitations, suppliers };
  });
}

export interface InviteRequest {
  email: string;
  role: PeopleRole;
  supplierId?: string | null;
  supplierAdmin: boolean;
  locale: InviteLocale;
}

/**
 * Invites a person: the invitation (its link's hash only), its e-mail in the outbox and the audit
 * row. A team's invitation is always for the team's own supplier, as a supplier. An address that
 * is already a member, or has an invitation still open, is refused on the e-mail field.
 *
 * @returns the invitation and the link e-mailed (with its token: for the caller's tests, never shown)
 */
export async function invitePerson(
  db: Database,
  scope: TenantScope,
  request: InviteRequest,
  now = new Date(),
): Promise<{ invitationId: string; link: string }> {
  const filter = peopleFilterOf(scope, PEOPLE_AUDIT.invite);
  const role: PeopleRole = filter.team ? "supplier" : request.role;
  const supplierId = filter.team ? filter.supplierId! : role === "supplier" ? (request.supplierId ?? null) : null;
  const supplierAdmin = role === "supplier" && request.supplierAdmin;
  const email = request.email.trim().toLowerCase();
  if (role === "supplier" && !isUuid(supplierId))
    throw AppError.invalid({ fieldErrors: { supplierId: field("supplierRequired") } });

  return withTenant(db, scope, async (tx) => {
    if (!filter.team) await requireActiveSupplier(tx, scope.tenantId, supplierId);
    const member = await findMemberByEmail(tx, scope.tenantId, email);
    if (member?.status === "active") throw AppError.invalid({ fieldErrors: { email: field("alreadyMember") } });
    if (await hasPendingInvitation(tx, scope.tenantId, email, now))
      throw AppError.invalid({ fieldErrors: { email: field("alreadyInvited") } });
    const { token, hash } = generateLinkToken();
    const { id, expiresAt } = await insertInvitation(tx, {
      tenantId: scope.tenantId,
      email,
      role,
      supplierId,
      supplierAdmin,
      locale: request.locale,
      invitedBy: scope.userId,
      tokenHash: hash,
      now,
    });
    const link = `/invite/${token}`;
    await enqueueInvitationEmail(tx, id, randomUUID(), link);
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId,
      actorUserId: scope.userId,
      action: PEOPLE_AUDIT.invite,
      entityType: "invitation",
      entityId: id,
      after: { email, role, supplierId, supplierAdmin, locale: request.locale, expiresAt: expiresAt.toISOString() },
    });
    return { invitationId: id, link };
  });
}

async function requireActiveSupplier(tx: Tx, tenantId: string, supplierId: string | null) {
  if (supplierId === null) return;
  const supplier = (await listSupplierOptions(tx, tenantId)).find((s) => s.id === supplierId);
  if (!supplier) throw AppError.invalid({ fieldErrors: { supplierId: field("supplier") } });
  if (!supplier.active) throw AppError.invalid({ fieldErrors: { supplierId: field("supplierInactive") } });
}

/** A new link (the old one stops working) valid for another seven days, e-mailed again. */
export async function resendInvitation(db: Database, scope: TenantScope, invitationId: string, now = new Date()) {
  const filter = peopleFilterOf(scope, PEOPLE_AUDIT.resend);
  if (!isUuid(invitationId)) throw AppError.notFound();
  return withTenant(db, scope, async (tx) => {
    const invitation = await lockOpenInvitation(tx, filter, invitationId, now);
    if (!invitation) throw AppError.notFound();
    const { token, hash } = generateLinkToken();
    const expiresAt = await reissueInvitation(tx, invitation.id, hash, now);
    if (!expiresAt) throw AppError.notFound();
    const link = `/invite/${token}`;
    await enqueueInvitationEmail(tx, invitation.id, randomUUID(), link);
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: invitation.supplierId,
      actorUserId: scope.userId,
      action: PEOPLE_AUDIT.resend,
      entityType: "invitation",
      entityId: invitation.id,
      before: { sentAt: invitation.sentAt, expiresAt: invitation.expiresAt },
      after: { sentAt: now.toISOString(), expiresAt: expiresAt.toISOString() },
    });
    return { invitationId: invitation.id, link };
  });
}

/** The link stops working; the invitation stays in the audit trail. */
export async function revokeOpenInvitation(db: Database, scope: TenantScope, invitationId: string, now = new Date()) {
  const filter = peopleFilterOf(scope, PEOPLE_AUDIT.revoke);
  if (!isUuid(invitationId)) throw AppError.notFound();
  await withTenant(db, scope, async (tx) => {
    const invitation = await lockOpenInvitation(tx, filter, invitationId, now);
    if (!invitation || !(await revokeInvitation(tx, invitation.id, now))) throw AppError.notFound();
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      supplierId: invitation.supplierId,
      actorUserId: scope.userId,
      action: PEOPLE_AUDIT.revoke,
      entityType: "invitation",
      entityId: invitation.id,
      before: { email: invitation.email, role: invitation.role, state: invitation.expired ? "expired" : "pending" },
      after: { email: invitation.email, role: invitation.role, state: "revoked" },
    });
  });
}

const roleState = (m: Pick<MemberRow, "role" | "supplierId" | "supplierAdmin">) => ({
  role: m.role,
  supplierId: m.supplierId,
  supplierAdmin: m.supplierAdmin,
});

/**
 * An administrator changes a member's role (and supplier, for a supplier role). The last active
 * administrator keeps the role. A change that changes nothing writes nothing.
 *
 * @returns whether anything changed
 */
export async function changeMemberRole(
  db: Database,
  scope: TenantScope,
  membershipId: string,
  input: ChangeRoleInput,
): Promise<{ changed: boolean }> {
  const filter = peopleFilterOf(scope, PEOPLE_AUDIT.changeRole);
  if (filter.team) throw AppError.forbidden(PEOPLE_AUDIT.changeRole);
  if (!isUuid(membershipId)) throw AppError.notFound();
  const role = input.role;
  const supplierId = role === "supplier" ? (input.supplierId ?? null) : null;
  if (role === "supplier" && !isUuid(supplierId))
    throw AppError.invalid({ fieldErrors: { supplierId: field("supplierRequired") } });
  const after = { role, supplierId, supplierAdmin: role === "supplier" && input.supplierAdmin };

  return guardLastAdmin("role", () =>
    withTenant(db, scope, async (tx) => {
      const member = await lockMember(tx, filter, membershipId);
      if (!member) throw AppError.notFound();
      const before = roleState(member);
      if (JSON.stringify(before) === JSON.stringify(after)) return { changed: false };
      if (member.supplierId !== after.supplierId) await requireActiveSupplier(tx, scope.tenantId, after.supplierId);
      if (member.role === "admin" && role !== "admin" && member.status === "active")
        await requireAnotherAdmin(tx, scope.tenantId, member.membershipId, "role");
      await updateMembership(tx, filter, member.membershipId, after);
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        supplierId: after.supplierId ?? member.supplierId,
        actorUserId: scope.userId,
        action: PEOPLE_AUDIT.changeRole,
        entityType: "membership",
        entityId: member.membershipId,
        before: { ...before, email: member.email },
        after: { ...after, email: member.email },
      });
      return { changed: true };
    }),
  );
}

/**
 * Deactivates a member: it keeps its history but loses access at once (the database ends every
 * session of its login). Nobody deactivates themselves, and the last active administrator stays.
 */
export async function deactivateMember(db: Database, scope: TenantScope, membershipId: string): Promise<{ changed: boolean }> {
  return setMemberStatus(db, scope, membershipId, "deactivated");
}

/** Gives a deactivated member its access back, with the role it had. */
export async function reactivateMember(db: Database, scope: TenantScope, membershipId: string): Promise<{ changed: boolean }> {
  return setMemberStatus(db, scope, membershipId, "active");
}

async function setMemberStatus(
  db: Database,
  scope: TenantScope,
  membershipId: string,
  status: "active" | "deactivated",
): Promise<{ changed: boolean }> {
  const action = status === "active" ? PEOPLE_AUDIT.reactivate : PEOPLE_AUDIT.deactivate;
  const filter = peopleFilterOf(scope, action);
  if (!isUuid(membershipId)) throw AppError.notFound();
  return guardLastAdmin(null, () =>
    withTenant(db, scope, async (tx) => {
      const member = await lockMember(tx, filter, membershipId);
      if (!member) throw AppError.notFound();
      if (member.status === status) return { changed: false };
      if (status === "deactivated") {
        if (member.userId === scope.userId) throw AppError.conflict("self", { key: "adminPeople.errors.deactivateSelf" });
        if (member.role === "admin") await requireAnotherAdmin(tx, scope.tenantId, member.membershipId, null);
      }
      await updateMembership(tx, filter, member.membershipId, { status });
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        supplierId: member.supplierId,
        actorUserId: scope.userId,
        action,
        entityType: "membership",
        entityId: member.membershipId,
        before: { status: member.status, email: member.email, role: member.role },
        after: { status, email: member.email, role: member.role },
      });
      return { changed: true };
    }),
  );
}

/** The refusal for the last active administrator: on the role field, or for the whole form. */
function lastAdminError(fieldName: string | null): AppError {
  const message = { key: "adminPeople.errors.lastAdmin" };
  return fieldName
    ? new AppError("conflict", { reason: "last_admin", message, fieldErrors: { [fieldName]: [message] } })
    : AppError.conflict("last_admin", message);
}

async function requireAnotherAdmin(tx: Tx, tenantId: string, membershipId: string, fieldName: string | null) {
  if ((await countOtherActiveAdmins(tx, tenantId, membershipId)) === 0) throw lastAdminError(fieldName);
}

/**
 * The database's own refusal (SQLSTATE VM001, constraint memberships_last_admin) when two changes
 * race past the check above: the same answer as the check's.
 */
async function guardLastAdmin<T>(fieldName: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isLastAdminViolation(error)) throw lastAdminError(fieldName);
    throw error;
  }
}

export function isLastAdminViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (e.code === "VM001") return true;
    if ([e.constraint_name, e.constraint, e.message].some((v) => typeof v === "string" && v.includes("memberships_last_admin")))
      return true;
    current = e.cause;
  }
  return false;
}

export type { InvitationRow, MemberRow, SupplierOption } from "~/models/people.server";
