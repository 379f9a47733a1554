import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlanStatusBadge } from "~/components/plan-status-badge";
import { StatusBadge, UrgencyBadge } from "~/components/status-badge";
import { buttonClass } from "~/components/ui/button";
import { requireMembership } from "~/services/auth/guards.server";
import { loadSupplierHome } from "~/services/home/supplier-home.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { roleHome } from "~/utils/navigation";

/**
 * /t/:tenant: a supplier's start page (what needs attention first); other roles go to their home.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  if (membership.role !== "supplier") throw redirect(`/t/${membership.tenant.slug}/${roleHome[membership.role]}`);
  return loadSupplierHome(membership);
}

export default function SupplierHome() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { tenantName, attention, plans } = useLoaderData<typeof loader>();
  const locale = i18n.language;
  const counts = {
    actNow: attention.rows.filter((r) => r.urgency === "act_now").length,
    planNeeded: attention.rows.filter((r) => r.urgency === "plan_needed").length,
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("home.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("home.subtitle", { tenant: tenantName })}</p>
        </div>
        <Link to={`/t/${tenant}/plans/new`} className={buttonClass("primary", "md")}>
          {t("home.planNow")}
        </Link>
      </div>

      <dl className="grid gap-4 sm:grid-cols-3">
        {[
          ["home.actNow", counts.actNow, "text-red-700"],
          ["home.planNeeded", counts.planNeeded, "text-amber-700"],
          ["home.plansWaiting", plans.total, "text-indigo-700"],
        ].map(([label, value, colour]) => (
          <div key={String(label)} className="rounded-lg border border-slate-200 bg-white p-4">
            <dt className="text-sm text-slate-600">{t(String(label))}</dt>
            <dd className={`mt-1 text-2xl font-bold tabular-nums ${colour}`}>
              {new Intl.NumberFormat(locale).format(Number(value))}
            </dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="attention-title" className="rounded-lg border border-slate-200 bg-white">
        <h2 id="attention-title" className="px-4 pt-4 text-base font-semibold">
          {t("home.attentionTitle")}
        </h2>
        <p className="px-4 text-sm text-slate-600">{t("home.attentionHint")}</p>
        {attention.rows.length === 0 ? (
          <p className="p-4 text-sm text-emerald-700">{t("home.allGood")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="attention-table">
              <caption className="sr-only">{t("home.attentionTitle")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    {t("inventory.sku")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("inventory.item")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("inventory.site")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("inventory.onHand")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    {t("inventory.min")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("inventory.stockout")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("inventory.status")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    {t("inventory.urgency")}
                  </th>
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">{t("home.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {attention.rows.map((r) => (
                  <tr key={r.agreementId}>
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                      <Link to={`/t/${tenant}/inventory/${r.agreementId}`} className="text-indigo-700 hover:underline">
                        {r.sku}
                      </Link>
                    </td>
                    <td className="px-3 py-2">{r.itemName}</td>
                    <td className="px-3 py-2">{r.siteCode}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(locale, r.onHand)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(locale, r.minQty)}</td>
                    <td className="whitespace-nowrap px-3 py-2">{r.stockoutDate ? formatDay(locale, r.stockoutDate) : "—"}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={r.status} />
                    </td>
                    <td className="px-3 py-2">
                      {r.urgency ? <UrgencyBadge urgency={r.urgency} label={t(`inventory.urgencies.${r.urgency}`)} /> : "—"}
                    </td>
                    <td className="px-3 py-2 text-right">
                      <Link
                        to={`/t/${tenant}/plans/new?agreement=${r.agreementId}`}
                        className="text-sm text-indigo-700 hover:underline"
                      >
                        {t("home.plan")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="plans-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="plans-title" className="text-base font-semibold">
          {t("home.plansTitle")}
        </h2>
        {plans.rows.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{t("home.noPlans")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="plans-waiting">
            {plans.rows.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 py-2">
                <Link to={`/t/${tenant}/plans/${p.id}`} className="font-mono text-xs text-indigo-700 hover:underline">
                  {p.number ?? t("plans.draftNumber")}
                </Link>
                <PlanStatusBadge status={p.status} />
                <span className="text-slate-600">
                  {t("home.planLines", { lines: p.lineCount, qty: formatQuantity(locale, p.totalQty) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
