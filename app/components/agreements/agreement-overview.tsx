import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type {
  AgreementDetail,
  AgreementMetricsView,
  AgreementView,
  BandWarning,
  InboundForAgreement,
  RecommendedBandExplanation,
} from "~/services/inventory/agreement-view.server";
import { formatDay, formatInstant, formatMoney, formatQuantity } from "~/utils/format";
import { BandExplanationText } from "./band-explanation";
import { seasonSourceText } from "./season-source";

/**
 * The agreement page's facts: the agreed terms with stock and what is on its way, the stored
 * metrics with the recommended band, and the warnings when the agreed band falls short of it.
 * The shapes are the agreement view's, narrowed to what these components show.
 */

export type AgreementMetricsFacts = Pick<
  AgreementMetricsView,
  | "asOf"
  | "computedAt"
  | "abc"
  | "xyz"
  | "pattern"
  | "forecastMethod"
  | "seasonSource"
  | "seasonPeers"
  | "forecastWeekly"
  | "forecastDaily"
  | "backtestMae"
  | "backtestWape"
  | "backtestBias"
  | "serviceLevel"
  | "safetyStock"
  | "recommendedMin"
  | "recommendedMax"
>;

export type AgreementFacts = Pick<
  AgreementDetail,
  | "uom"
  | "category"
  | "minQty"
  | "maxQty"
  | "leadTimeDays"
  | "leadTimeSdDays"
  | "moq"
  | "packSize"
  | "reviewPeriodDays"
  | "unitCost"
> & { metrics: AgreementMetricsFacts | null };

export interface InboundFacts {
  inTransit: Pick<InboundForAgreement["inTransit"][number], "id" | "qty" | "shipDate" | "expectedArrival">[];
  draftLines: Pick<InboundForAgreement["draftLines"][number], "planId" | "planNumber" | "qty" | "arrivalDate">[];
}

/** One labelled value of a facts list. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium tabular-nums">{children}</dd>
    </div>
  );
}

function useQuantity() {
  const { i18n } = useTranslation();
  return (v: number | null | undefined, d = 2) => formatQuantity(i18n.language, v, d);
}

/** The agreed band's warnings against what the metrics recommend. */
export function BandWarnings({ warnings }: { warnings: BandWarning[] }) {
  const { t } = useTranslation();
  const q = useQuantity();
  if (warnings.length === 0) return null;
  return (
    <div role="alert" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      {warnings.map((w) => (
        <p key={w.code} data-warning={w.code}>
          {t(`agreement.warnings.${w.code}`, { agreed: q(w.agreed), recommended: q(w.recommended) })}
        </p>
      ))}
    </div>
  );
}

/** The agreed terms, stock on hand and what is on its way (shipments and draft plan lines). */
export function AgreementTermsFacts({
  agreement: a,
  latest,
  inbound,
  currency,
  tenant,
}: {
  agreement: AgreementFacts;
  latest: AgreementView["latest"];
  inbound: InboundFacts;
  currency: string;
  tenant: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const q = useQuantity();
  return (
    <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="facts-title" className="text-base font-semibold">
        {t("agreement.facts")}
      </h2>
      <dl className="mt-2 divide-y divide-slate-100">
        <Fact label={t("agreement.band")}>
          <span data-testid="agreed-band">{t("agreement.bandValue", { min: q(a.minQty), max: q(a.maxQty) })}</span> {a.uom}
        </Fact>
        <Fact label={t("agreement.leadTime")}>
          {t("agreement.leadTimeValue", { days: q(a.leadTimeDays), sd: q(a.leadTimeSdDays) })}
        </Fact>
        <Fact label={t("agreement.moq")}>{q(a.moq)}</Fact>
        <Fact label={t("agreement.packSize")}>{q(a.packSize)}</Fact>
        <Fact label={t("agreement.reviewPeriod")}>{t("agreement.reviewPeriodValue", { days: a.reviewPeriodDays })}</Fact>
        <Fact label={t("agreement.unitCost")}>{formatMoney(locale, currency, a.unitCost)}</Fact>
        <Fact label={t("agreement.onHandNow")}>
          {latest ? (
            <>
              {q(latest.onHand)}{" "}
              <span className="font-normal text-slate-500">
                {t("agreement.onHandAsOf", { date: formatDay(locale, latest.day) })}
              </span>
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
              {t("agreement.shipmentLine", {
                qty: q(s.qty),
                ship: formatDay(locale, s.shipDate),
                due: formatDay(locale, s.expectedArrival),
              })}
            </li>
          ))}
          {inbound.draftLines.map((l, i) => (
            <li key={`${l.planId}-${i}`} className="text-violet-800">
              <Link to={`/t/${tenant}/plans/${l.planId}`} className="hover:underline">
                {t("agreement.draftLine", {
                  qty: q(l.qty),
                  plan: l.planNumber ?? t("agreement.draftPlan"),
                  due: formatDay(locale, l.arrivalDate),
                })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The stored metrics: class, pattern, forecast and its accuracy, safety stock and the recommended
 * band, with how it was derived.
 */
export function AgreementMetrics({
  agreement: a,
  timezone,
  explanation = null,
}: {
  agreement: AgreementFacts;
  timezone: string;
  explanation?: RecommendedBandExplanation | null;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const q = useQuantity();
  const pct = (v: number | null) =>
    v === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v);
  const m = a.metrics;
  return (
    <section aria-labelledby="metrics-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm lg:col-span-2">
      <h2 id="metrics-title" className="text-base font-semibold">
        {t("agreement.metrics")}
      </h2>
      {m ? (
        <>
          <p className="mt-1 text-xs text-slate-500">
            {t("agreement.metricsAsOf", {
              when: formatInstant(locale, timezone, m.computedAt),
              date: formatDay(locale, m.asOf),
            })}
          </p>
          <dl className="mt-2 grid gap-x-8 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0">
            <Fact label={t("agreement.class")}>
              <span className="font-mono">{`${m.abc}${m.xyz}`}</span>
            </Fact>
            <Fact label={t("agreement.pattern")}>{t(`agreement.patterns.${m.pattern}`)}</Fact>
            <Fact label={t("agreement.method")}>
              {t(`agreement.methods.${m.forecastMethod}`, { defaultValue: m.forecastMethod })}
            </Fact>
            <Fact label={t("agreement.season")}>{seasonSourceText(t, m, a.category)}</Fact>
            <Fact label={t("agreement.forecast")}>
              {t("agreement.forecastValue", { weekly: q(m.forecastWeekly, 1), daily: q(m.forecastDaily, 2) })}
            </Fact>
            <Fact label={t("agreement.accuracy")}>
              {m.backtestMae === null
                ? t("agreement.accuracyNone")
                : t("agreement.accuracyValue", {
                    mae: q(m.backtestMae, 1),
                    wape: pct(m.backtestWape),
                    bias: q(m.backtestBias, 1),
                  })}
            </Fact>
            <Fact label={t("agreement.serviceLevel")}>
              {m.serviceLevel === null ? t("agreement.noSafetyStock") : pct(m.serviceLevel)}
            </Fact>
            <Fact label={t("agreement.safetyStock")}>{q(m.safetyStock, 0)}</Fact>
            <Fact label={t("agreement.recommendedBand")}>
              <span data-testid="recommended-band">
                {t("agreement.bandValue", { min: q(m.recommendedMin, 0), max: q(m.recommendedMax, 0) })}
              </span>
            </Fact>
            <Fact label={t("agreement.agreedBand")}>{t("agreement.bandValue", { min: q(a.minQty), max: q(a.maxQty) })}</Fact>
          </dl>
          {explanation ? <BandExplanationText explanation={explanation} /> : null}
        </>
      ) : (
        <p className="mt-2 text-slate-500">{t("agreement.noMetrics")}</p>
      )}
    </section>
  );
}
