import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { AppShell } from "~/components/app-shell";
import { ErrorPage } from "~/components/error-page";
import { membershipsOf, requireMembership } from "~/services/auth/guards.server";
import { navigationFor } from "~/utils/navigation";
import type { loader as rootLoader } from "~/root";

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const memberships = await membershipsOf(args, membership.user.id);
  return {
    tenant: membership.tenant,
    role: membership.role,
    user: { name: membership.user.name, email: membership.user.email },
    memberships: memberships.map((m) => ({ slug: m.tenant.slug, name: m.tenant.name, role: m.role })),
    nav: navigationFor(membership.role, membership.supplierAdmin).map(({ path, label, count }) => ({
      path,
      label,
      count: count ? (membership.counts?.[count] ?? 0) : null,
    })),
    unread: membership.counts?.unread ?? 0,
  };
}

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ data, matches }) => {
  const appName = matches.find((match) => match.id === "root")?.data?.appName ?? "VMI Portal";
  return [{ title: data ? `${data.tenant.name} · ${appName}` : appName }];
};

export default function TenantLayout() {
  const data = useLoaderData<typeof loader>();
  return (
    <AppShell {...data}>
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage kind={isRouteErrorResponse(error) && error.status === 404 ? "not-found" : "error"} />;
}
