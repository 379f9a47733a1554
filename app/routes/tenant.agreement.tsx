import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ProjectionChart, StockHistoryChart, WeeklyDemandChart } from "~/components/charts/agreement-charts";
import { requireMembership } from "~/services/auth/guards.server";
import { loadAgreementView } from "~/services/inventory/agreement-view.server";
import { formatDay, formatInstant, formatMoney, formatQuantity } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.agreement.sku} · ${data.agreement.siteCode}` : "VMI Portal" },
];

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const view = await loadAgreementView(membership, args.params.agreementId ?? "");
  // Unknown, another supplier's or another tenant's: the same 404, which confirms nothing.
  if (!view) throw new Response("Not found", { status: 404 });
  return {
    ...view,
    isSupplier: membership.role === "supplier",
    currency: membership.tenant.currency,
    timezone: membership.tenant.timezone,
  };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium tabular-nums">{children}</dd>
    </div>
  );
}

export default function AgreementPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const data = useLoaderData<typeof loader>();
  const { agreement: a, latest, inbound, projection, warnings, weekly, stock, horizon } = data;
  const m = a.metrics;
  const locale = i18n.language;
  const q = (v: number | null | undefined, d = 2) => formatQuantity(locale, v, d);
  const pct = (v: number | null) => (v === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v));

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/inventory`} className="text-sm text-indigo-700 hover:underline">
          ← {t("agreement.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">{t("agreement.title", { sku: a.sku, site: a.siteCode })}</h1>
            <p className="mt-1 text-sm text-slate-600">
              {a.itemName} · {a.siteName} · {a.supplierName}
            </p>
          </div>
          {data.isSupplier ? (
            <Link
              to={`/t/${tenant}/plans/new?agreement=${a.id}`}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              {t("agreement.planThis")}
            </Link>
          ) : null}
        </div>
      </div>

      {warnings.length > 0 ? (
        <div role="alert" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {warnings.map((w) => (
            <p key={w.code} data-warning={w.code}>
              {t(`agreement.warnings.${w.code}`, { agreed: q(w.agreed), recommended: q(w.recommended) })}
            </p>
          ))}
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="facts-title" className="text-base font-semibold">
            {t("agreement.facts")}
          </h2>
          <dl className="mt-2 divide-y divide-slate-100">
            <Fact label={t("agreement.band")}>{t("agreement.bandValue", { min: q(a.minQty), max: q(a.maxQty) })} {a.uom}</Fact>
            <Fact label={t("agreement.leadTime")}>{t("agreement.leadTimeValue", { days: q(a.leadTimeDays), sd: q(a.leadTimeSdDays) })}</Fact>
            <Fact label={t("agreement.moq")}>{q(a.moq)}</Fact>
            <Fact label={t("agreement.packSize")}>{q(a.packSize)}</Fact>
            <Fact label={t("agreement.reviewPeriod")}>{t("agreement.reviewPeriodValue", { days: a.reviewPeriodDays })}</Fact>
            <Fact label={t("agreement.unitCost")}>{formatMoney(locale, data.currency, a.unitCost)}</Fact>
            <Fact label={t("agreement.onHandNow")}>
              {latest ? (
                <>
                  {q(latest.onHand)} <span className="font-normal text-slate-500">{t("agreement.onHandAsOf", { date: formatDay(locale, latest.day) })}</span>
                </>
              ) : (
                t("agreement.noStock")
              )}
            </Fact>
          </dl>
          <h3 className="mt-4 font-semibold">{t("agreement.inTransit")}</h3>
          {inbound.inTransit.length === 0 && inbound.draftLines.length === 0 ? (
            <p className="mt-1 text-slate-500">{t("agreement.inTransitNone")}</p>
          ) : (
            <ul className="mt-1 space-y-1">
              {inbound.inTransit.map((s) => (
                <li key={s.id}>
                  {t("agreement.shipmentLine", { qty: q(s.qty), ship: formatDay(locale, s.shipDate), due: formatDay(locale, s.expectedArrival) })}
                </li>
              ))}
              {inbound.draftLines.map((l, i) => (
                <li key={`${l.planId}-${i}`} className="text-violet-800">
                  <Link to={`/t/${tenant}/plans/${l.planId}`} className="hover:underline">
                    {t("agreement.draftLine", { qty: q(l.qty), plan: l.planNumber ?? t("agreement.draftPlan"), due: formatDay(locale, l.arrivalDate) })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="metrics-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm lg:col-span-2">
          <h2 id="metrics-title" className="text-base font-semibold">
            {t("agreement.metrics")}
          </h2>
          {m ? (
            <>
              <p className="mt-1 text-xs text-slate-500">
                {t("agreement.metricsAsOf", { when: formatInstant(locale, data.timezone, m.computedAt), date: formatDay(locale, m.asOf) })}
              </p>
              <dl className="mt-2 grid gap-x-8 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0">
                <Fact label={t("agreement.class")}>
                  <span className="font-mono">{`${m.abc}${m.xyz}`}</span>
                </Fact>
                <Fact label={t("agreement.pattern")}>{t(`agreement.patterns.${m.pattern}`)}</Fact>
                <Fact label={t("agreement.method")}>{t(`agreement.methods.${m.forecastMethod}`, { defaultValue: m.forecastMethod })}</Fact>
                <Fact label={t("agreement.forecast")}>{t("agreement.forecastValue", { weekly: q(m.forecastWeekly, 1), daily: q(m.forecastDaily, 2) })}</Fact>
                <Fact label={t("agreement.accuracy")}>
                  {m.backtestMae === null
                    ? t("agreement.accuracyNone")
                    : t("agreement.accuracyValue", { mae: q(m.backtestMae, 1), wape: pct(m.backtestWape), bias: q(m.backtestBias, 1) })}
                </Fact>
                <Fact label={t("agreement.serviceLevel")}>{m.serviceLevel === null ? t("agreement.noSafetyStock") : pct(m.serviceLevel)}</Fact>
                <Fact label={t("agreement.safetyStock")}>{q(m.safetyStock, 0)}</Fact>
                <Fact label={t("agreement.recommendedBand")}>
                  <span data-testid="recommended-band">{t("agreement.bandValue", { min: q(m.recommendedMin, 0), max: q(m.recommendedMax, 0) })}</span>
                </Fact>
                <Fact label={t("agreement.agreedBand")}>{t("agreement.bandValue", { min: q(a.minQty), max: q(a.maxQty) })}</Fact>
              </dl>
            </>
          ) : (
            <p className="mt-2 text-slate-500">{t("agreement.noMetrics")}</p>
          )}
        </section>
      </div>

      {projection ? (
        <ProjectionChart
          days={projection.days}
          min={a.minQty}
          max={a.maxQty}
          firstStockout={projection.firstStockout}
          firstStockoutWithDrafts={projection.firstStockoutWithDrafts}
          hasDrafts={inbound.draftLines.length > 0}
        />
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500">
          {t("agreement.projectionNoData", { days: horizon })}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <WeeklyDemandChart weekly={weekly} forecastWeekly={m?.forecastWeekly ?? null} forecastMethod={m ? t(`agreement.methods.${m.forecastMethod}`, { defaultValue: m.forecastMethod }) : null} />
        <StockHistoryChart stock={stock} min={a.minQty} max={a.maxQty} days={90} />
      </div>
    </div>
  );
}
