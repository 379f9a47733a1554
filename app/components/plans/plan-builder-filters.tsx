import { useTranslation } from "react-i18next";
import { type PlanningAgreement, type Urgency, urgencies } from "~/core";
import { Button } from "~/components/ui/button";

/**
 * The builder's view controls (filters, a line's "include" box) belong to no form: they change
 * what the page shows, and the plan form posts only its lines. Naming a form that does not exist
 * keeps them out of the one they sit in.
 */
export const BUILDER_VIEW_CONTROLS = "plan-builder-view";

/** What the builder's lines are narrowed to; "" is any. */
export interface BuilderFilters {
  site: string;
  abc: string;
  urgency: string;
  /** Lines that ship on or before this day. */
  shipBy: string;
}

export const NO_FILTERS: BuilderFilters = { site: "", abc: "", urgency: "", shipBy: "" };
/** The class filter's value for agreements without one. */
export const NO_CLASS = "-";

/** Whether a line of `agreement` shipping on `shipDate` is among the lines the filters leave. */
export function matchesFilters(
  filters: BuilderFilters,
  agreement: PlanningAgreement | undefined,
  urgency: Urgency | undefined,
  shipDate: string,
) {
  if (filters.site && agreement?.siteCode !== filters.site) return false;
  if (filters.abc && (agreement?.metrics?.abc || NO_CLASS) !== filters.abc) return false;
  if (filters.urgency && urgency !== filters.urgency) return false;
  if (filters.shipBy && !(shipDate && shipDate <= filters.shipBy)) return false;
  return true;
}

const control =
  "block rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/40";

/**
 * The builder's filters (site, class, urgency, ship-by day) and the selection of the lines they
 * leave: all in the plan, or none.
 */
export function PlanBuilderFilters({
  filters,
  onFilters,
  sites,
  classes,
  shown,
  selected,
  total,
  onSelectShown,
}: {
  filters: BuilderFilters;
  onFilters: (filters: BuilderFilters) => void;
  sites: readonly string[];
  classes: readonly string[];
  shown: number;
  selected: number;
  total: number;
  onSelectShown: (included: boolean) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<BuilderFilters>) => onFilters({ ...filters, ...patch });
  const select = (name: keyof BuilderFilters, label: string, options: { value: string; label: string }[]) => (
    <label className="text-sm">
      <span className="block font-medium text-slate-700">{label}</span>
      <select
        form={BUILDER_VIEW_CONTROLS}
        className={control}
        value={filters[name]}
        onChange={(e) => set({ [name]: e.target.value })}
      >
        <option value="">{t("plans.builder.filters.any")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const filtered = Object.values(filters).some(Boolean);
  return (
    <section
      aria-label={t("plans.builder.filters.label")}
      className="space-y-3 rounded-lg border border-slate-200 bg-slate-50 p-3"
      data-testid="plan-filters"
    >
      <div className="flex flex-wrap items-end gap-3">
        {select(
          "site",
          t("plans.builder.filters.site"),
          sites.map((s) => ({ value: s, label: s })),
        )}
        {select(
          "abc",
          t("plans.builder.filters.class"),
          classes.map((c) => ({ value: c, label: c === NO_CLASS ? t("plans.builder.filters.noClass") : c })),
        )}
        {select(
          "urgency",
          t("plans.builder.filters.urgency"),
          urgencies.map((u) => ({ value: u, label: t(`inventory.urgencies.${u}`) })),
        )}
        <label className="text-sm">
          <span className="block font-medium text-slate-700">{t("plans.builder.filters.shipBy")}</span>
          <input
            type="date"
            form={BUILDER_VIEW_CONTROLS}
            className={control}
            value={filters.shipBy}
            onChange={(e) => set({ shipBy: e.target.value })}
          />
        </label>
        {filtered ? (
          <Button variant="secondary" size="sm" onClick={() => onFilters({ ...NO_FILTERS })}>
            {t("plans.builder.filters.clear")}
          </Button>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" size="sm" onClick={() => onSelectShown(true)} disabled={shown === 0}>
          {t("plans.builder.selectShown", { count: shown })}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => onSelectShown(false)} disabled={shown === 0}>
          {t("plans.builder.deselectShown", { count: shown })}
        </Button>
        <p className="text-sm text-slate-600" aria-live="polite" data-testid="plan-selection">
          {t("plans.builder.selection", { selected, total, shown })}
        </p>
      </div>
    </section>
  );
}
