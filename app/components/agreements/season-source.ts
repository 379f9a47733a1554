import type { AgreementMetricsView } from "~/services/inventory/agreement-view.server";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Where the forecast's season came from, in words: its own history, or a borrowed one naming its
 * group (the item's category by name) and, when the viewer may know it (the buyer's side), how
 * many other agreements it was pooled from.
 */
export function seasonSourceText(
  t: Translate,
  metrics: Pick<AgreementMetricsView, "seasonSource" | "seasonPeers">,
  category: string | null,
): string {
  const count = metrics.seasonPeers;
  switch (metrics.seasonSource) {
    case "own":
      return t("agreement.seasons.own");
    case "item":
      return count === null ? t("agreement.seasons.item") : t("agreement.seasons.itemPeers", { count });
    case "category": {
      const name = category ?? "—";
      return count === null
        ? t("agreement.seasons.category", { category: name })
        : t("agreement.seasons.categoryPeers", { category: name, count });
    }
    default:
      return t("agreement.seasons.none");
  }
}
