import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors } from "~/components/forms";
import { PlanActions } from "~/components/plans/plan-actions";
import { PlanLinesTable } from "~/components/plans/plan-lines-table";
import { PlanReview } from "~/components/plans/plan-review";
import { PlanRouteSummary } from "~/components/plans/plan-route";
import { PlanTimeline } from "~/components/plans/plan-timeline";
import { submittedIntent, withStatusInWords, type PlanActionReply } from "~/components/plans/plan-form-reply";
import { PlanStatusBadge } from "~/components/plan-status-badge";
import { requireMembership } from "~/services/auth/guards.server";
import { actOnPlan, mayTakeAction } from "~/services/plans/act.server";
import { PLAN_MAX_LINES } from "~/services/plans/plan-line-schema";
import { loadPlanPage } from "~/services/plans/plan-page.server";
import { SELECTION_MAX } from "~/services/plans/decide-selection.server";
import { readReviewQuery } from "~/services/plans/review-page";
import { PlanOutcome } from "~/components/plans/plan-outcome";
import { formatInstant } from "~/utils/format";
import { isUuid } from "~/utils/ids";
import { wholeNumber } from "~/utils/input/decimal";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.plan.number ?? "VMI Portal" }];

/**
 * The stale-page guard: read strictly as a whole number; anything else stands for no version at
 * all, which the service refuses as stale (409), as it does an old one.
 */
const lockVersion = z.unknown().transform((value) => wholeNumber(value) ?? -1);

/** Text as typed: the services read it by the input rules and name what is wrong beside the field. */
const text = z.string().optional();

/** The ticked lines' numbers as sent (one value or many); the service reads each strictly. */
const selected = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string()).max(SELECTION_MAX),
);

/**
 * The page's forms, by the button pressed: withdraw and revise (the supplier), the review's
 * decisions line by line (`lines[0].code`, `.qty`, `.arrival`, `.reason`) or approve all, and
 * the comment's request changes or reject all.
 */
const PlanActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("withdraw"), lockVersion }),
  z.object({ intent: z.literal("revise"), lockVersion }),
  z.object({ intent: z.literal("approve-all"), lockVersion }),
  z.object({
    intent: z.literal("record-page"),
    lockVersion,
    // A page of the lines: the positions it did not show are absent.
    lines: z
      .array(z.object({ code: text, qty: text, arrival: text, reason: text }).optional())
      .max(PLAN_MAX_LINES)
      .optional(),
  }),
  z.object({
    intent: z.literal("decide"),
    lockVersion,
    lines: z
      .array(z.object({ code: text, qty: text, arrival: text, reason: text }))
      .max(PLAN_MAX_LINES)
      .optional(),
  }),
  z.object({ intent: z.literal("reject-all"), lockVersion, comment: text }),
  z.object({ intent: z.enum(["approve-selected", "reject-selected"]), lockVersion, selected, selectionReason: text }),
  z.object({ intent: z.literal("request-changes"), lockVersion, comment: text }),
]);

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const planId = args.params.planId ?? "";
  invariantFound(isUuid(planId));
  const page = await loadPlanPage(membership, planId, readReviewQuery(new URL(args.request.url).searchParams));
  // Unknown, another supplier's or another tenant's plan: the same 404.
  invariantFound(page);
  return { ...page, role: membership.role, timezone: membership.tenant.timezone, currency: membership.tenant.currency };
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const planId = args.params.planId ?? "";
  invariantFound(isUuid(planId));
  const form = await requireFormData(args.request);
  // Only the roles that decide get as far as reading a decision form: the same 404 as for a plan
  // that does not exist.
  invariantFound(mayTakeAction(membership, String(form.get("intent") ?? "")));
  const submission = parseWithZod(form, { schema: PlanActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const outcome = await actOnPlan(membership, planId, submission.value);
    const planUrl = `/t/${membership.tenant.slug}/plans/${planId}`;
    if (outcome.to === "edit") return redirect(`${planUrl}/edit`);
    // A selection is decided from a page of the lines: back to the same page and filter.
    const back = outcome.params ? `${planUrl}${new URL(args.request.url).search}` : planUrl;
    return redirectWithToast(args.request, back, { key: outcome.toast, ...(outcome.params ? { params: outcome.params } : {}) });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

export default function PlanPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { plan, lines, allLines, events, role, timezone, review, actions, currency, paging } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as PlanActionReply | undefined;
  const locale = i18n.language;
  const can = (action: (typeof actions)[number]) => actions.includes(action);
  const intent = submittedIntent(reply);
  const earlier = [...new Set(allLines.map((l) => l.version))].sort((a, b) => b - a);
  // The page's own messages (a stale page, an action its state does not allow) stand at the top;
  // a field's stand beside it, and a comment's too while its form is shown.
  const formErrors = [...(reply?.error?.[""] ?? []), ...(can("request_changes") ? [] : (reply?.error?.comment ?? []))].map(
    (message) => withStatusInWords(message, t),
  );

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/plans`} className="text-sm text-indigo-700 hover:underline">
          ← {t("plans.title")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">
            {plan.number ? t("plans.page.title", { number: plan.number }) : t("plans.page.draftTitle")}
          </h1>
          <PlanStatusBadge status={plan.status} />
          {plan.decisionCode ? (
            <span className="badge bg-slate-100 text-slate-800" data-testid="plan-decision-code">
              {t(`approvals.headerCodes.${plan.decisionCode}`, { defaultValue: plan.decisionCode })}
            </span>
          ) : null}
          <span className="text-sm text-slate-600">{t("plans.versionValue", { version: plan.version })}</span>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {plan.supplierName} · {t("plans.page.created", { when: formatInstant(locale, timezone, plan.createdAt) })}
          {plan.submittedAt
            ? ` · ${t(plan.route?.autoApproved ? "plans.page.autoApprovedAt" : "plans.page.submittedAt", {
                when: formatInstant(locale, timezone, plan.submittedAt),
              })}`
            : ""}
        </p>
      </div>

      <PlanOutcome />
      <FormErrors errors={formErrors} />

      {plan.note ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="font-semibold">{t("plans.page.note")}</h2>
          <p className="mt-1 whitespace-pre-line">{plan.note}</p>
        </section>
      ) : null}

      <PlanRouteSummary route={plan.route} status={plan.status} currency={currency} />

      {review && (can("decide") || plan.status === "submitted" || plan.status === "in_review") ? (
        <section aria-labelledby="review-title" className="rounded-lg border border-indigo-200 bg-white p-4">
          <h2 id="review-title" className="text-base font-semibold">
            {t("approvals.review.title")}
          </h2>
          <div className="mt-2">
            <PlanReview
              // A plan changed meanwhile (another step, a reload) starts the form afresh.
              key={plan.lockVersion}
              lines={lines}
              facts={review.lines}
              currency={currency}
              holdingRate={review.holdingRate}
              totals={review.totals}
              canDecide={can("decide")}
              lockVersion={plan.lockVersion}
              lastResult={intent === "decide" || intent === "approve-all" ? reply : undefined}
              selectionResult={intent === "approve-selected" || intent === "reject-selected" ? reply : undefined}
              paging={paging}
            />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="lines-title" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="lines-title" className="px-4 pt-4 text-base font-semibold">
          {t("plans.page.lines", { version: plan.version })}
        </h2>
        <div className="mt-2">
          <PlanLinesTable lines={lines} caption={t("plans.page.linesCaption", { version: plan.version })} />
        </div>
      </section>

      <PlanActions
        key={plan.lockVersion}
        plan={plan}
        isSupplier={role === "supplier"}
        actions={actions}
        lastResult={intent === "request-changes" || intent === "reject-all" ? reply : undefined}
      />

      <PlanTimeline events={events} timezone={timezone} />

      {earlier.length > 0 ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="text-base font-semibold">{t("plans.page.history")}</h2>
          {earlier.map((version) => (
            <details key={version} className="mt-2">
              <summary className="cursor-pointer text-indigo-700">{t("plans.page.historyVersion", { version })}</summary>
              <PlanLinesTable
                lines={allLines.filter((l) => l.version === version)}
                caption={t("plans.page.linesCaption", { version })}
              />
            </details>
          ))}
        </section>
      ) : null}
    </div>
  );
}
