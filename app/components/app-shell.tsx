import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguagePicker } from "./language-picker";

export interface ShellProps {
  tenant: { slug: string; name: string };
  role: string;
  user: { name: string; email: string };
  memberships: { slug: string; name: string; role: string }[];
  nav: { path: string; label: string; count: number | null }[];
  /** Unread notifications, shown on the inbox link. */
  unread: number;
  children: React.ReactNode;
}

const menuButton =
  "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 cursor-pointer list-none [&::-webkit-details-marker]:hidden";

/** Header with the company, role navigation, company switcher and account menu. */
export function AppShell({ tenant, role, user, memberships, nav, unread, children }: ShellProps) {
  const { t } = useTranslation();
  // Menus are <details>: keyed by the location, they close after every navigation.
  const { key: locationKey } = useLocation();
  return (
    <div className="min-h-full">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-16 max-w-7xl items-center gap-6 px-4 sm:px-6">
          <Link to={`/t/${tenant.slug}`} className="flex flex-col leading-tight">
            <span className="text-xs font-semibold uppercase tracking-wide text-indigo-600">{t("app.name")}</span>
            <span className="text-base font-bold" data-testid="tenant-name">
              {tenant.name}
            </span>
          </Link>
          <nav aria-label={t("nav.main")} className="flex flex-1 gap-1">
            {nav.map((item) => (
              <NavLink
                key={item.path}
                to={`/t/${tenant.slug}/${item.path}`}
                end={item.path === ""}
                className={({ isActive }) =>
                  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`
                }
              >
                {t(item.label)}
                {item.count ? (
                  <span
                    className="ml-1.5 rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                    data-testid={`nav-count-${item.path}`}
                  >
                    <span aria-hidden="true">{item.count}</span>
                    <span className="sr-only">{t("nav.awaiting", { count: item.count })}</span>
                  </span>
                ) : null}
              </NavLink>
            ))}
          </nav>
          <NavLink
            to={`/t/${tenant.slug}/inbox`}
            aria-label={unread ? t("nav.inboxUnread", { count: unread }) : t("nav.inbox")}
            className={({ isActive }) =>
              `relative rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`
            }
          >
            {t("nav.inbox")}
            {unread ? (
              <span
                className="ml-1.5 rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                data-testid="header-unread"
              >
                {unread}
              </span>
            ) : null}
          </NavLink>
          {memberships.length > 1 ? (
            <details className="relative" key={`tenants-${locationKey}`}>
              <summary className={menuButton}>{t("userMenu.switchTenant")}</summary>
              <ul className="absolute right-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg">
                {memberships.map((m) => (
                  <li key={m.slug}>
                    <Link
                      to={`/t/${m.slug}`}
                      aria-current={m.slug === tenant.slug ? "page" : undefined}
                      className="block px-4 py-2 text-sm hover:bg-slate-50 aria-[current]:font-semibold"
                    >
                      {m.name}
                      <span className="ml-2 text-xs text-slate-500">
                        {t(`role.${m.role}`)}
                        {m.slug === tenant.slug ? ` · ${t("userMenu.current")}` : ""}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <details className="relative" key={`account-${locationKey}`}>
            <summary className={menuButton} aria-label={t("userMenu.open", { name: user.name })}>
              <span className="flex h-8 w-8 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white">
                {user.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="hidden text-left sm:block">
                <span className="block">{user.name}</span>
                <span className="block text-xs text-slate-500">{t(`role.${role}`)}</span>
              </span>
            </summary>
            <div className="absolute right-0 z-20 mt-2 w-72 space-y-3 rounded-md border border-slate-200 bg-white p-4 shadow-lg">
              <p className="truncate text-sm text-slate-500">{user.email}</p>
              <LanguagePicker />
              <Link to="/account/password" className="block text-sm text-slate-700 hover:text-indigo-600">
                {t("userMenu.changePassword")}
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="text-sm font-semibold text-red-600 hover:underline">
                  {t("userMenu.signOut")}
                </button>
              </Form>
            </div>
          </details>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
