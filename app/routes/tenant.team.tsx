import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { PeopleFilters } from "~/components/admin/people-filters";
import { InvitationsTable, InviteForm, type PeopleActionData } from "~/components/admin/people-forms";
import { PeopleTable } from "~/components/admin/people-table";
import { Pagination } from "~/components/pagination";
import {
  actOnPeople,
  loadPeoplePage,
  parsePeopleQuery,
  PEOPLE_PAGE_SIZE,
  type PeopleAction,
} from "~/services/admin/people-page.server";
import {
  DeactivateSchema,
  PEOPLE_FORM_RULES,
  ReactivateSchema,
  ResendSchema,
  RevokeSchema,
  TeamInviteSchema,
} from "~/services/admin/people-rules";
import { type Membership, requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, invariantFound, replyToError } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Team · VMI Portal" }];

/**
 * A supplier's administrator manages its own supplier's people here; every other member, a
 * supplier member who is not its administrator included, gets the 404 of an unknown address.
 */
async function requireTeamAdmin(args: LoaderFunctionArgs | ActionFunctionArgs): Promise<Membership> {
  const membership = await requireMembership(args, ["supplier"]);
  invariantFound(membership.supplierAdmin && membership.supplierId);
  return membership;
}

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireTeamAdmin(args);
  const { query, searchError } = parsePeopleQuery(new URL(args.request.url).searchParams);
  const view = await loadPeoplePage(membership, { ...query, role: undefined });
  return data(
    {
      ...view,
      query: { ...query, role: undefined },
      searchError,
      pageSize: PEOPLE_PAGE_SIZE,
      tenantName: membership.tenant.name,
    },
    { status: searchError ? 400 : 200 },
  );
}

const INTENTS = {
  invite: { schema: TeamInviteSchema, form: () => "invite" },
  deactivate: { schema: DeactivateSchema, form: (f: FormData) => `status-${f.get("membershipId")}` },
  reactivate: { schema: ReactivateSchema, form: (f: FormData) => `status-${f.get("membershipId")}` },
  resend: { schema: ResendSchema, form: (f: FormData) => `invitation-${f.get("invitationId")}` },
  revoke: { schema: RevokeSchema, form: (f: FormData) => `invitation-${f.get("invitationId")}` },
} as const;

export async function action(args: ActionFunctionArgs) {
  const membership = await requireTeamAdmin(args);
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  // No role changes here: a team's people are its supplier's, as suppliers.
  if (intent !== "invite" && intent !== "deactivate" && intent !== "reactivate" && intent !== "resend" && intent !== "revoke")
    throw badRequest();
  const { schema, form: formOf } = INTENTS[intent];
  const name = formOf(form);
  const submission = parseWithZod(form, { schema: schema as z.ZodType<Omit<PeopleAction, "intent">> });
  if (submission.status !== "success") return data<PeopleActionData>({ form: name, reply: submission.reply() }, { status: 400 });
  try {
    // The role and supplier of an invitation come from the membership (people.server), never the form.
    const { toast, params } = await actOnPeople(membership, { role: "supplier", ...submission.value, intent } as PeopleAction);
    const url = new URL(args.request.url);
    return redirectWithToast(args.request, `${url.pathname}${url.search}`, { key: toast, params });
  } catch (error) {
    const { reply, status } = replyToError(error, submission);
    return data<PeopleActionData>({ form: name, reply }, { status });
  }
}

export default function Team() {
  const { t, i18n } = useTranslation();
  const { members, total, invitations, timezone, selfUserId, query, searchError, pageSize, tenantName } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-7xl space-y-6 px-4 py-6 sm:px-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t("adminPeople.teamTitle")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("adminPeople.teamIntro", { tenant: tenantName })}</p>
      </div>
      <InviteForm
        team
        rules={PEOPLE_FORM_RULES}
        suppliers={[]}
        lastResult={actionData?.form === "invite" ? actionData.reply : undefined}
        defaultLocale={i18n.language === "zh-CN" ? "zh-CN" : "en"}
      />
      <InvitationsTable invitations={invitations} timezone={timezone} showSupplier={false} actionData={actionData} />
      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          {t("adminPeople.teamTitle")}
        </h2>
        <PeopleFilters query={query} searchError={searchError} showRole={false} rules={PEOPLE_FORM_RULES} clearTo="?" />
        <PeopleTable
          members={members}
          suppliers={[]}
          timezone={timezone}
          selfUserId={selfUserId}
          team
          rules={PEOPLE_FORM_RULES}
          actionData={actionData}
        />
        <Pagination page={query.page} pageSize={pageSize} total={total} />
      </section>
    </div>
  );
}
