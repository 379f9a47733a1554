import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "~/components/pagination";
import { Button } from "~/components/ui/button";
import { requireMembership } from "~/services/auth/guards.server";
import { applyInboxIntent, loadInbox } from "~/services/notifications/inbox.server";
import { notificationText } from "~/services/notifications/notification-text";
import { formatInstant } from "~/utils/format";
import { pageField } from "~/utils/input/decimal-field";
import { formErrorData, badRequest } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

/** A bad page number is page 1. */
const InboxQuery = z.object({ page: pageField });
/** An empty id names no notification: the same 404 as an unknown one. */
const notificationId = z.string().default("");
const InboxAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: notificationId, page: pageField }),
  z.object({ intent: z.literal("read"), id: notificationId, page: pageField }),
  z.object({ intent: z.literal("read-all"), page: pageField }),
]);

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const query = InboxQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const inbox = await loadInbox(membership.scope, query.page);
  return { inbox, tenantName: membership.tenant.name, timezone: membership.tenant.timezone };
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const submission = parseWithZod(await args.request.formData(), { schema: InboxAction });
  // The page's buttons always send an intent: anything else is not our form.
  if (submission.status !== "success") throw badRequest("Bad request");
  const input = submission.value;
  const base = `/t/${membership.tenant.slug}`;
  try {
    const outcome = await applyInboxIntent(membership.scope, input);
    if ("open" in outcome) return redirect(`${base}/${outcome.open}`);
    const back = `${base}/inbox${input.page > 1 ? `?page=${input.page}` : ""}`;
    return redirectWithToast(args.request, back, { key: outcome.toast });
  } catch (error) {
    // Unknown, or somebody else's: the same 404, naming nothing.
    return formErrorData(error, submission);
  }
}

export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const { inbox, tenantName, timezone } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const locale = i18n.language;
  const translate = (key: string, options?: Record<string, unknown>) => t(key, options ?? {}) as string;

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("notifications.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("notifications.subtitle", { tenant: tenantName })}</p>
        </div>
        <div className="flex items-center gap-4">
          <p className="text-sm text-slate-500" data-testid="inbox-unread">
            {t("notifications.unreadCount", { unread: new Intl.NumberFormat(locale).format(inbox.unread) })}
          </p>
          {inbox.unread > 0 ? (
            <Form method="post">
              <input type="hidden" name="page" value={inbox.page} />
              <Button type="submit" name="intent" value="read-all" variant="secondary" size="md" disabled={busy}>
                {t("notifications.markAllRead")}
              </Button>
            </Form>
          ) : null}
        </div>
      </div>

      <div
        className={`mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white ${navigation.state === "loading" ? "opacity-60" : ""}`}
      >
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="inbox-table">
          <caption className="sr-only">{t("notifications.caption")}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("notifications.message")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("notifications.received")}
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t("notifications.open")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {inbox.rows.map((n) => {
              const { title, details } = notificationText(translate, n.kind, n.payload, locale);
              const unread = n.readAt === null;
              return (
                <tr
                  key={n.id}
                  data-testid="notification"
                  data-unread={unread ? "true" : "false"}
                  className={unread ? "bg-indigo-50/60" : undefined}
                >
                  <td className="px-3 py-2">
                    <div className="flex items-start gap-2">
                      {unread ? (
                        <span className="mt-0.5 shrink-0 rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-semibold text-white">
                          {t("notifications.unreadMarker")}
                          <span className="sr-only"> ({t("notifications.unread")})</span>
                        </span>
                      ) : null}
                      <div>
                        <p
                          className={unread ? "font-semibold text-slate-900" : "text-slate-700"}
                          data-testid="notification-title"
                        >
                          {title}
                        </p>
                        {details.map((line) => (
                          <p key={line} className="mt-0.5 text-xs text-slate-600">
                            {line}
                          </p>
                        ))}
                      </div>
                    </div>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatInstant(locale, timezone, n.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    <Form method="post" className="inline-flex gap-2">
                      <input type="hidden" name="id" value={n.id} />
                      <input type="hidden" name="page" value={inbox.page} />
                      <Button
                        type="submit"
                        name="intent"
                        value="open"
                        size="md"
                        disabled={busy}
                        aria-label={t("notifications.openLabel", { title })}
                      >
                        {t("notifications.open")}
                      </Button>
                      {unread ? (
                        <Button
                          type="submit"
                          name="intent"
                          value="read"
                          variant="secondary"
                          size="md"
                          disabled={busy}
                          aria-label={t("notifications.markReadLabel", { title })}
                        >
                          {t("notifications.markRead")}
                        </Button>
                      ) : null}
                    </Form>
                  </td>
                </tr>
              );
            })}
            {inbox.rows.length === 0 ? (
              <tr>
                <td colSpan={3} className="px-3 py-10 text-center text-slate-500">
                  {t("notifications.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={inbox.page} pageSize={inbox.pageSize} total={inbox.total} />
    </div>
  );
}
