import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { withTenant } from "@db/scope";
import { PlanStatusBadge } from "~/components/plan-status-badge";
import { getPlan, type PlanLineRecord } from "~/models/plans.server";
import { requireMembership } from "~/services/auth/guards.server";
import {
  PlanConflictError,
  PlanServiceError,
  PlanValidationError,
  requestChanges,
  revisePlan,
  withdrawPlan,
} from "~/services/plans/index.server";
import { readFormData } from "~/services/plan-forms/plan-form-action.server";
import { getDb } from "~/utils/db.server";
import { formatDay, formatInstant, formatQuantity } from "~/utils/format";
import { withdrawableStatuses } from "~/utils/plan-status";
import { isUuid } from "~/utils/ids";


export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.plan.number ?? "VMI Portal" }];

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const planId = args.params.planId ?? "";
  const detail = isUuid(planId) ? await withTenant(getDb(), membership.scope, (tx) => getPlan(tx, membership.scope, planId)) : null;
  // Unknown, another supplier's or another tenant's plan: the same 404.
  if (!detail) throw new Response("Not found", { status: 404 });
  return { ...detail, role: membership.role, timezone: membership.tenant.timezone };
}

type ActionResult = { error: "conflict" | "state" | "comment"; code?: string; max?: number; status?: string };

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const planId = args.params.planId ?? "";
  if (!isUuid(planId)) throw new Response("Not found", { status: 404 });
  const form = await readFormData(args.request);
  if (!form) throw new Response("Bad request: expected a form", { status: 400 });
  const intent = String(form.get("intent") ?? "");
  const lockVersion = Number(form.get("lockVersion"));
  const input = { planId, lockVersion: Number.isInteger(lockVersion) ? lockVersion : -1 };
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
    if (intent === "request-changes") {
      await requestChanges(getDb(), membership.scope, { ...input, comment: String(form.get("comment") ?? ""), role: membership.role });
      return redirect(`${base}?done=changesRequested`);
    }
  } catch (error) {
    if (error instanceof PlanValidationError) {
      const first = error.planErrors[0];
      return data<ActionResult>({ error: "comment", code: first?.code ?? "required", max: Number(first?.params?.max ?? 0) }, { status: 400 });
    }
    if (error instanceof PlanConflictError) {
      return data<ActionResult>({ error: error.reason === "stale" ? "conflict" : "state", status: error.current.status }, { status: 409 });
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
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="plan-lines">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">#</th>
            <th scope="col" className="px-3 py-2">{t("plans.page.sku")}</th>
            <th scope="col" className="px-3 py-2">{t("plans.page.item")}</th>
            <th scope="col" className="px-3 py-2">{t("plans.page.site")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("plans.page.qty")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("plans.page.proposed")}</th>
            <th scope="col" className="px-3 py-2">{t("plans.page.shipDate")}</th>
            <th scope="col" className="px-3 py-2">{t("plans.page.arrivalDate")}</th>
            <th scope="col" className="px-3 py-2">{t("plans.page.reason")}</th>
            <th scope="col" className="px-3 py-2">{t("plans.page.lineStatus")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="px-3 py-2 tabular-nums">{l.lineNo}</td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{l.sku}</td>
              <td className="px-3 py-2">{l.itemName}</td>
              <td className="px-3 py-2" title={l.siteName}>{l.siteCode}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(locale, l.qty)} <span className="text-xs text-slate-500">{l.uom}</span></td>
              <td className="px-3 py-2 text-right tabular-nums text-slate-500">{formatQuantity(locale, l.proposedQty)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, l.shipDate)}</td>
              <td className="whitespace-nowrap px-3 py-2">{formatDay(locale, l.arrivalDate)}</td>
              <td className="px-3 py-2 text-slate-700">{l.reason ?? ""}</td>
              <td className="px-3 py-2">{t(`plans.lineStatuses.${l.status}`, { defaultValue: l.status })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const button =
  "rounded-md px-3 py-1.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60";

export default function PlanPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const [search] = useSearchParams();
  const { plan, lines, allLines, events, role, timezone } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const isSupplier = role === "supplier";
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
          <span className="text-sm text-slate-600">{t("plans.versionValue", { version: plan.version })}</span>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {plan.supplierName} · {t("plans.page.created", { when: formatInstant(locale, timezone, plan.createdAt) })}
          {plan.submittedAt ? ` · ${t("plans.page.submittedAt", { when: formatInstant(locale, timezone, plan.submittedAt) })}` : ""}
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
                  : null}
        </p>
      ) : null}
      {result ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {result.error === "conflict"
            ? t("plans.page.conflict")
            : result.error === "state"
              ? t("plans.page.notAllowed", { status: t(`plans.statuses.${result.status}`, { defaultValue: result.status ?? "" }) })
              : t(`plans.errors.${result.code ?? "required"}`, { max: result.max })}
        </p>
      ) : null}

      {plan.note ? (
        <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="font-semibold">{t("plans.page.note")}</h2>
          <p className="mt-1 whitespace-pre-line">{plan.note}</p>
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
        <h2 id="actions-title" className="text-base font-semibold">{t("plans.page.actions")}</h2>
        <div className="mt-3 flex flex-wrap items-start gap-4">
          {isSupplier && plan.status === "draft" ? (
            <Link to={`/t/${tenant}/plans/${plan.id}/edit`} className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}>
              {t("plans.page.edit")}
            </Link>
          ) : null}
          {isSupplier && withdrawableStatuses.includes(plan.status) ? (
            <Form method="post">
              <input type="hidden" name="lockVersion" value={plan.lockVersion} />
              <button type="submit" name="intent" value="withdraw" disabled={navigation.state !== "idle"} className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}>
                {t("plans.page.withdraw")}
              </button>
              <p className="mt-1 text-xs text-slate-500">{t("plans.page.withdrawHint")}</p>
            </Form>
          ) : null}
          {isSupplier && plan.status === "changes_requested" ? (
            <Form method="post">
              <input type="hidden" name="lockVersion" value={plan.lockVersion} />
              <button type="submit" name="intent" value="revise" disabled={navigation.state !== "idle"} className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}>
                {t("plans.page.revise")}
              </button>
              <p className="mt-1 text-xs text-slate-500">{t("plans.page.reviseHint", { next: plan.version + 1 })}</p>
            </Form>
          ) : null}
          {!isSupplier && (plan.status === "submitted" || plan.status === "in_review") ? (
            <Form method="post" className="w-full max-w-lg">
              <input type="hidden" name="lockVersion" value={plan.lockVersion} />
              <label htmlFor="comment" className="text-xs font-medium text-slate-600">
                {t("plans.page.comment")}
              </label>
              <textarea id="comment" name="comment" rows={2} required className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm" />
              <button type="submit" name="intent" value="request-changes" disabled={navigation.state !== "idle"} className={`${button} mt-2 border border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100`}>
                {t("plans.page.requestChanges")}
              </button>
              <p className="mt-1 text-xs text-slate-500">{t("plans.page.requestChangesHint")}</p>
            </Form>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="timeline-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="timeline-title" className="text-base font-semibold">{t("plans.page.timeline")}</h2>
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
              <LinesTable lines={allLines.filter((l) => l.version === version)} caption={t("plans.page.linesCaption", { version })} />
            </details>
          ))}
        </section>
      ) : null}
    </div>
  );
}
