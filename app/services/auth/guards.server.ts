import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Database } from "@db/client";
import { type TenantScope, withUser } from "@db/scope";
import type { Role } from "@db/schema";
import { listMembershipsOfUser, type MembershipRecord } from "~/models/memberships.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/responses.server";
import { readCookie, SESSION_COOKIE, sessionCookie } from "./cookie.server";
import { type SessionMembership, type ValidSession, validateSessionContext } from "./session.server";

interface RequestArgs {
  request: Request;
  context: AppLoadContext;
}

/**
 * The request's session, looked up once however many loaders ask. A missing, garbage, expired or
 * deleted session cookie is simply no session.
 */
export function getSession({ request, context }: RequestArgs): Promise<ValidSession | null> {
  context.state.session ??= (async () => {
    const token = readCookie(request, SESSION_COOKIE);
    if (!token || !/^[a-z2-7]{20,64}$/.test(token)) return null;
    // The memberships come in the same transaction: nearly every signed-in page needs them, and
    // each transaction costs a round trip.
    const found = await withUser(getDb(), null, (tx) => validateSessionContext(tx, token));
    const session = found?.session ?? null;
    if (found) {
      const memo = (context.state.memberships ??= {}) as Record<string, Promise<MembershipRecord[]>>;
      memo[found.session.user.id] = Promise.resolve(found.memberships.map(membershipRecordOf));
    }
    if (session) {
      context.state.signedIn = true;
      if (session.renewed) context.state.cookies.push(sessionCookie(request, token, session.expiresAt));
    }
    return session;
  })();
  return context.state.session as Promise<ValidSession | null>;
}

function membershipRecordOf(m: SessionMembership): MembershipRecord {
  return {
    tenant: { id: m.tenantId, slug: m.slug, name: m.name, currency: m.currency, timezone: m.timezone },
    role: m.role as Role,
    supplierId: m.supplierId,
    supplierAdmin: m.supplierAdmin ?? false,
    dataVersion: m.dataVersion,
    counts: { unread: m.unread ?? 0, awaiting: m.awaiting ?? 0, alerts: m.alerts ?? 0 },
  };
}

export async function getUser(args: RequestArgs) {
  return (await getSession(args))?.user ?? null;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(args: RequestArgs) {
  const user = await getUser(args);
  if (!user) {
    const url = new URL(args.request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`);
  }
  return user;
}

export async function requireAnonymous(args: RequestArgs) {
  if (await getUser(args)) throw redirect("/");
}

export interface Membership extends MembershipRecord {
  user: ValidSession["user"];
  /** What withTenant needs; built from the session and the URL, never from the request body. */
  scope: TenantScope;
}

/**
 * The signed-in user's membership in the tenant named by the URL. Called by every loader and
 * action under /t/:tenant: Remix runs loaders in parallel, so a layout's check guards nothing.
 * Not a member, or no such tenant → 404, so that the answer never confirms a tenant exists.
 */
export async function requireMembership(
  args: RequestArgs & { params: { tenant?: string } },
  allowedRoles?: readonly Role[],
): Promise<Membership> {
  const user = await requireUser(args);
  const slug = args.params.tenant ?? "";
  const record = (await membershipsOf(args, user.id)).find((m) => m.tenant.slug === slug) ?? null;
  if (!record || (allowedRoles && !allowedRoles.includes(record.role))) {
    throw notFound();
  }
  return {
    ...record,
    user,
    scope: {
      tenantId: record.tenant.id,
      supplierId: record.supplierId,
      userId: user.id,
      role: record.role,
      supplierAdmin: record.supplierAdmin,
    },
  };
}

/**
 * The signed-in user's memberships, looked up once per request: the layout and the page both
 * need them, and every lookup is a transaction.
 */
export function membershipsOf({ context }: RequestArgs, userId: string): Promise<MembershipRecord[]> {
  const memo = (context.state.memberships ??= {}) as Record<string, Promise<MembershipRecord[]>>;
  memo[userId] ??= withUser(getDb(), userId, (tx) => listMembershipsOfUser(tx, userId));
  return memo[userId];
}

export function listMemberships(db: Database, userId: string) {
  return withUser(db, userId, (tx) => listMembershipsOfUser(tx, userId));
}
