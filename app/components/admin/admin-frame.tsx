import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { adminSections, type AdminSection } from "~/utils/navigation";

/**
 * The frame of every administration page: the area's title, the section's own heading and
 * actions, and the tabs to the other sections. The current tab is marked for screen readers too.
 */
export function AdminFrame({
  tenant,
  section,
  heading,
  actions,
  children,
}: {
  tenant: string;
  section: AdminSection;
  heading: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
      <p className="text-sm font-medium text-slate-500">{t("admin.title")}</p>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">{heading}</h1>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      <nav aria-label={t("admin.tabs.label")} className="mt-4 border-b border-slate-200">
        <ul className="-mb-px flex flex-wrap gap-4 text-sm">
          {adminSections.map((tab) => (
            <li key={tab}>
              <NavLink
                to={`/t/${tenant}/admin/${tab}`}
                aria-current={tab === section ? "page" : undefined}
                className={`inline-block border-b-2 px-1 pb-2 ${tab === section ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {t(`admin.tabs.${tab}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mt-6">{children}</div>
    </div>
  );
}
