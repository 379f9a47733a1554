import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { allowedPlanActions, roleMay, type PlanWorkflowRole } from "~/core";
import { PlanReview, type DecisionError } from "~/components/plans/plan-review";
import { PlanRouteSummary } from "~/components/plans/plan-route";
import { PlanStatusBadge } from "~/components/plan-status-badge";
import type { PlanLineRecord } from "~/models/plans.server";
import { requireMembership } from "~/services/auth/guards.server";
import {
  decideStep,
  PlanConflictError,
  PlanDecisionValidationError,
  PlanServiceError,
  PlanValidationError,
  requestChanges,
  revisePlan,
  withdrawPlan,
  type LineDecisionInput,
} from "~/services/plans/index.server";
import { loadPlanForReview } from "~/services/plans/review.server";
import { readFormData } from "~/services/plan-forms/plan-form-action.server";
import { getDb } from "~/utils/db.server";
import { formatDay, formatInstant, formatQuantity } from "~/utils/format";
import { isUuid } from "~/utils/ids";
import { wholeNumber } from "~/utils/input/decimal";
import { PLAN_MAX_LINES } from "~/utils/plan-lines";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.plan.number ?? "VMI Portal" }];

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const planId = args.params.planId ?? "";
  const found = isUuid(planId) ? await loadPlanForReview(getDb(), membership.scope, planId) : null;
  // Unknown, another supplier's or another tenant's plan: the same 404.
  if (!found) throw new Response("Not found", { status: 404 });
  return {
    ...found.detail,
    review: found.review,
    role: membership.role,
    actions: allowedPlanActions(membership.role as PlanWorkflowRole, found.detail.plan.status),
    timezone: membership.tenant.timezone,
    currency: membership.tenant.currency,
  };
}

type ActionResult =
  | { error: "conflict" | "state" | "comment"; code?: string; max?: number; status?: string; comment?: string }
  | { error: "decisions"; errors: DecisionError[] };

/**
 * The review form's per-line fields (code:<line>, qty:<line>, arrival:<line>, reason:<line>), read
 * in one pass; null when the form names more lines than a plan can have. Quantities and reasons go
 * to the service as typed: it reads them by the input rules and names what is wrong.
 */
function decisionsOf(form: FormData): LineDecisionInput[] | null {
  const byLine = new Map<number, LineDecisionInput>();
  for (const [key, value] of form.entries()) {
    const match = /^(code|qty|arrival|reason):(\d{1,4})$/.exec(key);
    if (!match || typeof value !== "string") continue;
    const lineNo = wholeNumber(match[2]) ?? 0;
    let decision = byLine.get(lineNo);
    if (!decision) {
      if (byLine.size >= PLAN_MAX_LINES) return null;
      decision = { lineNo, code: null, qty: null, arrivalDate: null, reason: null };
      byLine.set(lineNo, decision);
    }
    const text = value.trim();
    if (match[1] === "code") decision.code = text;
    else if (match[1] === "qty") decision.qty = text === "" ? null : text;
    else if (match[1] === "arrival") decision.arrivalDate = text || null;
    else decision.reason = value;
  }
  return [...byLine.values()];
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const planId = args.params.planId ?? "";
  if (!isUuid(planId)) throw new Response("Not found", { status: 404 });
  const form = await readFormData(args.request);
  if (!form) throw new Response("Bad request: expected a form", { status: 400 });
  const intent = String(form.get("intent") ?? "");
  const deciding = intent === "decide" || intent === "approve-all" || intent === "reject-all";
  // Only the roles that decide get as far as reading a decision form: the same 404 as for a plan
  // that does not exist.
  if (deciding && !roleMay(membership.role as PlanWorkflowRole, "decide")) throw new Response("Not found", { status: 404 });
  const input = { planId, lockVersion: wholeNumber(form.get("lockVersion")) ?? -1 };
  const base = `/t/${membership.tenant.slug}/plans/${planId}`;
  try {
    if (intent === "withdraw") {
      await withdrawPlan(getDb(), membership.scope, input);
      return redirect(`${base}?done=withdrawn`);
    }
    if (intent === "revise") {
      await revisePlan(getDb(), membership.scope, input);
      return redirect(`/t/${membership.tenant.slug}/plans/${planId}/edit`);
    }
    if (deciding) {
      const decisions = intent === "decide" ? decisionsOf(form) : [];
      if (decisions === null) throw new Response("Bad request: too many lines", { status: 400 });
      const { plan } = await decideStep(getDb(), membership.scope, {
        ...input,
        role: membership.role as PlanWorkflowRole,
        comment: String(form.get("comment") ?? ""),
        ...(intent === "decide" ? { decisions } : { all: intent === "approve-all" ? "IA" : "IR" }),
      });
      return redirect(`${base}?done=${plan.status === "in_review" ? "stepDone" : "decided"}`);
    }
    if (intent === "request-changes") {
      await requestChanges(getDb(), membership.scope, {
        ...input,
        comment: String(form.get("comment") ?? ""),
        role: membership.role,
      });
      return redirect(`${base}?done=changesRequested`);
    }
  } catch (error) {
    if (error instanceof PlanDecisionValidationError) {
      return data<ActionResult>({ error: "decisions", errors: error.errors }, { status: 400 });
    }
    if (error instanceof PlanValidationError) {
      const first = error.planErrors[0];
      return data<ActionResult>(
        {
          error: "comment",
          code: first?.code ?? "required",
          max: typeof first?.params?.max === "number" ? first.params.max : 0,
          comment: String(form.get("comment") ?? ""),
        },
        { status: 400 },
      );
    }
    if (error instanceof PlanConflictError) {
      return data<ActionResult>(
        { error: error.reason === "stale" ? "conflict" : "state", status: error.current.status },
        { status: 409 },
      );
    }
    // Not found, or not this role's to do: the same 404.
    if (error instanceof PlanServiceError) throw new Response("Not found", { status: 404 });
    throw error;
  }
  throw new Response("Bad request", { status: 400 });
}

function LinesTable({ lines, caption }: { lines: PlanLineRecord[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const decided = lines.some((l) => l.decisionCode !== null);
  const fulfilled = lines.some((l) => l.shippedQty > 0);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="plan-lines">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              #
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.sku")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.item")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.site")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("plans.page.qty")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("plans.page.proposed")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.shipDate")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.arrivalDate")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.reason")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("plans.page.lineStatus")}
            </th>
            {decided ? (
              <th scope="col" className="px-3 py-2">
                {t("approvals.line.decision")}
              </th>
            ) : null}
            {fulfilled ? (
              <th scope="col" className="px-3 py-2">
                {t("approvals.line.fulfilment")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="px-3 py-2 tabular-nums">{l.lineNo}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{l.sku}</td>
              <td className="px-3 py-2">{l.itemName}</td>
              <td className="px-3 py-2" title={l.siteName}>
                {l.siteCode}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {formatQuantity(locale, l.qty)} <span className="text-xs text-slate-500">{l.uom}</span>
              </td>
              <td className="px-3 py-2 text-right tabular-nums text-slate-500">{formatQuantity(locale, l.proposedQty)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, l.shipDate)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, l.arrivalDate)}</td>
              <td className="px-3 py-2 text-slate-700">{l.reason ?? ""}</td>
              <td className="px-3 py-2">{t(`plans.lineStatuses.${l.status}`, { defaultValue: l.status })}</td>
              {decided ? (
                <td className="px-3 py-2" data-testid={`line-decision-${l.lineNo}`}>
                  {l.decisionCode ? (
                    <>
                      <span className="font-mono text-xs font-semibold">{l.decisionCode}</span>
                      {l.decisionCode !== "IR" && l.approvedQty !== null ? (
                        <span className="ml-1 tabular-nums">
                          {formatQuantity(locale, l.approvedQty)} · {formatDay(locale, l.approvedArrivalDate ?? l.arrivalDate)}
                        </span>
                      ) : null}
                      {l.decisionReason ? <span className="block text-xs text-slate-600">{l.decisionReason}</span> : null}
                    </>
                  ) : null}
                </td>
              ) : null}
              {fulfilled ? (
                <td className="px-3 py-2 text-xs" data-testid={`line-fulfilment-${l.lineNo}`}>
                  {l.shippedQty > 0 ? (
                    <>
                      <span className="tabular-nums">
                        {formatQuantity(locale, l.shippedQty)} / {formatQuantity(locale, l.receivedQty)}
                      </span>
                      {l.onTime !== null ? (
                        <span
                          className={`badge ml-1 ${l.onTime ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-800"}`}
                        >
                          {l.onTime ? t("approvals.line.onTime") : t("approvals.line.late")}
                        </span>
                      ) : null}
                      {l.fillRate !== null ? (
                        <span className="block text-slate-600">
                          {t("approvals.line.fillRate", {
                            rate: new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(
                              l.fillRate,
                            ),
                          })}
                        </span>
                      ) : null}
                    </>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A step decision's lines in the timeline: "Line 2: IQ 120 · Dec 3, 2026 — reason". */
function StepDetails({ details }: { details: unknown }) {
  const { t, i18n } = useTranslation();
  const lines = (details as { lines?: unknown } | null)?.lines;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  const locale = i18n.language;
  return (
    <ul className="mt-0.5 text-xs text-slate-600">
      {(lines as { lineNo: number; code: string; qty: number; arrivalDate: string; reason: string | null }[]).map((l) => (
        <li key={l.lineNo}>
          {t("plans.builder.line", { line: l.lineNo })}: <span className="font-mono font-semibold">{l.code}</span>
          {l.code !== "IR" ? ` ${formatQuantity(locale, l.qty)} · ${formatDay(locale, l.arrivalDate)}` : ""}
          {l.reason ? ` — ${l.reason}` : ""}
        </li>
      ))}
    </ul>
  );
}

const button =
  "rounded-md px-3 py-1.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60";

export default function PlanPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const [search] = useSearchParams();
  const { plan, lines, allLines, events, role, timezone, review, actions, currency } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const isSupplier = role === "supplier";
  const can = (action: (typeof actions)[number]) => actions.includes(action);
  const busy = navigation.state !== "idle";
  const done = search.get("done");
  const earlier = [...new Set(allLines.filter((l) => l.version !== plan.version).map((l) => l.version))].sort((a, b) => b - a);

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
            ? ` · ${t("plans.page.submittedAt", { when: formatInstant(locale, timezone, plan.submittedAt) })}`
            : ""}
        </p>
      </div>

      {done ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {done === "submitted"
            ? t("plans.page.submittedToast", { number: plan.number ?? "" })
            : done === "saved"
              ? t("plans.page.saved")
              : done === "withdrawn"
                ? t("plans.page.withdrawn")
                : done === "changesRequested"
                  ? t("plans.page.changesRequested")
                  : done === "decided"
                    ? t("approvals.done.decided")
                    : done === "stepDone"
                      ? t("approvals.done.stepDone")
                      : done === "shipped"
                        ? t("shipments.detail.recorded")
                        : null}
        </p>
      ) : null}
      {/* A comment's message stands beside the comment (below) while its form is shown. */}
      {result && result.error !== "decisions" && !(result.error === "comment" && can("request_changes")) ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {result.error === "conflict"
            ? t("plans.page.conflict")
            : result.error === "state"
              ? t("plans.page.notAllowed", {
                  status: t(`plans.statuses.${result.status}`, { defaultValue: result.status ?? "" }),
                })
              : t(`plans.errors.${result.code ?? "required"}`, { max: result.max })}
        </p>
      ) : null}

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
              lines={lines}
              facts={review.lines}
              currency={currency}
              holdingRate={review.holdingRate}
              totals={review.totals}
              canDecide={can("decide")}
              lockVersion={plan.lockVersion}
              errors={result && result.error === "decisions" ? result.errors : []}
              busy={busy}
            />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="lines-title" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="lines-title" className="px-4 pt-4 text-base font-semibold">
          {t("plans.page.lines", { version: plan.version })}
        </h2>
        <div className="mt-2">
          <LinesTable lines={lines} caption={t("plans.page.linesCaption", { version: plan.version })} />
        </div>
      </section>

      <section aria-labelledby="actions-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="actions-title" className="text-base font-semibold">
          {t("plans.page.actions")}
        </h2>
        <div className="mt-3 flex flex-wrap items-start gap-4">
          {can("ship") ? (
            <Link
              to={`/t/${tenant}/shipments/new?plan=${plan.id}`}
              className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}
            >
              {t("approvals.review.recordShipment")}
            </Link>
          ) : null}
          {isSupplier && plan.status === "draft" ? (
            <Link to={`/t/${tenant}/plans/${plan.id}/edit`} className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}>
              {t("plans.page.edit")}
            </Link>
          ) : null}
          {can("withdraw") ? (
            <Form method="post">
              <input type="hidden" name="lockVersion" value={plan.lockVersion} />
              <button
                type="submit"
                name="intent"
                value="withdraw"
                disabled={navigation.state !== "idle"}
                className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
              >
                {t("plans.page.withdraw")}
              </button>
              <p className="mt-1 text-xs text-slate-500">{t("plans.page.withdrawHint")}</p>
            </Form>
          ) : null}
          {isSupplier && plan.status === "changes_requested" ? (
            <Form method="post">
              <input type="hidden" name="lockVersion" value={plan.lockVersion} />
              <button
                type="submit"
                name="intent"
                value="revise"
                disabled={navigation.state !== "idle"}
                className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}
              >
                {t("plans.page.revise")}
              </button>
              <p className="mt-1 text-xs text-slate-500">{t("plans.page.reviseHint", { next: plan.version + 1 })}</p>
            </Form>
          ) : null}
          {can("request_changes") ? (
            <Form method="post" className="w-full max-w-lg">
              <input type="hidden" name="lockVersion" value={plan.lockVersion} />
              <label htmlFor="comment" className="text-xs font-medium text-slate-600">
                {t("approvals.review.comment")}
              </label>
              <textarea
                id="comment"
                name="comment"
                rows={2}
                required
                defaultValue={result && result.error === "comment" ? result.comment : undefined}
                aria-invalid={(result && result.error === "comment") || undefined}
                aria-describedby={result && result.error === "comment" ? "comment-error comment-hint" : "comment-hint"}
                className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
              />
              {result && result.error === "comment" ? (
                <p id="comment-error" role="alert" className="text-sm text-red-700">
                  {t(`plans.errors.${result.code ?? "required"}`, { max: result.max })}
                </p>
              ) : null}
              <p id="comment-hint" className="text-xs text-slate-500">
                {t("approvals.review.commentHint")}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="submit"
                  name="intent"
                  value="request-changes"
                  disabled={busy}
                  className={`${button} border border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100`}
                >
                  {t("plans.page.requestChanges")}
                </button>
                {can("decide") ? (
                  <button
                    type="submit"
                    name="intent"
                    value="reject-all"
                    disabled={busy}
                    className={`${button} border border-red-300 bg-red-50 text-red-800 hover:bg-red-100`}
                  >
                    {t("approvals.review.rejectAll")}
                  </button>
                ) : null}
              </div>
              <p className="mt-1 text-xs text-slate-500">
                {t("plans.page.requestChangesHint")} {t("approvals.review.rejectAllHint")}
              </p>
            </Form>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="timeline-title" className="text-base font-semibold">
          {t("plans.page.timeline")}
        </h2>
        {events.length === 0 ? (
          <p className="mt-2 text-slate-500">{t("plans.page.noEvents")}</p>
        ) : (
          <ol className="mt-2 space-y-2 border-l border-slate-200 pl-4" data-testid="plan-timeline">
            {events.map((e) => (
              <li key={e.id}>
                <p>
                  <span className="font-medium">
                    {t("plans.eventBy", {
                      action: t(`plans.events.${e.action}`, { defaultValue: e.action }),
                      role: t(`plans.roles.${e.actorRole ?? "system"}`, { defaultValue: e.actorRole ?? "" }),
                    })}
                  </span>{" "}
                  <span className="text-slate-500">
                    · {t("plans.versionValue", { version: e.version })} · {formatInstant(locale, timezone, e.occurredAt)}
                  </span>
                </p>
                {e.comment ? <p className="mt-0.5 whitespace-pre-line text-slate-700">{e.comment}</p> : null}
                <StepDetails details={e.details} />
              </li>
            ))}
          </ol>
        )}
      </section>

      {earlier.length > 0 ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="text-base font-semibold">{t("plans.page.history")}</h2>
          {earlier.map((version) => (
            <details key={version} className="mt-2">
              <summary className="cursor-pointer text-indigo-700">{t("plans.page.historyVersion", { version })}</summary>
              <LinesTable
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
