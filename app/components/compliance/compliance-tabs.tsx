import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const TABS = [
  { path: "", label: "overview", end: true },
  { path: "/suppliers", label: "suppliers", end: false },
  { path: "/matrix", label: "matrix", end: true },
  { path: "/health", label: "health", end: true },
] as const;

/** The compliance sections; each link keeps the period of the page. */
export function ComplianceTabs({ tenant, search }: { tenant: string; search: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("compliance.tabs.label")} className="mt-4 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-4 text-sm">
        {TABS.map((tab) => (
          <li key={tab.label}>
            <NavLink
              to={`/t/${tenant}/compliance${tab.path}?${search}`}
              end={tab.end}
              className={({ isActive }) =>
                `inline-block border-b-2 px-1 pb-2 ${isActive ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`
              }
            >
              {t(`compliance.tabs.${tab.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
