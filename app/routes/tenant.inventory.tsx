import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect, filterControl } from "~/components/filter-select";
import { Pagination } from "~/components/pagination";
import { SortHeader } from "~/components/sort-header";
import { StatusBadgeLabel, UrgencyBadge } from "~/components/status-badge";
import { Button, buttonClass } from "~/components/ui/button";
import { requireMembership } from "~/services/auth/guards.server";
import { loadInventoryPage } from "~/services/inventory/inventory-view.server";
import { formatDay, formatPercent, formatQuantity } from "~/utils/format";
import {
  INVENTORY_SEARCH_MAX,
  type InventoryQuery,
  type InventorySort,
  inventorySearch,
  parseInventoryQuery,
} from "~/services/inventory/inventory-query";
import { stockStatuses } from "~/core/stock-status";
import { type Urgency, urgencies } from "~/core/urgency";

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const { query, errors } = parseInventoryQuery(new URL(args.request.url).searchParams);
  const page = await loadInventoryPage(membership, query);
  // A search the page refuses is shown beside its field, with the rest of the view.
  return data({ ...page, query, errors }, { status: errors.q ? 400 : 200 });
}

const CELLS = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"];
const LETTERS = ["A", "B", "C", "X", "Y", "Z"];

export default function Inventory() {
  const { t, i18n } = useTranslation();
  const { inventory, suppliers, sites, query, errors, isSupplier, tenantName, pageSize, horizonDays, driftThreshold } =
    useLoaderData<typeof loader>();
  const { tenant } = useParams();
  const navigation = useNavigation();
  const locale = i18n.language;
  const hasFilters = Boolean(
    query.supplier || query.site || query.status || query.q || query.class || query.risk || query.urgency || query.drift,
  );
  // Texts that every row repeats are translated once per render.
  const statusLabel = Object.fromEntries(stockStatuses.map((s) => [s, t(`status.${s}`)])) as Record<string, string>;
  const urgencyLabel = Object.fromEntries(urgencies.map((u) => [u, t(`inventory.urgencies.${u}`)])) as Record<Urgency, string>;
  const texts = {
    asOf: t("inventory.asOf"),
    noDemand: t("inventory.noDemand"),
    noStockout: t("inventory.noStockout", { days: horizonDays }),
    notClassified: t("inventory.notClassified"),
    coverDays: t("inventory.coverDays", { days: "\u0000" }),
    driftBadge: t("inventory.driftBadge"),
    driftHint: t("inventory.driftHint", { share: formatPercent(locale, driftThreshold, 0) }),
  };

  // Where the figure comes from: the snapshot alone, or the snapshot and what moved since.
  const positionTitle = (row: (typeof inventory.rows)[number]) => {
    if (!row.asOf) return undefined;
    if (row.stockDay === row.asOf && row.receivedSince === 0 && row.consumedSince === 0) {
      return `${texts.asOf} ${formatDay(locale, row.asOf)}`;
    }
    return t("inventory.positionSince", {
      day: formatDay(locale, row.asOf),
      stockDay: formatDay(locale, row.stockDay),
      received: formatQuantity(locale, row.receivedSince),
      consumed: formatQuantity(locale, row.consumedSince),
    });
  };

  const header = (column: InventorySort, label: string, align: "left" | "right" = "left") => {
    const active = query.sort === column;
    const direction = active ? query.dir : "asc";
    const next: Partial<InventoryQuery> = {
      ...query,
      sort: column,
      dir: active && query.dir === "asc" ? "desc" : "asc",
      page: 1,
    };
    return (
      <SortHeader
        key={column}
        label={label}
        active={active}
        direction={direction}
        href={inventorySearch(next) || "?"}
        align={align}
      />
    );
  };

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t("inventory.title")}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {isSupplier ? t("inventory.supplierSubtitle", { tenant: tenantName }) : t("inventory.subtitle")}
          </p>
        </div>
        <div className="flex items-center gap-4">
          <p className="text-sm text-slate-500">
            {t("inventory.count", { total: new Intl.NumberFormat(locale).format(inventory.total) })}
          </p>
          <a
            href={`/t/${tenant}/inventory/export${inventorySearch({ ...query, page: 1 })}`}
            download
            title={t("inventory.exportHint")}
            className={buttonClass("secondary", "md")}
          >
            {t("inventory.export")}
          </a>
          {isSupplier ? null : (
            <Link to={`/t/${tenant}/inventory/new`} className={buttonClass("primary", "md")}>
              {t("inventory.newAgreement")}
            </Link>
          )}
        </div>
      </div>

      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        {/* The sort survives a change of filters. */}
        {query.sort !== "sku" ? <input type="hidden" name="sort" value={query.sort} /> : null}
        {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
        <div className="flex flex-col">
          <label htmlFor="q" className="text-xs font-medium text-slate-600">
            {t("inventory.search")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            maxLength={INVENTORY_SEARCH_MAX}
            defaultValue={query.q ?? ""}
            aria-invalid={errors.q ? true : undefined}
            aria-describedby={errors.q ? "q-error" : undefined}
            className={`${filterControl} w-56`}
          />
          {errors.q ? (
            <p id="q-error" role="alert" className="mt-1 max-w-56 text-xs text-red-700">
              {t(errors.q.key, errors.q.values)}
            </p>
          ) : null}
        </div>
        {!isSupplier ? (
          <FilterSelect
            name="supplier"
            label={t("inventory.supplier")}
            value={query.supplier}
            allLabel={t("inventory.allSuppliers")}
            options={suppliers.map((s) => ({ value: s.id, label: s.name }))}
          />
        ) : null}
        <FilterSelect
          name="site"
          label={t("inventory.site")}
          value={query.site}
          allLabel={t("inventory.allSites")}
          options={sites.map((s) => ({ value: s.id, label: `${s.code} · ${s.name}` }))}
        />
        <FilterSelect name="class" label={t("inventory.class")} value={query.class} allLabel={t("inventory.allClasses")}>
          <optgroup label={t("inventory.classCells")}>
            {CELLS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("inventory.classLetters")}>
            {LETTERS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </optgroup>
        </FilterSelect>
        <FilterSelect
          name="status"
          label={t("inventory.status")}
          value={query.status}
          allLabel={t("inventory.allStatuses")}
          options={stockStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <FilterSelect
          name="urgency"
          label={t("inventory.urgency")}
          value={query.urgency}
          allLabel={t("inventory.anyUrgency")}
          options={urgencies.map((u) => ({ value: u, label: t(`inventory.urgencies.${u}`) }))}
        />
        <FilterSelect
          name="drift"
          label={t("inventory.drift")}
          value={query.drift}
          allLabel={t("inventory.anyBand")}
          options={[{ value: "1", label: t("inventory.driftOnly", { share: formatPercent(locale, driftThreshold, 0) }) }]}
        />
        <FilterSelect
          name="risk"
          label={t("inventory.risk")}
          value={query.risk}
          allLabel={t("inventory.anyRisk")}
          options={[{ value: "lead-time", label: t("inventory.riskLeadTime") }]}
        />
        <Button type="submit" size="md">
          {t("inventory.filter")}
        </Button>
        {hasFilters ? (
          <Link to="?" className="px-2 py-1.5 text-sm text-slate-600 hover:underline">
            {t("inventory.clear")}
          </Link>
        ) : null}
      </Form>

      <div
        className={`mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white ${navigation.state === "loading" ? "opacity-60" : ""}`}
      >
        <table className="data-table" data-testid="inventory-table">
          <caption className="sr-only">{t("inventory.caption", { days: horizonDays })}</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              {header("sku", t("inventory.sku"))}
              {header("item", t("inventory.item"))}
              {header("site", t("inventory.site"))}
              {!isSupplier ? header("supplier", t("inventory.supplier")) : null}
              {header("class", t("inventory.class"))}
              {header("onHand", t("inventory.onHand"), "right")}
              {header("inTransit", t("inventory.inTransit"), "right")}
              {header("min", t("inventory.min"), "right")}
              {header("max", t("inventory.max"), "right")}
              <th scope="col">{t("inventory.recommended")}</th>
              {header("cover", t("inventory.cover"), "right")}
              {header("stockout", t("inventory.stockout"))}
              {header("status", t("inventory.status"))}
              {header("urgency", t("inventory.urgency"))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {inventory.rows.map((row) => (
              <tr key={row.agreementId}>
                <td className="nowrap font-mono text-xs">
                  <Link to={`/t/${tenant}/inventory/${row.agreementId}`} className="text-indigo-700 hover:underline">
                    {row.sku}
                  </Link>
                </td>
                <td>{row.itemName}</td>
                <td className="nowrap" title={row.siteName}>
                  {row.siteCode}
                </td>
                {!isSupplier ? <td>{row.supplierName}</td> : null}
                <td className="nowrap font-mono text-xs">
                  {row.abc && row.xyz ? (
                    `${row.abc}${row.xyz}`
                  ) : (
                    <span title={texts.notClassified} className="text-slate-400">
                      —
                    </span>
                  )}
                </td>
                <td className="num" title={positionTitle(row)}>
                  {formatQuantity(locale, row.onHand)} <span className="text-xs text-slate-500">{row.uom}</span>
                </td>
                <td className="num">
                  {row.inTransit > 0 ? formatQuantity(locale, row.inTransit) : <span className="text-slate-400">0</span>}
                </td>
                <td className="num">{formatQuantity(locale, row.minQty)}</td>
                <td className="num">{formatQuantity(locale, row.maxQty)}</td>
                <td className="nowrap" data-testid="band-drift">
                  {row.recommendedMin === null || row.recommendedMax === null ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    <span
                      className={row.drift ? "font-medium text-amber-700" : "text-slate-500"}
                      title={row.drift ? texts.driftHint : undefined}
                    >
                      {formatQuantity(locale, row.recommendedMin)}–{formatQuantity(locale, row.recommendedMax)}
                      {row.drift ? ` · ${texts.driftBadge}` : ""}
                    </span>
                  )}
                </td>
                <td className="num">
                  {row.onHand === null ? (
                    "—"
                  ) : row.daysOfCover === null ? (
                    <span className="text-slate-500">{texts.noDemand}</span>
                  ) : (
                    texts.coverDays.replace("\u0000", formatQuantity(locale, row.daysOfCover, 1))
                  )}
                </td>
                <td className="nowrap">
                  {row.stockoutDate ? (
                    <span className={`font-medium ${stockoutTone[row.urgency ?? "ok"]}`}>
                      {formatDay(locale, row.stockoutDate)}
                    </span>
                  ) : row.onHand === null ? (
                    "—"
                  ) : (
                    <span className="text-slate-400">{texts.noStockout}</span>
                  )}
                </td>
                <td>
                  <StatusBadgeLabel status={row.status} label={statusLabel[row.status]} />
                </td>
                <td>{row.urgency ? <UrgencyBadge urgency={row.urgency} label={urgencyLabel[row.urgency]} /> : "—"}</td>
              </tr>
            ))}
            {inventory.rows.length === 0 ? (
              <tr>
                <td colSpan={isSupplier ? 13 : 14} className="px-3 py-10 text-center text-slate-500">
                  {t("inventory.empty")}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <Pagination page={query.page} pageSize={pageSize} total={inventory.total} />
    </div>
  );
}

/** A projected stockout is red only when nothing can stop it in time. */
const stockoutTone: Record<Urgency, string> = {
  act_now: "text-red-700",
  plan_needed: "text-amber-700",
  covered: "text-slate-600",
  ok: "text-slate-600",
};
