import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OpenAlertList } from "~/components/alerts/open-alert-list";
import { PlanStatusBadge } from "~/components/plan-status-badge";
import { StatusBadge, UrgencyBadge } from "~/components/status-badge";
import { buttonClass } from "~/components/ui/button";
import { requireMembership } from "~/services/auth/guards.server";
import { BUYER_HOME_ROLES, loadBuyerHome, type OpenAlertList as OpenAlerts } from "~/services/home/buyer-home.server";
import { loadSupplierHome } from "~/services/home/supplier-home.server";
import { describeAlert } from "~/services/notifications/alert-text";
import { formatDay, formatQuantity } from "~/utils/format";
import { roleHome } from "~/utils/navigation";

/**
 * /t/:tenant: the start page. A supplier's leads with its open alerts, then what needs stock; a
 * buyer's or a manager's with their open alerts and to-dos, then what waits for their approval.
 * Administrators go to their home (the inventory).
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const base = { timezone: membership.tenant.timezone };
  if (membership.role === "supplier") return { kind: "supplier" as const, ...base, ...(await loadSupplierHome(membership)) };
  if ((BUYER_HOME_ROLES as readonly string[]).includes(membership.role)) {
    return { kind: "buyer" as const, ...base, ...(await loadBuyerHome(membership)) };
  }
  throw redirect(`/t/${membership.tenant.slug}/${roleHome[membership.role]}`);
}

type HomeData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return data.kind === "supplier" ? <SupplierHome data={data} /> : <BuyerHome data={data} />;
}

/** The open alerts a start page leads with, their counts, and the way to all of them. */
function AlertsSection({ alerts, timezone, mineFirst }: { alerts: OpenAlerts; timezone: string; mineFirst: boolean }) {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const locale = i18n.language;
  const translate = (key: string, options?: Record<string, unknown>) => t(key, options ?? {}) as string;
  const items = alerts.rows.map((a) => ({ ...a, ...describeAlert(translate, a, locale) }));
  const number = (n: number) => new Intl.NumberFormat(locale).format(n);
  return (
    <section aria-labelledby="alerts-title" className="rounded-lg border border-slate-200 bg-white" data-testid="home-alerts">
      <div className="flex flex-wrap items-baseline justify-between gap-2 px-4 pt-4">
        <h2 id="alerts-title" className="text-base font-semibold">
          {t("home.alerts.title")}
        </h2>
        {alerts.total > 0 ? (
          <p className="text-sm text-slate-600" data-testid="home-alert-counts">
            {t("home.alerts.counts", {
              total: number(alerts.total),
              critical: number(alerts.critical),
              mine: number(alerts.assignedToMe),
            })}
          </p>
        ) : null}
      </div>
      <p className="px-4 text-sm text-slate-600">{t(mineFirst ? "home.alerts.hintMine" : "home.alerts.hint")}</p>
      {items.length === 0 ? (
        <p className="p-4 text-sm text-emerald-700">{t("home.alerts.none")}</p>
      ) : (
        <>
          <div className="mt-2">
            <OpenAlertList tenant={tenant ?? ""} items={items} timezone={timezone} showSupplier={mineFirst} />
          </div>
          <p className="px-4 pb-4 pt-2 text-sm">
            <Link to={`/t/${tenant}/alerts`} className="text-indigo-700 hover:underline" data-testid="all-alerts">
              {t("home.alerts.all", { count: alerts.total, number: number(alerts.total) })}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}

/** A buyer's or a manager's start: alerts, then approvals, then the way to the inventory. */
function BuyerHome({ data }: { data: Extract<HomeData, { kind: "buyer" }> }) {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const number = new Intl.NumberFormat(i18n.language).format(data.awaiting);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("home.buyer.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("home.buyer.subtitle", { tenant: data.tenantName })}</p>
      </div>

      <AlertsSection alerts={data.alerts} timezone={data.timezone} mineFirst />

      <div className="grid gap-4 sm:grid-cols-2">
        <section aria-labelledby="approvals-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="approvals-title" className="text-base font-semibold">
            {t("home.buyer.approvalsTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-700" data-testid="home-awaiting">
            {data.awaiting > 0 ? t("home.buyer.approvals", { count: data.awaiting, number }) : t("home.buyer.approvalsNone")}
          </p>
          <Link
            to={`/t/${tenant}/approvals`}
            className={`mt-3 ${buttonClass(data.awaiting > 0 ? "primary" : "secondary", "md")}`}
          >
            {t("home.buyer.openApprovals")}
          </Link>
        </section>
        <section aria-labelledby="inventory-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="inventory-title" className="text-base font-semibold">
            {t("home.buyer.inventoryTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-700">{t("home.buyer.inventoryHint")}</p>
          <Link to={`/t/${tenant}/inventory`} className={`mt-3 ${buttonClass("secondary", "md")}`}>
            {t("home.buyer.openInventory")}
          </Link>
        </section>
      </div>
    </div>
  );
}

function SupplierHome({ data }: { data: Extract<HomeData, { kind: "supplier" }> }) {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { tenantName, attention, plans } = data;
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

      <AlertsSection alerts={data.alerts} timezone={data.timezone} mineFirst={false} />

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
