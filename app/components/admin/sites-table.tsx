import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SiteRecord } from "~/services/admin/sites.server";
import type { CatalogField } from "./catalog-form";

/** The site form's fields, for adding and editing. */
export function useSiteFields(): CatalogField[] {
  const { t } = useTranslation();
  return [
    { name: "code", label: t("adminCatalog.sites.code"), kind: "text" },
    { name: "name", label: t("adminCatalog.sites.name"), kind: "text" },
    { name: "gln", label: t("adminCatalog.sites.gln"), kind: "digits", hint: t("adminCatalog.sites.glnHint") },
    { name: "address", label: t("adminCatalog.sites.address"), kind: "textarea" },
  ];
}

export function SitesTable({ sites }: { sites: readonly SiteRecord[] }) {
  const { t } = useTranslation();
  if (sites.length === 0) return <p className="text-sm text-slate-600">{t("adminCatalog.sites.empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="sites">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.sites.code")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.sites.name")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.sites.gln")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.sites.address")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.sites.actions")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sites.map((s) => {
            return (
              <tr key={s.id} data-site={s.code} className="align-top">
                <td className="px-3 py-2 font-mono">{s.code}</td>
                <td className="px-3 py-2 font-medium">{s.name}</td>
                <td className="px-3 py-2 font-mono">{s.gln ?? t("adminCatalog.none")}</td>
                <td className="px-3 py-2 whitespace-pre-line">{s.address ?? t("adminCatalog.none")}</td>
                <td className="px-3 py-2">
                  <Link
                    to={`?edit=${s.id}`}
                    className="text-sm font-medium text-indigo-700 hover:underline"
                    aria-label={t("adminCatalog.editLabel", { name: s.name })}
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
