import { and, asc, count, eq, gt, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@db/client";
import { invitations, memberships, type MembershipStatus, type Role, suppliers, users } from "@db/schema";
import { isoOf } from "./sql.server";

/**
 * The people of a tenant as its administrators manage them: members (a membership with its user)
 * and pending invitations. Every query filters by tenant, and by supplier when `supplierId` is
 * given (a supplier administrator's team); row-level security is the second lock.
 */

export interface PeopleFilter {
  tenantId: string;
  /** Only this supplier's people (a supplier administrator's team). */
  supplierId?: string | null;
}

export interface MemberRow {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  supplierId: string | null;
  supplierName: string | null;
  supplierAdmin: boolean;
  status: MembershipStatus;
  lastSignInAt: string | null;
  deactivatedAt: string | null;
}

export interface MemberQuery {
  role?: Role;
  status?: MembershipStatus;
  /** Name or e-mail contains this (case-insensitive). */
  q?: string;
  limit: number;
  offset: number;
}

/** `%` and `_` typed into a search are literal characters, not wildcards. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function memberConditions(filter: PeopleFilter, query: Omit<MemberQuery, "limit" | "offset">): SQL[] {
  const conditions: SQL[] = [eq(memberships.tenantId, filter.tenantId)];
  if (filter.supplierId) conditions.push(eq(memberships.supplierId, filter.supplierId), eq(memberships.role, "supplier"));
  if (query.role) conditions.push(eq(memberships.role, query.role));
  if (query.status) conditions.push(eq(memberships.status, query.status));
  if (query.q) {
    const pattern = likeContains(query.q);
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  return conditions;
}

const memberColumns = {
  membershipId: memberships.id,
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  supplierId: memberships.supplierId,
  supplierName: suppliers.name,
  supplierAdmin: memberships.supplierAdmin,
  status: memberships.status,
  lastSignInAt: isoOf(users.lastSignInAt),
  deactivatedAt: isoOf(memberships.deactivatedAt),
};

/** A page of members, by name then e-mail, and how many match in all. */
export async function listMembers(
  tx: Tx,
  filter: PeopleFilter,
  query: MemberQuery,
): Promise<{ rows: MemberRow[]; total: number }> {
  const where = and(...memberConditions(filter, query));
  const rows = await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(suppliers, and(eq(suppliers.tenantId, memberships.tenantId), eq(suppliers.id, memberships.supplierId)))
    .where(where)
    .orderBy(asc(users.name), asc(users.email))
    .limit(query.limit)
    .offset(query.offset);
  const [{ total }] = await tx
    .select({ total: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where);
  return { rows, total };
}

/** One member, its row locked for the change about to be made; null when not in the filter. */
export async function lockMember(tx: Tx, filter: PeopleFilter, membershipId: string): Promise<MemberRow | null> {
  const [row] = await tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(suppliers, and(eq(suppliers.tenantId, memberships.tenantId), eq(suppliers.id, memberships.supplierId)))
    .where(and(...memberConditions(filter, {}), eq(memberships.id, membershipId)))
    .for("update", { of: memberships });
  return row ?? null;
}

/** How many other active administrators the tenant has besides `membershipId`. */
export async function countOtherActiveAdmins(tx: Tx, tenantId: string, membershipId: string): Promise<number> {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.tenantId, tenantId),
        eq(memberships.role, "admin"),
        eq(memberships.status, "active"),
        sql`${memberships.id} <> ${membershipId}`,
      ),
    );
  return n;
}

export interface MembershipChange {
  role?: Role;
  supplierId?: string | null;
  supplierAdmin?: boolean;
  status?: MembershipStatus;
}

/** Writes a change to one membership of the filter; false when there was no such row. */
export async function updateMembership(tx: Tx, filter: PeopleFilter, membershipId: string, change: MembershipChange) {
  const updated = await tx
    .update(memberships)
    .set(change)
    .where(and(...memberConditionsForUpdate(filter), eq(memberships.id, membershipId)))
    .returning({ id: memberships.id });
  return updated.length > 0;
}

function memberConditionsForUpdate(filter: PeopleFilter): SQL[] {
  const conditions: SQL[] = [eq(memberships.tenantId, filter.tenantId)];
  if (filter.supplierId) conditions.push(eq(memberships.supplierId, filter.supplierId), eq(memberships.role, "supplier"));
  return conditions;
}

/** The member with this address (any status), if the tenant has one the caller may see. */
export async function findMemberByEmail(
  tx: Tx,
  tenantId: string,
  email: string,
): Promise<{ membershipId: string; status: MembershipStatus } | null> {
  const [row] = await tx
    .select({ membershipId: memberships.id, status: memberships.status })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), sql`lower(${users.email}) = ${email.toLowerCase()}`))
    .limit(1);
  return row ?? null;
}

/** Whether a pending (not accepted, not revoked, not expired) invitation to this address exists. */
export async function hasPendingInvitation(tx: Tx, tenantId: string, email: string, now: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        sql`lower(${invitations.email}) = ${email.toLowerCase()}`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  supplierId: string | null;
  supplierName: string | null;
  supplierAdmin: boolean;
  locale: string;
  sentAt: string;
  expiresAt: string;
  expired: boolean;
}

const invitationColumns = (now: Date) => ({
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  supplierId: invitations.supplierId,
  supplierName: suppliers.name,
  supplierAdmin: invitations.supplierAdmin,
  locale: invitations.locale,
  sentAt: isoOf(invitations.sentAt),
  expiresAt: isoOf(invitations.expiresAt),
  expired: sql<boolean>`not (${gt(invitations.expiresAt, now)})`,
});

function invitationConditions(filter: PeopleFilter): SQL[] {
  const conditions: SQL[] = [
    eq(invitations.tenantId, filter.tenantId),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
  ];
  if (filter.supplierId) conditions.push(eq(invitations.supplierId, filter.supplierId), eq(invitations.role, "supplier"));
  return conditions;
}

/** Invitations neither accepted nor revoked (expired ones too: they can be resent), newest first. */
export function listOpenInvitations(tx: Tx, filter: PeopleFilter, now: Date): Promise<InvitationRow[]> {
  return tx
    .select(invitationColumns(now))
    .from(invitations)
    .leftJoin(suppliers, and(eq(suppliers.tenantId, invitations.tenantId), eq(suppliers.id, invitations.supplierId)))
    .where(and(...invitationConditions(filter)))
    .orderBy(sql`${invitations.sentAt} desc`)
    .limit(500);
}

/** One open invitation of the filter, locked; null when there is none. */
export async function lockOpenInvitation(tx: Tx, filter: PeopleFilter, id: string, now: Date): Promise<InvitationRow | null> {
  const [row] = await tx
    .select(invitationColumns(now))
    .from(invitations)
    .leftJoin(suppliers, and(eq(suppliers.tenantId, invitations.tenantId), eq(suppliers.id, invitations.supplierId)))
    .where(and(...invitationConditions(filter), eq(invitations.id, id)))
    .for("update", { of: invitations });
  return row ?? null;
}

export interface SupplierOption {
  id: string;
  code: string;
  name: string;
  active: boolean;
}

/** The tenant's suppliers, for the role forms. */
export function listSupplierOptions(tx: Tx, tenantId: string): Promise<SupplierOption[]> {
  return tx
    .select({
      id: suppliers.id,
      code: suppliers.code,
      name: suppliers.name,
      active: sql<boolean>`${suppliers.status} = 'active'`,
    })
    .from(suppliers)
    .where(eq(suppliers.tenantId, tenantId))
    .orderBy(asc(suppliers.name));
}
