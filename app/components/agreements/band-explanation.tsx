import { useTranslation } from "react-i18next";
import type { RecommendedBandExplanation } from "~/services/inventory/agreement-view.server";
import { formatPercent, formatQuantity } from "~/utils/format";

/**
 * The recommended band in words: what min is made of, where max comes from, and the cover limit
 * or width floor that moved it, with every number in the reader's language. Shown only when the
 * explanation reproduces the stored band; otherwise the terms or settings changed since the
 * figures were computed, and the page says so instead.
 */
export function BandExplanationText({ explanation }: { explanation: RecommendedBandExplanation }) {
  const { t, i18n } = useTranslation();
  const sentences = bandSentences(explanation, t, i18n.language);
  return (
    <div data-testid="band-explanation" className="mt-3 rounded-md bg-slate-50 p-3 text-sm text-slate-700">
      <h3 className="font-semibold">{t("agreement.bandWhy.title")}</h3>
      {sentences.map((s) => (
        <p key={s.key} data-sentence={s.key} className="mt-1">
          {s.text}
        </p>
      ))}
    </div>
  );
}

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The explanation's sentences in the reader's language, each with its key (`agreement.bandWhy.*`). */
export function bandSentences(e: RecommendedBandExplanation, t: Translate, locale: string): { key: string; text: string }[] {
  const q = (v: number | null, decimals = 0) => formatQuantity(locale, v, decimals);
  const sentences: { key: string; text: string }[] = [];
  const say = (key: string, values: Record<string, string | number> = {}) =>
    sentences.push({ key, text: t(`agreement.bandWhy.${key}`, values) });

  if (!e.current || e.dailyDemand <= 0) {
    say(e.current ? "noDemand" : "outdated");
    return sentences;
  }

  const common = { min: q(e.min), max: q(e.max), daily: q(e.dailyDemand, 2), leadTime: q(e.leadTimeDays, 1) };
  if (e.serviceLevel === null) say("minNoSafety", common);
  else say("min", { ...common, safety: q(e.safetyStock), level: levelText(locale, e.serviceLevel) });

  const fromKey = e.orderQuantityFrom === "eoq" && e.packSize !== 1 ? "eoqInPacks" : e.orderQuantityFrom;
  const from = t(`agreement.bandWhy.from.${fromKey}`, { eoq: q(e.eoq), moq: q(e.moq, 4), pack: q(e.packSize, 4) });
  const values = {
    ...common,
    qty: q(e.orderQuantity, 4),
    from,
    review: q(e.reviewPeriodDays),
    days: q(e.reviewPeriodDays + e.leadTimeDays, 1),
    capDays: q(e.capDays),
    cap: q(e.cap),
    abc: e.abc,
  };
  if (e.floor === null) {
    const orderUpToBinds = e.orderUpTo !== null && e.orderUpTo >= e.formulaMax;
    say(`${orderUpToBinds ? "maxOrderUpTo" : "maxLot"}${e.capped ? "Capped" : ""}`, values);
  } else {
    const width = q(e.minWidth, 4);
    if (e.floor === "review-period")
      say("floorReview", { ...common, width, reviewDays: q(e.reviewPeriodDays), pack: q(e.packSize, 4) });
    else say("floorPack", { ...common, width });
    say(e.capped ? "floorOverCap" : "floorOverLot", values);
  }
  return sentences;
}

/** A service level as a percentage with the decimal it has: 95 %, 97.5 %. */
function levelText(locale: string, level: number): string {
  return formatPercent(locale, level, Math.round(level * 1000) % 10 === 0 ? 0 : 1);
}
