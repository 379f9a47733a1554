import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { pageField } from "~/utils/input/decimal-field";
import { readText } from "~/utils/input/text";
import {
  changeMemberRole,
  deactivateMember,
  invitePerson,
  listPeople,
  reactivateMember,
  resendInvitation,
  revokeOpenInvitation,
  type InviteRequest,
} from "./people.server";
import { type ChangeRoleInput, PEOPLE_SEARCH_MAX, PeopleQuerySchema } from "./people-rules";

/**
 * The users page (an administrator's) and the team page (a supplier administrator's): what they
 * show and what their buttons do, for the membership the URL names. Which people a membership
 * manages is decided by people.server from its scope, never by the form.
 */

export const PEOPLE_PAGE_SIZE = 50;

export interface PeoplePageQuery {
  role?: "admin" | "manager" | "buyer" | "supplier";
  status?: "active" | "deactivated";
  q?: string;
  page: number;
}

/**
 * The list's filters from the URL. A search with control characters or too long is not run:
 * `searchError` says why, for the page to show beside the search field.
 */
export function parsePeopleQuery(searchParams: URLSearchParams): { query: PeoplePageQuery; searchError: string | null } {
  const raw = Object.fromEntries(searchParams);
  const filters = PeopleQuerySchema.parse(raw);
  const page = pageField.parse(raw.page);
  const search = readText(raw.q, { max: PEOPLE_SEARCH_MAX });
  if (!search.ok) return { query: { ...filters, page }, searchError: "adminPeople.errors.search" };
  return { query: { ...filters, page, ...(search.value ? { q: search.value } : {}) }, searchError: null };
}

export async function loadPeoplePage(membership: Membership, query: PeoplePageQuery) {
  const view = await listPeople(getDb(), membership.scope, {
    role: query.role,
    status: query.status,
    q: query.q,
    limit: PEOPLE_PAGE_SIZE,
    offset: (query.page - 1) * PEOPLE_PAGE_SIZE,
  });
  return { ...view, timezone: membership.tenant.timezone, selfUserId: membership.user.id };
}

export type PeopleAction =
  | ({ intent: "invite" } & InviteRequest)
  | { intent: "resend" | "revoke"; invitationId: string }
  | ({ intent: "change-role"; membershipId: string } & ChangeRoleInput)
  | { intent: "deactivate" | "reactivate"; membershipId: string };

/**
 * Does what a button of the page asks.
 *
 * @returns the toast key and its values for the page the action redirects to
 * @throws AppError invalid (by field), conflict (the last administrator, oneself), not_found
 *   (another company's or another supplier's person, an unknown id), forbidden
 */
export async function actOnPeople(
  membership: Membership,
  action: PeopleAction,
): Promise<{ toast: string; params?: Record<string, string> }> {
  const db = getDb();
  const scope = membership.scope;
  switch (action.intent) {
    case "invite": {
      await invitePerson(db, scope, action);
      // A toast's values hold at most 200 characters; an address may have 254.
      const email = action.email.length > 200 ? `${action.email.slice(0, 199)}…` : action.email;
      return { toast: "adminPeople.done.invited", params: { email } };
    }
    case "resend":
      await resendInvitation(db, scope, action.invitationId);
      return { toast: "adminPeople.done.resent" };
    case "revoke":
      await revokeOpenInvitation(db, scope, action.invitationId);
      return { toast: "adminPeople.done.revoked" };
    case "change-role": {
      const { changed } = await changeMemberRole(db, scope, action.membershipId, action);
      return { toast: changed ? "adminPeople.done.roleChanged" : "adminPeople.done.unchanged" };
    }
    case "deactivate": {
      const { changed } = await deactivateMember(db, scope, action.membershipId);
      return { toast: changed ? "adminPeople.done.deactivated" : "adminPeople.done.unchanged" };
    }
    case "reactivate": {
      const { changed } = await reactivateMember(db, scope, action.membershipId);
      return { toast: changed ? "adminPeople.done.reactivated" : "adminPeople.done.unchanged" };
    }
  }
}
