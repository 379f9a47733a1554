import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguagePicker } from "./language-picker";
import { Disclosure } from "./ui/disclosure";

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
  "flex min-h-11 items-center gap-2 rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600";
const navLinkClass = (isActive: boolean) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100"}`;

/**
 * Header with the company, role navigation, company switcher and account menu. Below the `md`
 * breakpoint the navigation, inbox and switcher do not fit beside each other: the account menu's
 * button becomes the one menu of the page, and its panel carries them above the account's own
 * items (one language picker and one sign-out in the page, whatever the width).
 */
export function AppShell({ tenant, role, user, memberships, nav, unread, children }: ShellProps) {
  const { t } = useTranslation();
  // Menus are <details>: keyed by the location, they close after every navigation.
  const { key: locationKey } = useLocation();
  const inboxLabel = unread ? t("nav.inboxUnread", { count: unread }) : t("nav.inbox");
  return (
    <div className="min-h-full">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="relative mx-auto flex min-h-16 max-w-7xl items-center gap-3 px-4 sm:px-6 md:gap-6 md:py-2">
          <Link to={`/t/${tenant.slug}`} className="flex min-w-0 flex-1 flex-col leading-tight md:flex-none">
            <span className="text-xs font-semibold uppercase tracking-wide text-indigo-600">{t("app.name")}</span>
            <span className="truncate text-base font-bold" data-testid="tenant-name">
              {tenant.name}
            </span>
          </Link>
          <nav aria-label={t("nav.main")} className="hidden flex-1 flex-wrap gap-1 md:flex">
            {nav.map((item) => (
              <NavLink
                key={item.path}
                to={`/t/${tenant.slug}/${item.path}`}
                end={item.path === ""}
                className={({ isActive }) => navLinkClass(isActive)}
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
            aria-label={inboxLabel}
            className={({ isActive }) => `relative hidden md:block ${navLinkClass(isActive)}`}
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
            <Disclosure
              key={`tenants-${locationKey}`}
              className="relative hidden md:block"
              panelId="tenant-menu"
              summaryClassName={menuButton}
              summary={t("userMenu.switchTenant")}
              panelClassName="absolute right-0 z-20 mt-2 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg"
            >
              <TenantList tenant={tenant} memberships={memberships} />
            </Disclosure>
          ) : null}
          <Disclosure
            key={`account-${locationKey}`}
            className="md:relative"
            panelId="account-menu"
            summaryClassName={menuButton}
            summaryProps={{
              "aria-label": t("userMenu.open", { name: user.name }),
              "aria-describedby": unread ? "menu-unread-label" : undefined,
            }}
            summary={
              <>
                <span className="flex items-center gap-2 md:hidden">
                  <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
                    <path d="M3 5h14v2H3zM3 9h14v2H3zM3 13h14v2H3z" />
                  </svg>
                  {t("nav.menu")}
                  {unread ? (
                    <span
                      className="rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white"
                      data-testid="menu-unread"
                    >
                      <span aria-hidden="true">{unread}</span>
                      <span className="sr-only" id="menu-unread-label">
                        {t("nav.unread", { count: unread })}
                      </span>
                    </span>
                  ) : null}
                </span>
                <span className="hidden h-8 w-8 items-center justify-center rounded-full bg-indigo-600 text-sm font-semibold text-white md:flex">
                  {user.name.slice(0, 1).toUpperCase()}
                </span>
                <span className="hidden text-left lg:block">
                  <span className="block">{user.name}</span>
                  <span className="block text-xs text-slate-500">{t(`role.${role}`)}</span>
                </span>
              </>
            }
            panelClassName="absolute inset-x-0 top-full z-20 max-h-[calc(100dvh-4rem)] space-y-3 overflow-y-auto border-b border-slate-200 bg-white p-4 shadow-lg md:inset-x-auto md:right-0 md:top-auto md:mt-2 md:max-h-none md:w-72 md:overflow-visible md:rounded-md md:border"
          >
            <div className="space-y-3 border-b border-slate-200 pb-3 md:hidden">
              <nav aria-label={t("nav.main")}>
                <ul className="grid gap-1">
                  {nav.map((item) => (
                    <li key={item.path}>
                      <NavLink
                        to={`/t/${tenant.slug}/${item.path}`}
                        end={item.path === ""}
                        className={({ isActive }) => `flex items-center justify-between ${navLinkClass(isActive)}`}
                      >
                        {t(item.label)}
                        {item.count ? (
                          <span className="rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs font-semibold text-white">
                            <span aria-hidden="true">{item.count}</span>
                            <span className="sr-only">{t("nav.awaiting", { count: item.count })}</span>
                          </span>
                        ) : null}
                      </NavLink>
                    </li>
                  ))}
                  <li>
                    <NavLink
                      to={`/t/${tenant.slug}/inbox`}
                      aria-label={inboxLabel}
                      className={({ isActive }) => `flex items-center justify-between ${navLinkClass(isActive)}`}
                    >
                      {t("nav.inbox")}
                      {unread ? (
                        <span className="rounded-full bg-red-600 px-1.5 py-0.5 text-xs font-semibold text-white">{unread}</span>
                      ) : null}
                    </NavLink>
                  </li>
                </ul>
              </nav>
              {memberships.length > 1 ? (
                <section aria-labelledby="menu-companies">
                  <h2 id="menu-companies" className="px-3 text-xs font-semibold uppercase tracking-wide text-slate-500">
                    {t("userMenu.companies")}
                  </h2>
                  <TenantList tenant={tenant} memberships={memberships} />
                </section>
              ) : null}
            </div>
            <p className="truncate text-sm text-slate-500">{user.email}</p>
            <LanguagePicker />
            <Link to="/account/password" className="block text-sm text-slate-700 hover:text-indigo-600">
              {t("userMenu.changePassword")}
            </Link>
            <Form method="post" action="/logout">
              <button type="submit" className="py-1 text-sm font-semibold text-red-600 hover:underline">
                {t("userMenu.signOut")}
              </button>
            </Form>
          </Disclosure>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}

function TenantList({ tenant, memberships }: Pick<ShellProps, "tenant" | "memberships">) {
  const { t } = useTranslation();
  return (
    <ul>
      {memberships.map((m) => (
        <li key={m.slug}>
          <Link
            to={`/t/${m.slug}`}
            aria-current={m.slug === tenant.slug ? "page" : undefined}
            className="block px-3 py-2 text-sm hover:bg-slate-50 aria-[current]:font-semibold md:px-4"
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
  );
}
