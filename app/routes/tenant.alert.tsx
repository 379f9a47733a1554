import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AcknowledgeForm, AssignForm, CommentForm, ResolveForm, SnoozeForm } from "~/components/alerts/alert-action-forms";
import { AlertState, SeverityBadge } from "~/components/alerts/alert-badges";
import { AlertHistory } from "~/components/alerts/alert-history";
import { describeAlert, timeAgo } from "~/components/alerts/alert-what";
import { FormErrors } from "~/components/forms";
import { ALERT_FORM_RULES, ALERT_INTENTS, AlertActionSchema } from "~/services/alerts/action-rules";
import { actOnAlert, loadAlertPage } from "~/services/alerts/alert-page.server";
import { requireMembership } from "~/services/auth/guards.server";
import { formatDay, formatInstant } from "~/utils/format";
import { isUuid } from "~/utils/ids";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.alert.ruleName} · VMI Portal` : "VMI Portal" },
];

/**
 * One alert: every role opens it, a supplier its own supplier's only (another's is the 404 of an
 * unknown one), and acts on it while it is open.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const alertId = args.params.alertId ?? "";
  invariantFound(isUuid(alertId));
  const page = await loadAlertPage(membership, alertId);
  invariantFound(page);
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const alertId = args.params.alertId ?? "";
  invariantFound(isUuid(alertId));
  const form = await requireFormData(args.request);
  // The page's buttons always name one of its intents: anything else is not our form.
  if (!(ALERT_INTENTS as readonly string[]).includes(String(form.get("intent") ?? ""))) throw badRequest();
  const submission = parseWithZod(form, { schema: AlertActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const done = await actOnAlert(membership, alertId, submission.value);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/alerts/${alertId}`, { key: done.toast });
  } catch (error) {
    // Another supplier's or an unknown alert: the 404; a closed one: the conflict, above the form.
    return formErrorData(error, submission);
  }
}

/** The reply of the form that was posted, for that form only (the page has up to five). */
function replyOf(result: SubmissionResult<string[]> | undefined, intent: string) {
  return result?.initialValue?.intent === intent ? result : undefined;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

export default function AlertPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { alert: a, events, assignable, open, isAdmin, today, bounds, defaults, now, timezone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const locale = i18n.language;
  const translate = (key: string, options?: Record<string, unknown>) => t(key, options ?? {}) as string;
  const none = t("alerts.detail.none");
  const what = describeAlert(translate, locale, a);
  // The forms start afresh after each action: the history grows by one.
  const formsKey = events.length;
  const instant = (value: string | null) => (value ? formatInstant(locale, timezone, value) : none);
  // A refusal whose form is gone (the alert was closed or acknowledged meanwhile) is said above.
  const postedIntent = lastResult?.initialValue?.intent;
  const formShown = open && !(postedIntent === "acknowledge" && a.status === "acknowledged");
  const orphanErrors = !formShown ? (lastResult?.error?.[""] ?? null) : null;

  const subject =
    a.subjectType === "plan" ? (
      <Link to={`/t/${tenant}/plans/${a.subjectId}`} className="text-indigo-700 hover:underline">
        {a.planNumber ? t("alerts.detail.plan", { plan: a.planNumber }) : t("alerts.what.thePlan")}
      </Link>
    ) : a.subjectType === "shipment" ? (
      <Link to={`/t/${tenant}/shipments/${a.subjectId}`} className="text-indigo-700 hover:underline">
        {t("alerts.detail.shipment", { asn: a.asnNumber ?? none })}
      </Link>
    ) : a.agreementId ? (
      <Link to={`/t/${tenant}/inventory/${a.agreementId}`} className="text-indigo-700 hover:underline">
        {t("alerts.detail.agreement", { sku: a.sku ?? none, site: a.siteCode ?? none })}
      </Link>
    ) : (
      none
    );

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/alerts`} className="text-sm text-indigo-700 hover:underline">
          ← {t("alerts.detail.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <SeverityBadge severity={a.severity} label={t(`alerts.severities.${a.severity}`)} />
          <h1 className="text-2xl font-bold tracking-tight" data-testid="alert-what">
            {what}
          </h1>
        </div>
        <p className="mt-1 text-sm text-slate-600">{a.ruleName}</p>
      </div>

      <FormErrors errors={orphanErrors} />

      <section aria-labelledby="alert-facts-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="alert-facts-heading" className="text-base font-semibold">
          {t("alerts.detail.facts")}
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-3" data-testid="alert-facts">
          <Fact label={t("alerts.detail.status")}>
            <AlertState alert={a} today={today} />
          </Fact>
          <Fact label={t("alerts.detail.rule")}>
            {isAdmin && a.ruleId ? (
              <Link to={`/t/${tenant}/admin/alert-rules/${a.ruleId}`} className="text-indigo-700 hover:underline">
                {a.ruleName}
              </Link>
            ) : (
              a.ruleName
            )}
          </Fact>
          <Fact label={t("alerts.detail.subject")}>{subject}</Fact>
          <Fact label={t("alerts.detail.supplier")}>{a.supplierName}</Fact>
          <Fact label={t("alerts.detail.item")}>
            {a.sku ? (
              <>
                <span className="font-mono">{a.sku}</span> · {a.itemName}
              </>
            ) : (
              none
            )}
          </Fact>
          <Fact label={t("alerts.detail.site")}>{a.siteCode ? `${a.siteCode} · ${a.siteName ?? ""}` : none}</Fact>
          <Fact label={t("alerts.detail.opened")}>
            <time dateTime={a.openedAt}>{instant(a.openedAt)}</time>
            <span className="block text-xs text-slate-500">{timeAgo(locale, a.openedAt, now)}</span>
          </Fact>
          <Fact label={t("alerts.detail.lastSeen")}>{instant(a.lastSeenAt)}</Fact>
          {a.acknowledgedAt ? <Fact label={t("alerts.detail.acknowledged")}>{instant(a.acknowledgedAt)}</Fact> : null}
          {a.snoozedUntil ? <Fact label={t("alerts.detail.snoozedUntil")}>{formatDay(locale, a.snoozedUntil)}</Fact> : null}
          {a.assigneeUserId ? (
            <Fact label={t("alerts.detail.assignee")}>{a.assigneeName ?? t("alerts.state.someone")}</Fact>
          ) : null}
          {a.dueDate ? <Fact label={t("alerts.detail.dueDate")}>{formatDay(locale, a.dueDate)}</Fact> : null}
          {a.closedAt ? (
            <Fact label={t("alerts.detail.closed")}>
              {instant(a.closedAt)}
              {a.closeReason ? ` · ${t(`alerts.state.closeReasons.${a.closeReason}`)}` : ""}
            </Fact>
          ) : null}
          {a.resolution ? (
            <div className="sm:col-span-3">
              <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{t("alerts.detail.resolution")}</dt>
              <dd className="mt-0.5 whitespace-pre-line">{a.resolution}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      {open ? (
        <section aria-labelledby="alert-actions-heading" className="space-y-3">
          <h2 id="alert-actions-heading" className="text-lg font-semibold">
            {t("alerts.actions.heading")}
          </h2>
          <div key={formsKey} className="grid gap-4 lg:grid-cols-2">
            {a.status !== "acknowledged" ? <AcknowledgeForm lastResult={replyOf(lastResult, "acknowledge")} /> : null}
            <SnoozeForm rules={ALERT_FORM_RULES} bounds={bounds} defaults={defaults} lastResult={replyOf(lastResult, "snooze")} />
            <AssignForm
              rules={ALERT_FORM_RULES}
              bounds={bounds}
              defaults={defaults}
              people={assignable}
              current={{ assignee: a.assigneeUserId, dueDate: a.dueDate }}
              lastResult={replyOf(lastResult, "assign")}
            />
            <ResolveForm rules={ALERT_FORM_RULES} lastResult={replyOf(lastResult, "resolve")} />
            <CommentForm rules={ALERT_FORM_RULES} lastResult={replyOf(lastResult, "comment")} />
          </div>
        </section>
      ) : (
        <p className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700" data-testid="alert-closed">
          {t("alerts.detail.closedNote")}
        </p>
      )}

      <AlertHistory events={events} timezone={timezone} />
    </div>
  );
}
