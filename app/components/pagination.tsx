import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous/next links that keep every other URL parameter (filters stay shareable). */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    if (target <= 1) params.delete("page");
    else params.set("page", String(target));
    const query = params.toString();
    return query ? `?${query}` : location.pathname;
  };
  const number = new Intl.NumberFormat(i18n.language);
  const from = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const to = Math.min(total, page * pageSize);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
  return (
    <nav aria-label={t("pagination.label")} className="flex items-center justify-between gap-4 py-3">
      <p className="text-sm text-slate-600">
        {t("pagination.showing", { from: number.format(from), to: number.format(to), total: number.format(total) })}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link to={hrefFor(page - 1)} className={link} rel="prev">
            {t("pagination.previous")}
          </Link>
        ) : null}
        <span className="text-sm text-slate-600">{t("pagination.page", { page, pages })}</span>
        {page < pages ? (
          <Link to={hrefFor(page + 1)} className={link} rel="next">
            {t("pagination.next")}
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
