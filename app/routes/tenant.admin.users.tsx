import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { AdminFrame } from "~/components/admin/admin-frame";
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
  ChangeRoleSchema,
  DeactivateSchema,
  InviteSchema,
  PEOPLE_FORM_RULES,
  ReactivateSchema,
  ResendSchema,
  RevokeSchema,
} from "~/services/admin/people-rules";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, replyToError } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Users · VMI Portal" }];

/** Administrators only: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const { query, searchError } = parsePeopleQuery(new URL(args.request.url).searchParams);
  const view = await loadPeoplePage(membership, query);
  return data({ ...view, query, searchError, pageSize: PEOPLE_PAGE_SIZE }, { status: searchError ? 400 : 200 });
}

/** Each button's rules, and which form on the page shows its refusal. */
const INTENTS = {
  invite: { schema: InviteSchema, form: () => "invite" },
  "change-role": { schema: ChangeRoleSchema, form: (f: FormData) => `role-${f.get("membershipId")}` },
  deactivate: { schema: DeactivateSchema, form: (f: FormData) => `status-${f.get("membershipId")}` },
  reactivate: { schema: ReactivateSchema, form: (f: FormData) => `status-${f.get("membershipId")}` },
  resend: { schema: ResendSchema, form: (f: FormData) => `invitation-${f.get("invitationId")}` },
  revoke: { schema: RevokeSchema, form: (f: FormData) => `invitation-${f.get("invitationId")}` },
} as const;

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  if (!Object.hasOwn(INTENTS, intent)) throw badRequest();
  const { schema, form: formOf } = INTENTS[intent as keyof typeof INTENTS];
  const name = formOf(form);
  const submission = parseWithZod(form, { schema: schema as z.ZodType<Omit<PeopleAction, "intent">> });
  if (submission.status !== "success") return data<PeopleActionData>({ form: name, reply: submission.reply() }, { status: 400 });
  try {
    const { toast, params } = await actOnPeople(membership, { ...submission.value, intent } as PeopleAction);
    const url = new URL(args.request.url);
    return redirectWithToast(args.request, `${url.pathname}${url.search}`, { key: toast, params });
  } catch (error) {
    const { reply, status } = replyToError(error, submission);
    return data<PeopleActionData>({ form: name, reply }, { status });
  }
}

export default function AdminUsers() {
  const { t, i18n } = useTranslation();
  const { tenant = "" } = useParams();
  const { members, total, invitations, suppliers, timezone, selfUserId, query, searchError, pageSize } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AdminFrame tenant={tenant} section="users" heading={t("adminPeople.title")}>
      <div className="space-y-6">
        <InviteForm
          team={false}
          rules={PEOPLE_FORM_RULES}
          suppliers={suppliers}
          lastResult={actionData?.form === "invite" ? actionData.reply : undefined}
          defaultLocale={i18n.language === "zh-CN" ? "zh-CN" : "en"}
        />
        <InvitationsTable invitations={invitations} timezone={timezone} showSupplier actionData={actionData} />
        <section aria-labelledby="members-heading" className="space-y-3">
          <h2 id="members-heading" className="text-lg font-semibold">
            {t("adminPeople.title")}
          </h2>
          <PeopleFilters
            query={query}
            searchError={searchError}
            showRole
            rules={PEOPLE_FORM_RULES}
            clearTo={`/t/${tenant}/admin/users`}
          />
          <PeopleTable
            members={members}
            suppliers={suppliers}
            timezone={timezone}
            selfUserId={selfUserId}
            team={false}
            rules={PEOPLE_FORM_RULES}
            actionData={actionData}
          />
          <Pagination page={query.page} pageSize={pageSize} total={total} />
        </section>
      </div>
    </AdminFrame>
  );
}
