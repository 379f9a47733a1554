import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { filterControl } from "~/components/filter-select";
import { ErrorList } from "~/components/forms";
import { Button } from "~/components/ui/button";
import type { ItemRecord } from "~/services/admin/items.server";
import { formatMoney } from "~/utils/format";
import type { CatalogField } from "./catalog-form";

/** The item form's fields, for adding and editing. */
export function useItemFields(): CatalogField[] {
  const { t } = useTranslation();
  return [
    { name: "sku", label: t("adminCatalog.items.sku"), kind: "text" },
    { name: "name", label: t("adminCatalog.items.name"), kind: "text" },
    { name: "uom", label: t("adminCatalog.items.uom"), kind: "text" },
    { name: "unitCost", label: t("adminCatalog.items.unitCost"), kind: "decimal" },
    { name: "category", label: t("adminCatalog.items.category"), kind: "text" },
    { name: "gtin", label: t("adminCatalog.items.gtin"), kind: "digits", hint: t("adminCatalog.items.gtinHint") },
    { name: "supplierPartNumber", label: t("adminCatalog.items.supplierPartNumber"), kind: "text" },
  ];
}

/** The search (SKU prefix or name) and the keyset pages: next, and back to the first. */
export function ItemsSearch({ q, searchError, clearTo }: { q?: string; searchError: string | null; clearTo: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" role="search" className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col">
        <label htmlFor="items-q" className="text-xs font-medium text-slate-600">
          {t("adminCatalog.items.search")}
        </label>
        <input
          id="items-q"
          type="search"
          name="q"
          defaultValue={q ?? ""}
          maxLength={100}
          aria-invalid={searchError ? true : undefined}
          aria-describedby={searchError ? "items-q-error" : undefined}
          className={filterControl}
        />
        <ErrorList id="items-q-error" errors={searchError ? [searchError] : []} />
      </div>
      <Button type="submit" variant="secondary" size="md">
        {t("adminCatalog.items.searchSubmit")}
      </Button>
      {q ? (
        <Link to={clearTo} className="text-sm text-indigo-700 hover:underline">
          {t("adminCatalog.items.clear")}
        </Link>
      ) : null}
    </Form>
  );
}

export function ItemsPager({
  total,
  q,
  after,
  nextAfter,
}: {
  total: number;
  q?: string;
  after?: string;
  nextAfter: string | null;
}) {
  const { t, i18n } = useTranslation();
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
  const href = (next?: string) => {
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (next) params.set("after", next);
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  return (
    <nav aria-label={t("adminCatalog.items.pages")} className="flex items-center justify-between gap-4 py-3">
      <p className="text-sm text-slate-600">
        {t("adminCatalog.items.count", { total: new Intl.NumberFormat(i18n.language).format(total) })}
      </p>
      <div className="flex gap-2">
        {after ? (
          <Link to={href()} className={link}>
            {t("adminCatalog.items.first")}
          </Link>
        ) : null}
        {nextAfter ? (
          <Link to={href(nextAfter)} className={link} rel="next">
            {t("adminCatalog.items.next")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

export function ItemsTable({
  items,
  currency,
  editHref,
}: {
  items: readonly ItemRecord[];
  currency: string;
  /** The address of the page with an item's edit form (the search and page kept). */
  editHref: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p className="text-sm text-slate-600">{t("adminCatalog.items.empty")}</p>;
  const columns = ["sku", "name", "uom", "unitCost", "category", "gtin", "supplierPartNumber", "actions"] as const;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="items">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-3 py-2">
                {t(`adminCatalog.items.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => {
            return (
              <tr key={item.id} data-item={item.sku} className="align-top">
                <td className="px-3 py-2 font-mono">{item.sku}</td>
                <td className="px-3 py-2 font-medium">{item.name}</td>
                <td className="px-3 py-2">{item.uom}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatMoney(i18n.language, currency, item.unitCost)}</td>
                <td className="px-3 py-2">{item.category ?? t("adminCatalog.none")}</td>
                <td className="px-3 py-2 font-mono">{item.gtin ?? t("adminCatalog.none")}</td>
                <td className="px-3 py-2">{item.supplierPartNumber ?? t("adminCatalog.none")}</td>
                <td className="px-3 py-2">
                  <Link
                    to={editHref(item.id)}
                    className="text-sm font-medium text-indigo-700 hover:underline"
                    aria-label={t("adminCatalog.editLabel", { name: item.sku })}
                  >
                    {t("adminCatalog.edit")}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
